"""Every privileged action needs the second factor, as the admin does (issue #9).

A coordinator signed in with the password alone must not reach the admin's power
through the front end: inviting, deciding access requests, deciding who joins a working
group, moderating someone else's announcement. Each is refused (nothing changes) and
leads to the second factor, keeping where they were; with the factor it works.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from abhnetz.accounts.models import AccessRequest, AccessRequestStatus, Invitation
from abhnetz.accounts.roles import Role
from abhnetz.announcements.models import Announcement
from knowledge.spaces.models import JoinRequest, JoinRequestStatus
from tests.factories import make_announcement


def password_only(user) -> Client:
    """Signed in with the password alone (no app, or an app this session did not use)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_sent_to_second_factor(response, *, back_to: str, has_app: bool = False):
    assert response.status_code == 302
    step = "/konto/2fa/reauthenticate/" if has_app else "/konto/zweiter-faktor/"
    assert response["Location"] == f"{step}?next={back_to}"


@pytest.fixture(autouse=True)
def _office_domain(network):
    network.office_a.email_domains = "adorf.example"
    network.office_a.save()


@pytest.fixture
def access_request(network):
    return AccessRequest.objects.create(
        first_name="Paula",
        last_name="Probst",
        email="paula@adorf.example",
        organisation=network.office_a,
    )


def invitation_data(network) -> dict:
    return {
        "email": "neu@adorf.example",
        "organisation": network.office_a.pk,
        "role": "office_staff",
    }


# --- invitations -----------------------------------------------------------------------


@pytest.mark.parametrize("has_app", [False, True])
@pytest.mark.parametrize("person", ["coordinator", "administrator"])
def test_inviting_needs_the_second_factor(network, person, has_app):
    # given a coordinator or administrator signed in with the password alone
    user = getattr(network, person)
    if has_app:
        TOTP.activate(user, generate_totp_secret())
    client = password_only(user)

    # when they open the invitation form or post an invitation
    opened = client.get("/einladungen/neu/")
    posted = client.post(
        "/einladungen/neu/",
        invitation_data(network),
        HTTP_REFERER="http://testserver/einladungen/neu/",
    )

    # then both lead to the second factor and back, and nobody is invited
    assert_sent_to_second_factor(opened, back_to="/einladungen/neu/", has_app=has_app)
    assert_sent_to_second_factor(posted, back_to="/einladungen/neu/", has_app=has_app)
    assert not Invitation.objects.exists()


