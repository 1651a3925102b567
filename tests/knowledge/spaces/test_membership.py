"""Asking to join, deciding, leaving: services, views, e-mails and every permission."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view
from abhnetz.audiences.services import audience_assign
from abhnetz.organisations.models import WorkingGroupStatus
from knowledge.models import KnowledgePage
from knowledge.spaces import permissions, services
from knowledge.spaces.models import JoinRequest, JoinRequestStatus


def in_group(user, working_group) -> bool:
    return user.groups.filter(pk=working_group.group_id).exists()


@pytest.fixture
def group_only_page(network, digital_space):
    page = KnowledgePage(title="E-Akte: Angebotsvergleich", summary="Nur für die Gruppe.")
    audience_assign(page, Audience.selected(working_groups=[network.digital_group]))
    digital_space.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pending(network, digital_space):
    return JoinRequest.objects.create(
        user=network.partner, working_group=network.digital_group, message="Ich möchte mitarbeiten."
    )


# --- asking to join ---------------------------------------------------------------------


def test_a_partner_asks_and_the_coordinator_is_told(
    network, client_for, digital_space, group_lead, django_capture_on_commit_callbacks
):
    client = client_for(network.partner)
    # given the space offers the partner to ask
    assert 'data-testid="join-link"' in client.get(digital_space.url).content.decode()
    assert client.get(digital_space.url + "beitreten/").status_code == 200

    # when they send the form with a message
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            digital_space.url + "beitreten/", {"message": "Wir arbeiten mit der E-Akte."}
        )

    # then the request waits, the group's coordinator got an e-mail with the link
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=network.partner)
    assert join_request.status == JoinRequestStatus.PENDING
    assert [m.to for m in mail.outbox] == [[group_lead.email]]
    assert "/wissen/arbeitsgruppen/" in mail.outbox[0].body
    assert "Wir arbeiten mit der E-Akte." in mail.outbox[0].body
    # and the space says the request is pending instead of offering to ask again
    html = client.get(digital_space.url).content.decode()
    assert 'data-testid="own-request"' in html
    assert 'data-testid="join-link"' not in html
    assert client.get(digital_space.url + "beitreten/").status_code == 403


def test_without_a_group_coordinator_the_network_coordination_is_told(
    network, make_space, django_capture_on_commit_callbacks
):
    make_space(network.board_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_submit(
            user=network.office_staff, working_group=network.board_group, message="Gern."
        )
    assert [m.to for m in mail.outbox] == [[network.coordinator.email]]


def test_an_empty_message_is_refused_next_to_the_field(network, client_for, digital_space):
    response = client_for(network.partner).post(digital_space.url + "beitreten/", {"message": " "})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_message-error"' in html
    assert 'aria-invalid="true"' in html or "kern-form-input--error" in html
    assert not JoinRequest.objects.exists()


def test_the_service_refuses_an_empty_message(network, digital_space):
    with pytest.raises(ValidationError):
        services.join_request_submit(
            user=network.partner, working_group=network.digital_group, message="  "
        )


def test_members_cannot_ask(network, client_for, digital_space):
    assert client_for(network.office_staff).get(digital_space.url + "beitreten/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.join_request_submit(
            user=network.office_staff, working_group=network.digital_group, message="x"
        )


def test_board_members_may_ask_only_the_boards_groups(
    network, client_for, digital_space, make_space
):
    make_space(network.board_group)
    other = client_for(network.board_member)
    # the digital group is closed to them, and the space says why
    assert other.get(digital_space.url + "beitreten/").status_code == 403
    html = other.get(digital_space.url).content.decode()
    assert 'data-testid="join-link"' not in html
    assert "Integrationsbeirat" in html or "advisory board" in html
    # a second board group is open to them
    from tests.factories import UserFactory, WorkingGroupFactory

    second = WorkingGroupFactory(name="Beirat: Sprache", is_advisory_board=True)
    assert permissions.may_ask_to_join(network.board_member, second)
    # and partners may ask any group, the board's too
    assert permissions.may_ask_to_join(network.partner, network.board_group)
    # someone who is on the board and staff of an office is not limited
    both = UserFactory(roles=["advisory_board", "office_staff"])
    assert permissions.may_ask_to_join(both, network.digital_group)


def test_closed_groups_take_no_requests(network, client_for, digital_space):
    network.digital_group.status = WorkingGroupStatus.CLOSED
    network.digital_group.save()
    assert client_for(network.partner).get(digital_space.url + "beitreten/").status_code == 403


def test_one_pending_request_at_a_time(network, pending):
    with pytest.raises(PermissionDenied):
        services.join_request_submit(
            user=network.partner, working_group=network.digital_group, message="Nochmal."
        )


# --- deciding ---------------------------------------------------------------------------


def test_the_group_coordinator_approves_and_the_person_joins(
    network,
    client_for,
    digital_space,
    group_lead,
    pending,
    group_only_page,
    django_capture_on_commit_callbacks,
):
    partner = client_for(network.partner)
    assert partner.get(group_only_page.url).status_code == 404
    lead = client_for(group_lead, mfa=True)
    # given the coordinator sees the waiting request
    listing = lead.get(digital_space.url + "anfragen/")
    assert listing.status_code == 200
    assert "Ich möchte mitarbeiten." in listing.content.decode()

    # when they approve it on the front end
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(digital_space.url + f"anfragen/{pending.pk}/", {"decision": "approve"})

    # then the partner is a member, told by e-mail, and reads the group's page next time
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.APPROVED
    assert pending.decided_by == group_lead
    assert pending.decided_at is not None
    assert in_group(network.partner, network.digital_group)
    assert [m.to for m in mail.outbox] == [[network.partner.email]]
    assert partner.get(group_only_page.url).status_code == 200
    # and the list is empty
    assert (
        'data-testid="no-join-requests"'
        in lead.get(digital_space.url + "anfragen/").content.decode()
    )


def test_a_network_coordinator_declines_from_the_overview(
    network, client_for, digital_space, pending, django_capture_on_commit_callbacks
):
    coordinator = client_for(network.coordinator, mfa=True)
    overview = coordinator.get("/wissen/arbeitsgruppen/anfragen/")
    assert overview.status_code == 200
    assert network.partner.get_full_name() in overview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            digital_space.url + f"anfragen/{pending.pk}/", {"decision": "decline", "next": "index"}
        )
    assert response.status_code == 302
    assert response["Location"] == "/wissen/arbeitsgruppen/anfragen/"
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.DECLINED
    assert not in_group(network.partner, network.digital_group)
    assert [m.to for m in mail.outbox] == [[network.partner.email]]
    assert "abgelehnt" in mail.outbox[0].body or "declined" in mail.outbox[0].body


@pytest.mark.parametrize(
    "person", ["office_staff", "office_staff_b", "partner", "board_member", "moderator"]
)
def test_others_may_not_see_or_decide_requests(network, client_for, digital_space, pending, person):
    client = client_for(getattr(network, person))
    assert client.get(digital_space.url + "anfragen/").status_code == 403
    assert client.get("/wissen/arbeitsgruppen/anfragen/").status_code == 403
    response = client.post(digital_space.url + f"anfragen/{pending.pk}/", {"decision": "approve"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.PENDING
    with pytest.raises(PermissionDenied):
        services.join_request_approve(join_request=pending, by=getattr(network, person))


def test_guests_are_sent_to_login_for_every_route(digital_space, pending):
    for url in (
        digital_space.url + "anfragen/",
        digital_space.url + "verlassen/",
        "/wissen/arbeitsgruppen/anfragen/",
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    response = Client().post(digital_space.url + f"anfragen/{pending.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.PENDING


def test_unknown_decided_or_other_groups_requests_answer_404(
    network, client_for, digital_space, make_space, group_lead, pending
):
    board_space = make_space(network.board_group)
    other = JoinRequest.objects.create(
        user=network.office_staff, working_group=network.board_group, message="Gern."
    )
    lead = client_for(group_lead, mfa=True)
    # a number that does not exist
    assert (
        lead.post(digital_space.url + "anfragen/999999/", {"decision": "approve"}).status_code
        == 404
    )
    # another group's request through this group's space
    assert (
        lead.post(digital_space.url + f"anfragen/{other.pk}/", {"decision": "approve"}).status_code
        == 404
    )
    # the group lead is not the board group's coordinator
    assert (
        lead.post(board_space.url + f"anfragen/{other.pk}/", {"decision": "approve"}).status_code
        == 403
    )
    # a request already decided
    services.join_request_decline(join_request=pending, by=network.coordinator)
    assert (
        lead.post(
            digital_space.url + f"anfragen/{pending.pk}/", {"decision": "approve"}
        ).status_code
        == 404
    )
    with pytest.raises(ValidationError):
        services.join_request_approve(join_request=pending, by=network.coordinator)


def test_a_decision_needs_get_no_and_a_valid_choice(
    network, client_for, digital_space, group_lead, pending
):
    lead = client_for(group_lead, mfa=True)
    assert lead.get(digital_space.url + f"anfragen/{pending.pk}/").status_code == 405
    response = lead.post(digital_space.url + f"anfragen/{pending.pk}/", {"decision": "maybe"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.PENDING


def test_the_group_coordinator_sees_only_their_groups_requests(
    network, client_for, digital_space, make_space, group_lead, pending
):
    make_space(network.board_group)
    JoinRequest.objects.create(
        user=network.office_staff_b, working_group=network.board_group, message="Beirat bitte."
    )
    html = client_for(group_lead, mfa=True).get("/wissen/arbeitsgruppen/anfragen/").content.decode()
    assert "Ich möchte mitarbeiten." in html
    assert "Beirat bitte." not in html
    html = (
        client_for(network.coordinator, mfa=True)
        .get("/wissen/arbeitsgruppen/anfragen/")
        .content.decode()
    )
    assert "Beirat bitte." in html


def test_the_request_list_query_count_does_not_grow(
    network, client_for, digital_space, group_lead, pending, queries
):
    from tests.factories import UserFactory

    client = client_for(network.coordinator, mfa=True)

    def add_items():
        for _n in range(4):
            JoinRequest.objects.create(
                user=UserFactory(organisation=network.office_b),
                working_group=network.digital_group,
                message="Bitte.",
            )

    queries.assert_constant(lambda: client.get("/wissen/arbeitsgruppen/anfragen/"), add_items)


# --- leaving ----------------------------------------------------------------------------


def test_a_member_leaves_after_confirming(network, client_for, digital_space, group_only_page):
    client = client_for(network.office_staff)
    assert client.get(group_only_page.url).status_code == 200
    # the confirmation page changes nothing
    confirm = client.get(digital_space.url + "verlassen/")
    assert confirm.status_code == 200
    assert in_group(network.office_staff, network.digital_group)
    # the POST does
    response = client.post(digital_space.url + "verlassen/")
    assert response.status_code == 302
    assert not in_group(network.office_staff, network.digital_group)
    assert client.get(group_only_page.url).status_code == 404
    assert not can_view(network.office_staff, group_only_page)
    # and the space offers to ask again
    assert 'data-testid="join-link"' in client.get(digital_space.url).content.decode()


def test_non_members_cannot_leave(network, client_for, digital_space):
    client = client_for(network.partner)
    assert client.get(digital_space.url + "verlassen/").status_code == 403
    assert client.post(digital_space.url + "verlassen/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.membership_leave(user=network.partner, working_group=network.digital_group)
