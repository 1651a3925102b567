"""Signing in with allauth: rate limits, password reset, mandatory e-mail verification, and
which account pages answer guests."""

from html import escape

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from abhnetz.accounts.adapter import (
    LOGIN_FAILED,
    LOGIN_FAILED_ADDRESS,
    AccountAdapter,
    too_many_attempts,
)
from tests.factories import PASSWORD, UserFactory

from .helpers import assert_accessible_page, link_in, text

NEW_PASSWORD = "Aktenzeichen-Rathaus-2026!"


def sign_in(client, email, password, **extra):
    return client.post("/konto/login/", {"login": email, "password": password, **extra})


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_login_page_is_ours_and_accessible(db):
    response = Client().get("/konto/login/")
    html = assert_accessible_page(response)
    assert response.status_code == 200
    assert 'name="login"' in html
    assert 'type="password"' in html
    # closed network: no sign-up link, but the way to ask for access
    assert "/konto/signup/" not in html
    assert 'href="/zugang-beantragen/"' in html
    assert 'href="/konto/password/reset/"' in html


def test_a_member_signs_in_with_email_and_password(network):
    # when a member signs in (the address in any case)
    client = Client()
    response = sign_in(client, network.office_staff.email.upper(), PASSWORD)

    # then they land on the start page, signed in
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(signed_in_as(client)) == network.office_staff.pk


def test_a_wrong_password_is_refused_and_the_address_kept(network):
    client = Client()
    response = sign_in(client, network.office_staff.email, "wrong-password-123")
    html = assert_accessible_page(response)
    assert response.status_code == 200
    assert signed_in_as(client) is None
    assert 'class="kern-alert kern-alert--danger"' in html
    assert f'value="{network.office_staff.email}"' in html


def waiting_message(action, *, minutes) -> str:
    return escape(too_many_attempts(action=action, seconds=minutes * 60).messages[0])


def wrong_tries(client, email, count):
    for _attempt in range(count):
        response = sign_in(client, email, "wrong-password-123")
        assert response.status_code == 200
        assert signed_in_as(client) is None


def test_failed_logins_are_limited_per_address_and_computer(network, settings):
    # given the configured limit of 5 failed attempts per address and source in 5 minutes
    assert "5/5m/key" in settings.ACCOUNT_RATE_LIMITS["login_failed"]
    attacker = Client(REMOTE_ADDR="192.0.2.10")

    # when someone tries five wrong passwords for a colleague's address
    wrong_tries(attacker, network.office_staff.email, 5)

    # then that computer is refused even the right password, told how long to wait
    response = sign_in(attacker, network.office_staff.email, PASSWORD)
    assert response.status_code == 200
    assert signed_in_as(attacker) is None
    html = assert_accessible_page(response)
    assert waiting_message(LOGIN_FAILED, minutes=5) in html
    assert 'class="kern-alert kern-alert--danger"' in html
    # (the words of the message are ours, not allauth's "try again later")
    too_many = text(str(DefaultAccountAdapter.error_messages["too_many_login_attempts"]))
    assert too_many not in html


def test_a_colleagues_wrong_tries_do_not_lock_the_owner_out(network):
    # given five wrong passwords for the address from another machine
    wrong_tries(Client(REMOTE_ADDR="192.0.2.10"), network.office_staff.email, 5)

    # when the owner signs in from their own machine with the right password
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = sign_in(owner, network.office_staff.email, PASSWORD)

    # then they are in
    assert response.status_code == 302
    assert int(signed_in_as(owner)) == network.office_staff.pk


def test_the_ceiling_per_address_stops_guessing_from_many_machines(network, settings):
    # given a lower ceiling for the test, and wrong passwords from many machines
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {
        "login_failed_address": "8/h/key"
    }
    for machine in range(4):
        wrong_tries(Client(REMOTE_ADDR=f"192.0.2.{machine + 1}"), network.office_staff.email, 2)

    # when the owner tries from a fresh machine
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = sign_in(owner, network.office_staff.email, PASSWORD)

    # then the address is paused everywhere, with the time to wait, ...
    assert signed_in_as(owner) is None
    html = assert_accessible_page(response)
    assert waiting_message(LOGIN_FAILED_ADDRESS, minutes=60) in html
    # ... while other members sign in as usual
    sign_in(owner, network.office_staff_b.email, PASSWORD)
    assert int(signed_in_as(owner)) == network.office_staff_b.pk