def test_the_invitation_list_and_withdrawing_need_it_too(network, client_for):
    invitation = client_for(network.coordinator, mfa=True).post(
        "/einladungen/neu/", invitation_data(network)
    )
    assert invitation.status_code == 302
    invitation = Invitation.objects.get()
    client = password_only(network.administrator)
    assert client.get("/einladungen/").status_code == 302
    response = client.post(f"/einladungen/{invitation.pk}/zurueckziehen/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_with_the_second_factor_inviting_works(network, client_for):
    client = client_for(network.coordinator, mfa=True)
    response = client.post("/einladungen/neu/", invitation_data(network))
    assert response["Location"] == "/einladungen/"
    assert Invitation.objects.get().email == "neu@adorf.example"


def test_people_without_the_role_get_403_not_the_set_up(network, client_for):
    # office staff may not invite at all: they are not sent to set up an app for it
    response = client_for(network.office_staff).get("/einladungen/neu/")
    assert response.status_code == 403


# --- access requests -------------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_deciding_an_access_request_needs_the_second_factor(network, access_request, decision):
    client = password_only(network.coordinator)
    detail = f"/zugangsanfragen/{access_request.pk}/"
    data = {
        "approve": {
            "approve": "1",
            "approve-organisation": network.office_a.pk,
            "approve-role": Role.OFFICE_STAFF,
        },
        "decline": {"decline": "1", "decline-reason": ""},
    }[decision]

    assert_sent_to_second_factor(client.get("/zugangsanfragen/"), back_to="/zugangsanfragen/")
    response = client.post(detail, data, HTTP_REFERER=f"http://testserver{detail}")

    assert_sent_to_second_factor(response, back_to=detail)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.PENDING
    assert not Invitation.objects.exists()


def test_with_the_second_factor_an_access_request_is_decided(network, access_request, client_for):
    client = client_for(network.coordinator, mfa=True)
    response = client.post(
        f"/zugangsanfragen/{access_request.pk}/", {"decline": "1", "decline-reason": ""}
    )
    assert response["Location"] == "/zugangsanfragen/"
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.DECLINED


def test_a_foreign_referer_does_not_become_the_way_back(network, access_request):
    response = password_only(network.coordinator).post(
        f"/zugangsanfragen/{access_request.pk}/",
        {"decline": "1"},
        HTTP_REFERER="https://evil.example/",
    )
    assert_sent_to_second_factor(response, back_to="/")


# --- working-group membership ----------------------------------------------------------


@pytest.fixture
def join_request(network, digital_space):
    return JoinRequest.objects.create(
        user=network.partner, working_group=network.digital_group, message="Ich möchte mitarbeiten."
    )


@pytest.mark.parametrize("decider", ["coordinator", "group_lead"])
def test_deciding_who_joins_a_working_group_needs_the_second_factor(
    network, digital_space, group_lead, join_request, decider
):
    user = group_lead if decider == "group_lead" else network.coordinator
    client = password_only(user)
    listing = digital_space.url + "anfragen/"

    assert_sent_to_second_factor(client.get(listing), back_to=listing)
    response = client.post(
        digital_space.url + f"anfragen/{join_request.pk}/",
        {"decision": "approve"},
        HTTP_REFERER=f"http://testserver{listing}",
    )

    assert_sent_to_second_factor(response, back_to=listing)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING
    assert not network.partner.groups.filter(pk=network.digital_group.group_id).exists()


def test_with_the_second_factor_the_request_is_approved(
    network, digital_space, join_request, client_for
):
    client = client_for(network.coordinator, mfa=True)
    client.post(digital_space.url + f"anfragen/{join_request.pk}/", {"decision": "approve"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.APPROVED


# --- moderation ------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["moderator", "coordinator"])
def test_moderating_someone_elses_announcement_needs_the_second_factor(network, person):
    # given an announcement by office staff, and a moderator without the second factor
    announcement = make_announcement(network.office_staff, title="Öffnungszeiten")
    client = password_only(getattr(network, person))
    edit = f"/mitteilungen/{announcement.pk}/bearbeiten/"
    delete = f"/mitteilungen/{announcement.pk}/loeschen/"

    # when they try to change or delete it
    edited = client.post(edit, {"title": "Geändert", "body": "x", "audience_scope": "network"})
    deleted = client.post(delete, HTTP_REFERER=f"http://testserver{delete}")

    # then they are sent to the second factor and the announcement is unchanged
    assert edited.status_code == 302
    assert edited["Location"].startswith("/konto/zweiter-faktor/")
    assert_sent_to_second_factor(deleted, back_to=delete)
    announcement.refresh_from_db()
    assert announcement.title == "Öffnungszeiten"


def test_with_the_second_factor_moderation_works(network, client_for):
    announcement = make_announcement(network.office_staff)
    client = client_for(network.moderator, mfa=True)
    client.post(f"/mitteilungen/{announcement.pk}/loeschen/")
    assert not Announcement.objects.filter(pk=announcement.pk).exists()


def test_authors_edit_their_own_announcements_without_it(network, client_for):
    # writing and correcting one's own announcement is not moderation
    announcement = make_announcement(network.coordinator)
    response = client_for(network.coordinator).get(f"/mitteilungen/{announcement.pk}/bearbeiten/")
    assert response.status_code == 200


# --- the admin ----------------------------------------------------------------------------


PRIVILEGED = {"moderator", "coordinator", "administrator"}


def test_every_privileged_role_reaches_the_admin_only_past_the_second_factor(network):
    for name, person in network.people().items():
        # given everyone who may enter the admin, signed in with the password alone
        if not person.has_perm("wagtailadmin.access_admin"):
            continue
        # when they open a page deep inside the admin
        path = "/admin/pages/search/"
        response = password_only(person).get(path)
        # then moderators, coordinators and administrators set up the app first, keeping
        # the way; office staff write their guides there without one
        if name in PRIVILEGED or person.is_superuser:
            assert_sent_to_second_factor(response, back_to=path)
        else:
            assert name == "office_staff" or name.startswith("office_staff"), name
            assert response.status_code == 200, name


# --- roles and memberships in the admin --------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/users/",  # accounts and their roles (groups)
        "/admin/groups/",
        "/admin/snippets/organisations/workinggroup/",  # working-group members
    ],
)
def test_role_and_membership_edits_in_the_admin_need_the_second_factor(network, path):
    # given the administrator with an app, whose session did not use it
    TOTP.activate(network.administrator, generate_totp_secret())
    client = password_only(network.administrator)

    # then the admin's user, group and working-group pages ask for the code first
    assert_sent_to_second_factor(client.get(path), back_to=path, has_app=True)


def test_with_the_second_factor_the_admin_user_list_opens(network, client_for):
    response = client_for(network.administrator, mfa=True).get("/admin/users/")
    assert response.status_code == 200
