"""The audience rule for every role and every kind of audience."""

import pytest
from django.http import Http404

from abhnetz.announcements.models import Announcement
from abhnetz.audiences.models import Audience, AudienceEntry
from abhnetz.audiences.rules import access_or_404, can_view, reader_keys, visible_to
from abhnetz.audiences.services import audience_assign, audience_store
from tests.factories import UserFactory, make_announcement

EVERYONE = {
    "office_staff",
    "office_staff_b",
    "partner",
    "board_member",
    "coordinator",
    "moderator",
    "administrator",
}

# audience -> who may read it (the author, the coordinator, is added where it applies)
CASES = {
    "network": (lambda n: Audience.network(), EVERYONE - {"board_member"}),
    "network_and_board": (lambda n: Audience.network(advisory_board=True), EVERYONE),
    "offices": (
        lambda n: Audience.offices(),
        {"office_staff", "office_staff_b", "coordinator", "moderator"},
    ),
    "office_a": (
        lambda n: Audience.selected(organisations=[n.office_a]),
        {"office_staff", "moderator"},
    ),
    "office_a_and_board": (
        lambda n: Audience.selected(organisations=[n.office_a], advisory_board=True),
        {"office_staff", "moderator", "board_member"},
    ),
    "working_group": (
        lambda n: Audience.selected(working_groups=[n.digital_group]),
        {"office_staff"},
    ),
    "jobcenter": (lambda n: Audience.selected(organisations=[n.jobcenter]), {"partner"}),
    "board_group": (
        lambda n: Audience.selected(working_groups=[n.board_group]),
        {"board_member"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_role_sees_exactly_its_audiences(network, case):
    # given an announcement by the coordinator for this audience
    make_audience, readers = CASES[case]
    item = make_announcement(network.coordinator, audience=make_audience(network))
    readers = readers | {"coordinator"}  # authors keep sight of what they wrote

    for name, person in network.people().items():
        # when they list and open it
        listed = visible_to(person, Announcement.objects.all()).filter(pk=item.pk).exists()
        # then list and single object agree with the rule
        assert listed == (name in readers), f"{name} listing {case}"
        assert can_view(person, item) == (name in readers), f"{name} opening {case}"


def test_anonymous_and_inactive_see_nothing(network):
    from django.contrib.auth.models import AnonymousUser

    item = make_announcement(network.coordinator)
    network.partner.is_active = False
    assert not visible_to(AnonymousUser(), Announcement.objects.all()).exists()
    assert not can_view(AnonymousUser(), item)
    assert not can_view(network.partner, item)
    assert reader_keys(AnonymousUser()) == frozenset()


def test_access_gives_the_same_404_for_missing_and_forbidden(network):
    item = make_announcement(
        network.coordinator, audience=Audience.selected(organisations=[network.office_a])
    )
    with pytest.raises(Http404):
        access_or_404(network.partner, Announcement.objects.all(), pk=item.pk)
    with pytest.raises(Http404):
        access_or_404(network.partner, Announcement.objects.all(), pk=item.pk + 1000)
    assert access_or_404(network.office_staff, Announcement.objects.all(), pk=item.pk) == item


def test_membership_change_takes_effect_without_rewriting_content(network):
    item = make_announcement(
        network.coordinator, audience=Audience.selected(working_groups=[network.digital_group])
    )
    newcomer = UserFactory(organisation=network.office_b)
    assert not can_view(newcomer, item)
    # joining the working group opens it (keys are read per request, not stored per item)
    newcomer.groups.add(network.digital_group.group)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert can_view(newcomer, item)


def test_narrowing_replaces_the_stored_keys(network):
    item = make_announcement(network.coordinator, audience=Audience.network())
    assert can_view(network.partner, item)
    audience_assign(item, Audience.selected(organisations=[network.office_a]))
    item.save()
    audience_store(item)
    assert not can_view(network.partner, item)
    assert can_view(network.office_staff, item)


def test_offices_only_is_never_for_the_board(network):
    item = make_announcement(
        network.coordinator, audience=Audience(scope="offices", advisory_board=True)
    )
    assert not item.audience_advisory_board
    assert not can_view(network.board_member, item)


def test_deleting_content_removes_its_keys(network):
    item = make_announcement(network.coordinator)
    assert AudienceEntry.objects.filter(object_id=item.pk).exists()
    item.delete()
    assert not AudienceEntry.objects.filter(object_id=item.pk).exists()


def test_reader_keys_cost_one_query(network, django_assert_num_queries):
    user = type(network.partner).objects.get(pk=network.partner.pk)
    with django_assert_num_queries(1):
        reader_keys(user)
        reader_keys(user)


def test_reader_keys_are_roles_working_groups_and_organisation(network, django_assert_num_queries):
    # given office staff A (a role, a working group, an organisation) and someone without an
    # organisation, and many more people with memberships of their own
    for _ in range(5):
        UserFactory(organisation=network.office_b, working_groups=[network.digital_group])
    staff = type(network.office_staff).objects.get(pk=network.office_staff.pk)
    loner = UserFactory(organisation=None, working_groups=[network.board_group])
    role_group = staff.groups.exclude(pk=network.digital_group.group_id).get()

    # when their keys are read
    with django_assert_num_queries(1) as captured:
        keys = reader_keys(staff)

    # then they are exactly their role, their working group and their organisation's group
    assert keys == {role_group.pk, network.digital_group.group_id, network.office_a.group_id}
    assert reader_keys(loner) == {network.board_group.group_id}
    # and read as two indexed lookups, not one OR over every membership and every member
    # of every organisation (4 ms at 3,000 people, on every page)
    sql = captured.captured_queries[0]["sql"].upper()
    assert "UNION" in sql
    assert " OR " not in sql
