"""Minutes keep their decisions' numbers and their action items' identity across revisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from knowledge.minutes.models import ActionItem, Decision, MeetingType, MinutesPage


def live_decisions(page):
    return list(Decision.objects.filter(page_id=page.pk).order_by("sort_order"))


def test_decisions_are_numbered_in_order_on_publish(network, publish_minutes):
    # when minutes with three decisions are published
    page = publish_minutes(
        decisions=[
            "Kennzahlen monatlich erfassen.",
            "Formulare zentral pflegen.",
            "Nächstes Treffen in Eichtal.",
        ],
        owner=network.coordinator,
    )

    # then they are decisions 1, 2 and 3, citable at #beschluss-N
    decisions = live_decisions(page)
    assert [d.number for d in decisions] == [1, 2, 3]
    assert decisions[2].anchor == "beschluss-3"
    assert page.last_decision_number == 3


def test_numbers_survive_new_revisions_and_are_never_reused(network, publish_minutes):
    # given minutes with decisions 1, 2 and 3
    page = publish_minutes(decisions=["Eins.", "Zwei.", "Drei."], owner=network.coordinator)

    # when an editor deletes decision 2, moves 3 to the top and adds a new one in a draft
    draft = MinutesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    one, _two, three = sorted(draft.decisions.all(), key=lambda d: d.number)
    new = Decision(text="Vier.")
    for position, decision in enumerate([three, one, new]):
        decision.sort_order = position  # as the admin's inline panel does
    draft.decisions = [three, one, new]
    revision = draft.save_revision(user=network.coordinator)

    # then the new decision has number 4 already in the draft (2 is never given again) ...
    assert new.number == 4
    assert sorted(d.number for d in revision.as_object().decisions.all()) == [1, 3, 4]
    # ... and publishing keeps every number where it was
    revision.publish()
    assert [(d.number, d.text) for d in live_decisions(page)] == [
        (3, "Drei."),
        (1, "Eins."),
        (4, "Vier."),
    ]
    # and publishing again changes nothing
    MinutesPage.objects.get(pk=page.pk).save_revision(user=network.coordinator).publish()
    assert [d.number for d in live_decisions(page)] == [3, 1, 4]


def test_action_item_uuid_is_kept_by_revisions(network, publish_minutes):
    # given published minutes with an action item
    page = publish_minutes(
        action_items=[{"title": "Schema verschicken", "owner_person": network.coordinator}],
        owner=network.coordinator,
    )
    item = ActionItem.objects.get(page_id=page.pk)

    # when its text is edited and a new revision is published
    draft = MinutesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    (draft_item,) = draft.action_items.all()
    draft_item.title = "Kennzahlenschema verschicken"
    draft.action_items = [draft_item]
    draft.save_revision(user=network.coordinator).publish()

    # then it is the same item
    edited = ActionItem.objects.get(page_id=page.pk)
    assert edited.uuid == item.uuid
    assert edited.title == "Kennzahlenschema verschicken"


def test_meeting_must_end_after_it_starts(network):
    page = MinutesPage(
        title="Protokoll",
        summary="x",
        meeting_date=datetime.date(2026, 4, 18),
        meeting_type=MeetingType.WORKSHOP,
        place="Rosenfurt",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(10, 0),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_time" in error.value.message_dict


# a page's constructor asks for its content type (cached only once another test asked)
@pytest.mark.django_db
def test_meeting_needs_a_place_or_a_video_link():
    page = MinutesPage(
        title="Protokoll",
        summary="x",
        meeting_date=datetime.date(2026, 4, 18),
        meeting_type=MeetingType.BILATERAL,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "place" in error.value.message_dict

    # a video link alone is enough
    page.video_link = "https://video.example/raum"
    page.clean()


def test_action_item_needs_an_owner(network):
    item = ActionItem(title="Irgendwer macht das")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "owner_person" in error.value.message_dict

    # an organisation alone is enough
    ActionItem(title="Die ABH Adorf macht das", owner_organisation=network.office_a).clean()


def test_minutes_live_in_the_knowledge_base_or_a_working_group_space(db):
    from knowledge.models import KnowledgeIndexPage
    from knowledge.spaces.models import WorkingGroupPage

    assert MinutesPage.can_create_at(KnowledgeIndexPage())
    assert MinutesPage.can_create_at(WorkingGroupPage())
