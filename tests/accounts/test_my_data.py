"""My data (DSGVO): the overview, the JSON export and deleting one's account."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import Revision

from abhnetz.accounts.data_services import (
    BEFORE_USER_DELETE_HOOK,
    USER_DATA_EXPORT_HOOK,
    user_data_export,
    user_delete,
)
from abhnetz.accounts.models import User
from abhnetz.announcements.models import Announcement
from abhnetz.core.models import HomePage, LegalPage
from tests.factories import PASSWORD, TopicFactory, make_announcement

PAGE_URL = reverse("my_data")
EXPORT_URL = reverse("my_data_export")
DELETE_URL = reverse("my_data_delete")
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def author(network):
    """Office staff A with a profile, a second factor, a second address and an announcement."""
    person = network.office_staff
    person.phone = "0123 4711"
    person.expertise_note = "Terminvergabe"
    person.save()
    person.expertise.add(TopicFactory(name="ServicePoint", slug="servicepoint"))
    EmailAddress.objects.create(user=person, email="privat@adorf.example", verified=False)
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    make_announcement(person, title="Neue Öffnungszeiten", body="Ab **Montag** bis 18 Uhr.")
    return person


def test_the_page_explains_and_links_export_profile_and_deletion(network, client_for):
    # when a member opens "My data"
    response = client_for(network.partner).get(PAGE_URL)

    # then it shows their profile and leads to the profile form, the export and deletion
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "partner@jobcenter.example" in html
    for url in (reverse("my_profile"), EXPORT_URL, DELETE_URL):
        assert f'href="{url}"' in html
    # with the date joined as 18.04.2026
    assert timezone.localtime(network.partner.date_joined).strftime("%d.%m.%Y") in html


def test_the_export_is_a_json_attachment(author, client_for):
    # when office staff A downloads their data
    response = client_for(author).get(EXPORT_URL)

    # then it is a JSON file to save, not to show, and no cache keeps it
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="abhnetz-meine-daten-')
    assert disposition.endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    json.loads(response.content)


def test_the_export_holds_everything_stored_about_the_person(author, network, client_for):
    # given someone else's announcement that must not appear
    make_announcement(network.coordinator, title="Vom Ministerium")

    # when office staff A downloads their data
    data = json.loads(client_for(author).get(EXPORT_URL).content)

    # then profile, organisation, roles, working groups and addresses are there
    assert data["profile"]["email"] == "office@adorf.example"
    assert data["profile"]["phone"] == "0123 4711"
    assert data["profile"]["expertise"] == ["ServicePoint"]
    assert data["profile"]["expertise_note"] == "Terminvergabe"
    assert data["organisation"]["name"] == "Ausländerbehörde Adorf"
    assert [role["role"] for role in data["roles"]] == ["office_staff"]
    assert [wg["name"] for wg in data["working_groups"]] == [network.digital_group.name]
    assert {a["email"] for a in data["email_addresses"]} == {
        "office@adorf.example",
        "privat@adorf.example",
    }
    # and the second factor by its type only
    assert [a["type"] for a in data["mfa_authenticators"]] == ["totp"]
    # and what they wrote, with its text; nobody else's
    assert [(a["title"], a["text"]) for a in data["announcements"]] == [
        ("Neue Öffnungszeiten", "Ab **Montag** bis 18 Uhr.")
    ]


def test_the_export_never_contains_secrets(author, client_for):
    # when office staff A downloads their data
    content = client_for(author).get(EXPORT_URL).content.decode()

    # then neither the TOTP secret nor the password hash is in it
    assert TOTP_SECRET not in content
    assert author.password not in content
    assert "password" not in json.loads(content)["profile"]


def test_the_export_includes_invitations_and_access_requests(network, client_for):
    # given the onboarding models of this version
    try:
        Invitation = apps.get_model("accounts", "Invitation")
        AccessRequest = apps.get_model("accounts", "AccessRequest")
    except LookupError:
        pytest.skip("this version has no invitations or access requests")
    person = network.partner
    AccessRequest.objects.create(
        first_name="Paula",
        last_name="Partner",
        email=person.email,
        organisation=network.jobcenter,
        message="Ich arbeite im Jobcenter.",
    )
    Invitation.objects.create(
        email=person.email,
        organisation=network.jobcenter,
        role="partner_staff",
        token_hash="f" * 64,
        expires_at=timezone.now() + timedelta(days=14),
        accepted_by=person,
    )

    # when the partner downloads their data
    data = json.loads(client_for(person).get(EXPORT_URL).content)

    # then how they came in is there, without the invitation's token
    assert [r["message"] for r in data["access_requests"]] == ["Ich arbeite im Jobcenter."]
    assert [i["organisation"] for i in data["invitations"]] == ["Jobcenter Adorf"]
    assert "f" * 64 not in json.dumps(data)


def test_apps_extend_the_export_through_a_hook(network):
    # given an app that stores RSVPs
    def export_rsvps(user):
        return "rsvps", [{"event": "Vernetzungstreffen", "user": user.email}]

    def nothing_here(user):
        return None

    # when the export is made with its hooks registered
    with hooks.register_temporarily(USER_DATA_EXPORT_HOOK, export_rsvps):
        with hooks.register_temporarily(USER_DATA_EXPORT_HOOK, nothing_here):
            data = user_data_export(user=network.partner)

    # then its section is part of the export
    assert data["rsvps"] == [{"event": "Vernetzungstreffen", "user": "partner@jobcenter.example"}]


def test_a_hook_may_not_overwrite_a_section(network):
    def overwrite_profile(user):
        return "profile", {}

    with hooks.register_temporarily(USER_DATA_EXPORT_HOOK, overwrite_profile):
        with pytest.raises(ImproperlyConfigured):
            user_data_export(user=network.partner)


def test_the_delete_page_asks_for_confirmation(network, client_for):
    # when a member opens the deletion page
    response = client_for(network.partner).get(DELETE_URL)

    # then it asks for the e-mail address or the password, with a label, and deletes nothing
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<label class="kern-label" for="id_confirmation">' in html
    assert User.objects.filter(pk=network.partner.pk).exists()


def test_a_wrong_confirmation_deletes_nothing(network, client_for):
    # when the partner types something else
    response = client_for(network.partner).post(DELETE_URL, {"confirmation": "ja, weg damit"})

    # then the error stands next to the field and the account is still there
    assert response.status_code == 200
    assert 'id="id_confirmation-error"' in response.content.decode()
    assert User.objects.filter(pk=network.partner.pk).exists()


@pytest.mark.parametrize("confirmation", ["OFFICE@adorf.example ", PASSWORD])
def test_deleting_the_account(author, network, client_for, confirmation):
    # given office staff A owns a page and a revision of it
    home = HomePage.objects.get()
    page = home.add_child(
        instance=LegalPage(title="Hausordnung", body="<p>Bitte leise.</p>", owner=author)
    )
    revision = page.save_revision(user=author)
    announcement = Announcement.objects.get(title="Neue Öffnungszeiten")
    client = client_for(author)

    # when they confirm the deletion with their e-mail address or their password
    response = client.post(DELETE_URL, {"confirmation": confirmation}, follow=True)

    # then the account, its addresses and its second factor are gone
    assert not User.objects.filter(pk=author.pk).exists()
    assert not EmailAddress.objects.filter(email="office@adorf.example").exists()
    assert not Authenticator.objects.filter(user_id=author.pk).exists()
    # and they are signed out on the landing page, with a message
    assert response.redirect_chain[-1][0] == "/"
    assert not response.context["user"].is_authenticated
    assert gettext("Your account and your profile were deleted.") in response.content.decode()
    assert client.get(PAGE_URL).status_code == 302
    # and what they wrote stays, without them
    announcement.refresh_from_db()
    assert announcement.author is None
    assert Revision.objects.get(pk=revision.pk).user is None
    page.refresh_from_db()
    assert page.owner is None
    # shown as written by a former member
    html = client_for(network.coordinator).get(announcement.get_absolute_url()).content.decode()
    assert gettext("former member") in html


def test_deletion_takes_the_persons_access_request_with_it(network):
    try:
        AccessRequest = apps.get_model("accounts", "AccessRequest")
    except LookupError:
        pytest.skip("this version has no access requests")
    # given the access request the partner once sent, and someone else's
    AccessRequest.objects.create(first_name="P", last_name="P", email=network.partner.email)
    other = AccessRequest.objects.create(first_name="O", last_name="O", email="o@x.example")

    # when the partner's account is deleted
    user_delete(user=network.partner)

    # then their request with their name and address is gone, the other one stays
    assert list(AccessRequest.objects.all()) == [other]


def test_a_failing_delete_hook_keeps_the_account(network):
    # given an app that refuses the deletion
    def refuse(user):
        raise RuntimeError("still the only coordinator of an event")

    # when the account is to be deleted
    with hooks.register_temporarily(BEFORE_USER_DELETE_HOOK, refuse):
        with pytest.raises(RuntimeError):
            user_delete(user=network.partner)

    # then nothing happened
    assert User.objects.filter(pk=network.partner.pk).exists()


def test_my_data_needs_a_login(client, network):
    for url in (PAGE_URL, EXPORT_URL, DELETE_URL, reverse("my_profile")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