def test_a_password_reset_ends_the_pause(network, rf):
    # given an address paused from one machine
    wrong_tries(Client(REMOTE_ADDR="192.0.2.10"), network.office_staff.email, 5)

    # when the password is reset from that machine (allauth calls this on success)
    request = rf.post("/konto/password/reset/key/", REMOTE_ADDR="192.0.2.10")
    AccountAdapter(request)._delete_login_attempts_cached_email(
        request, email=network.office_staff.email
    )

    # then the right password works there again
    client = Client(REMOTE_ADDR="192.0.2.10")
    sign_in(client, network.office_staff.email, PASSWORD)
    assert int(signed_in_as(client)) == network.office_staff.pk


def test_a_right_password_does_not_count_as_a_failure(network):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _attempt in range(6):
        sign_in(client, network.office_staff.email, PASSWORD)
        assert int(signed_in_as(client)) == network.office_staff.pk
        client.logout()
    wrong_tries(client, network.office_staff.email, 4)
    sign_in(client, network.office_staff.email, PASSWORD)
    assert int(signed_in_as(client)) == network.office_staff.pk


def test_the_first_login_leads_to_the_profile_once(db):
    # given a member who never signed in, with an empty profile (e.g. made in the admin)
    user = UserFactory(email="erstmals@adorf.example", function="", last_login=None)

    # when they sign in for the first time
    client = Client()
    response = sign_in(client, user.email, PASSWORD)

    # then they are led to their profile, told why
    assert response["Location"] == "/meine-daten/profil/"
    page = client.get(response["Location"])
    assert text(
        "Welcome! Please tell your colleagues your function and what they may ask you "
        "about: that is how they find you in the people directory."
    ) in assert_accessible_page(page)

    # and the next login goes to the start page as usual
    again = Client()
    assert sign_in(again, user.email, PASSWORD)["Location"] == "/"


def test_a_first_login_with_a_complete_profile_goes_to_the_start(db):
    user = UserFactory(
        email="komplett@adorf.example",
        function="Sachbearbeitung",
        expertise_note="E-Akte",
        last_login=None,
    )
    assert sign_in(Client(), user.email, PASSWORD)["Location"] == "/"


def test_a_first_login_keeps_an_explicit_target(db):
    user = UserFactory(email="ziel@adorf.example", function="", last_login=None)
    response = sign_in(Client(), user.email, PASSWORD, next="/mitteilungen/")
    assert response["Location"] == "/mitteilungen/"


def test_password_reset_end_to_end(network, django_capture_on_commit_callbacks):
    guest = Client()
    user = network.office_staff

    # when a member asks for a reset link
    page = guest.get("/konto/password/reset/")
    assert_accessible_page(page)
    with django_capture_on_commit_callbacks(execute=True):  # mails leave after commit
        response = guest.post("/konto/password/reset/", {"email": user.email})

    # then they are told to check their mail, and the mail holds the link
    assert response.status_code == 302
    done = guest.get(response["Location"])
    assert_accessible_page(done)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    reset_path = link_in(mail.outbox[0], "/konto/password/reset/key/")

    # when they follow it and set a new password twice
    # (allauth moves the key from the URL into the session, then shows the form)
    form_page = guest.get(reset_path, follow=True)
    assert_accessible_page(form_page)
    assert 'name="password1"' in form_page.content.decode()
    set_password_path = form_page.redirect_chain[-1][0]
    response = guest.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    # then the password is changed ...
    assert response.status_code == 302
    assert_accessible_page(guest.get(response["Location"]))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # ... the old one no longer works and the new one does
    sign_in(Client(), user.email, PASSWORD)
    client = Client()
    sign_in(client, user.email, NEW_PASSWORD)
    assert int(signed_in_as(client)) == user.pk
    # ... and the link is spent
    spent = Client().get(reset_path, follow=True)
    assert 'data-testid="reset-token-invalid"' in assert_accessible_page(spent)


