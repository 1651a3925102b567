"""Marking action items done: who may, and why publishing a revision keeps it done."""

import pytest
from django.core.exceptions import PermissionDenied

from abhnetz.audiences.models import Audience
from knowledge.minutes.models import ActionItemCompletion, MinutesPage
from knowledge.minutes.selectors import annotate_action_items
from knowledge.minutes.services import action_item_complete, action_item_reopen

from .conftest import action_item_of


def test_owner_marks_done_and_a_new_revision_keeps_it_done(network, publish_minutes):
    # given minutes with an action item of office staff A
    page = publish_minutes(
        action_items=[{"title": "Checkliste übersetzen", "owner_person": network.office_staff}],
        owner=network.coordinator,
    )
    item = action_item_of(page, "Checkliste übersetzen")

    # when its owner marks it done from the front end
    completion = action_item_complete(item=item, by=network.office_staff)
    assert completion.done_by == network.office_staff

    # and an editor then edits the minutes (the item's text too) and publishes a revision
    draft = MinutesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.title = "Protokoll Vernetzungstreffen (ergänzt)"
    (draft_item,) = draft.action_items.all()
    draft_item.title = "Checkliste Aufenthaltserlaubnis übersetzen"
    draft.action_items = [draft_item]
    draft.save_revision(user=network.coordinator).publish()

    # then the item is still done
    (reloaded,) = annotate_action_items(
        [action_item_of(page, "Checkliste Aufenthaltserlaubnis übersetzen")], network.office_staff
    )
    assert reloaded.is_done
    assert reloaded.completion.done_by == network.office_staff


def test_republishing_an_old_revision_keeps_it_done(network, publish_minutes):
    # given minutes published twice, and an item done after that
    page = publish_minutes(
        action_items=[{"title": "Schema verschicken", "owner_person": network.coordinator}],
        owner=network.coordinator,
    )
    first_revision = page.latest_revision
    MinutesPage.objects.get(pk=page.pk).save_revision(user=network.coordinator).publish()
    action_item_complete(item=action_item_of(page, "Schema verschicken"), by=network.coordinator)

    # when the editor reverts to the first revision and publishes it
    first_revision.publish()

    # then the item is still done
    item = action_item_of(page, "Schema verschicken")
    (item,) = annotate_action_items([item], network.coordinator)
    assert item.is_done


def test_marking_twice_keeps_the_first_completion(network, publish_minutes):
    page = publish_minutes(
        action_items=[{"title": "A", "owner_person": network.office_staff}],
        owner=network.coordinator,
    )
    item = action_item_of(page, "A")
    first = action_item_complete(item=item, by=network.office_staff)
    again = action_item_complete(item=item, by=network.office_staff)
    assert again.pk == first.pk
    assert ActionItemCompletion.objects.count() == 1


def test_reopen_makes_it_open_again(network, publish_minutes):
    page = publish_minutes(
        action_items=[{"title": "A", "owner_person": network.office_staff}],
        owner=network.coordinator,
    )
    item = action_item_of(page, "A")
    action_item_complete(item=item, by=network.office_staff)

    action_item_reopen(item=item, by=network.office_staff)

    (item,) = annotate_action_items([item], network.office_staff)
    assert not item.is_done


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("office_staff", True),  # the owner
        ("moderator", True),  # same organisation as the owning organisation (office A)
        ("coordinator", True),  # coordinators keep the list tidy
        ("office_staff_b", False),
        ("partner", False),
        ("board_member", False),
        ("administrator", False),
    ],
)
def test_who_may_mark_done(network, publish_minutes, person, allowed):
    # given a network-wide item owned by office staff A and office A
    page = publish_minutes(
        action_items=[
            {
                "title": "A",
                "owner_person": network.office_staff,
                "owner_organisation": network.office_a,
            }
        ],
        audience=Audience.network(advisory_board=True),
        owner=network.administrator,
    )
    item = action_item_of(page, "A")
    user = network.people()[person]

    # when they try to mark it done, then only owners and coordinators succeed
    if allowed:
        action_item_complete(item=item, by=user)
        assert ActionItemCompletion.objects.filter(item_uuid=item.uuid).exists()
    else:
        with pytest.raises(PermissionDenied):
            action_item_complete(item=item, by=user)
        assert not ActionItemCompletion.objects.exists()


def test_owner_who_can_no_longer_see_the_minutes_may_not(network, publish_minutes):
    # given an item of office staff B in minutes for office A only (they are not the author)
    page = publish_minutes(
        action_items=[{"title": "A", "owner_person": network.office_staff_b}],
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    item = action_item_of(page, "A")

    with pytest.raises(PermissionDenied):
        action_item_complete(item=item, by=network.office_staff_b)
    # and a coordinator outside the audience may not either
    with pytest.raises(PermissionDenied):
        action_item_complete(item=item, by=network.coordinator)