def test_password_reset_for_an_unknown_address_reveals_nothing(db):
    response = Client().post("/konto/password/reset/", {"email": "niemand@adorf.example"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/password/reset/done/"


def test_an_unverified_account_cannot_sign_in_and_gets_a_verification_mail(
    network, django_capture_on_commit_callbacks
):
    # given an account whose address is not verified
    user = UserFactory(email="unbestaetigt@adorf.example", organisation=network.office_a)
    EmailAddress.objects.filter(user=user).update(verified=False)
    client = Client()

    # when they sign in with the right password
    with django_capture_on_commit_callbacks(execute=True):  # mails leave after commit
        response = sign_in(client, user.email, PASSWORD)

    # then they are not signed in but sent to the "check your mail" page
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert signed_in_as(client) is None
    assert_accessible_page(client.get(response["Location"]))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]

    # when they confirm the address with the link
    confirm_path = link_in(mail.outbox[0], "/konto/confirm-email/")
    confirm_page = client.get(confirm_path)
    assert_accessible_page(confirm_page)
    response = client.post(confirm_path)

    # then the address is verified and the pending login completes
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert int(signed_in_as(client)) == user.pk


def test_an_invalid_confirmation_link_says_so(db):
    response = Client().get("/konto/confirm-email/not-a-key/")
    assert response.status_code == 200
    assert_accessible_page(response)
    assert 'href="/konto/login/"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/konto/login/",
        "/konto/password/reset/",
        "/konto/password/reset/done/",
        "/konto/password/reset/key/done/",
        "/konto/confirm-email/",
        "/konto/signup/",
        "/zugang-beantragen/",
        "/zugang-beantragen/gesendet/",
        "/einladung/some-token/",
        "/",
    ],
)
def test_public_pages_answer_guests(db, url):
    # allauth 65 marks its entrance views login_not_required itself; ours carry the decorator
    response = Client().get(url)
    assert response.status_code in {200, 404}, response.get("Location")
    assert_accessible_page(response)


@pytest.mark.parametrize(
    "url",
    [
        "/konto/",
        "/konto/password/change/",
        "/konto/email/",
        "/konto/2fa/",
        "/konto/2fa/totp/activate/",
        "/konto/2fa/recovery-codes/",
        "/konto/reauthenticate/",
        "/einladungen/",
        "/einladungen/neu/",
        "/zugangsanfragen/",
    ],
)
def test_account_pages_need_a_login(db, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_signup_is_closed_and_points_to_access_requests(db):
    response = Client().post(
        "/konto/signup/",
        {"email": "neu@adorf.example", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    html = assert_accessible_page(response)
    assert 'href="/zugang-beantragen/"' in html
    assert not EmailAddress.objects.filter(email="neu@adorf.example").exists()


def test_signing_out(network, client_for):
    client = client_for(network.office_staff)
    page = client.get("/konto/logout/")
    assert_accessible_page(page)
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert signed_in_as(client) is None


def test_account_pages_are_ours(network):
    # given a member signed in through the login form (so no re-authentication is due)
    client = Client()
    sign_in(client, network.office_staff.email, PASSWORD)

    # then the account pages render in our frame, accessible
    for url in ("/konto/", "/konto/password/change/", "/konto/email/", "/konto/2fa/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_accessible_page(response)
    overview = client.get("/konto/").content.decode()
    # office staff do not onboard people
    assert 'href="/einladungen/"' not in overview


def test_the_account_link_is_in_the_header(network, client_for):
    html = client_for(network.coordinator).get("/konto/").content.decode()
    assert 'href="/konto/"' in html
    assert 'href="/einladungen/"' in html
    assert 'href="/zugangsanfragen/"' in html
