"""Two-factor authentication: required for coordinators and administrators before the admin,
voluntary for everyone else; Wagtail's own login cannot bypass it."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.totp import current_code, with_totp

from .helpers import assert_accessible_page, text


def sign_in(client, user, next_url="/admin/"):
    return client.post(
        "/konto/login/", {"login": user.email, "password": PASSWORD, "next": next_url}
    )


def reauthenticate(client, response):
    """allauth 65 asks for the password again before an authenticator is added, even
    right after login (MFA_REAUTHENTICATION_REQUIRED): enter it and follow on."""
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    page = client.get(response["Location"])
    assert_accessible_page(page)
    return client.post(response["Location"], {"password": PASSWORD}, follow=True)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_activation_url_name_exists_in_allauth():
    # the middleware sends people to allauth 65's TOTP activation by this name
    assert reverse("mfa_activate_totp") == "/konto/2fa/totp/activate/"


@pytest.mark.parametrize("person", ["coordinator", "administrator", "moderator"])
def test_without_totp_coordinators_and_administrators_are_kept_out_of_the_admin(
    network, client_for, person
):
    # given a coordinator, administrator or moderator without an authenticator app
    client = client_for(getattr(network, person))

    # when they open the admin, or a page inside it
    for path in ("/admin/", "/admin/pages/"):
        response = client.get(path)

        # then they are told why they need the app, on the way to setting it up
        assert response.status_code == 302
        assert response["Location"] == f"/konto/zweiter-faktor/?next={path}"


def test_the_set_up_says_why_before_asking_for_the_password(network, client_for):
    # given a coordinator without an app, sent from the admin
    client = client_for(network.coordinator)

    # when they follow the redirect
    response = client.get("/admin/", follow=True)

    # then the page explains the second factor and leads to the set-up, keeping the goal
    assert response.redirect_chain == [("/konto/zweiter-faktor/?next=/admin/", 302)]
    html = assert_accessible_page(response)
    assert 'data-testid="mfa-required"' in html
    assert text("Second factor needed") in html
    assert 'href="/konto/2fa/totp/activate/?next=/admin/"' in html
    assert 'name="password"' not in html


def test_the_explanation_refuses_a_foreign_next(network, client_for):
    response = client_for(network.coordinator).get(
        "/konto/zweiter-faktor/?next=https://evil.example/"
    )
    html = assert_accessible_page(response)
    assert 'href="https://evil.example' not in html
    assert 'href="/konto/2fa/totp/activate/?next=/"' in html


def test_a_coordinator_sets_up_totp_on_the_way_and_then_reaches_the_admin(network):
    # given a coordinator without TOTP who signs in to go to the admin
    client = Client()
    response = sign_in(client, network.coordinator)
    assert response["Location"] == "/admin/"

    # then the admin sends them to the explanation, which links to the activation;
    # allauth asks for the password first (saying why), then shows the QR code
    response = client.get("/admin/")
    assert response["Location"] == "/konto/zweiter-faktor/?next=/admin/"
    response = client.get("/konto/2fa/totp/activate/?next=/admin/")
    assert response["Location"].startswith("/konto/reauthenticate/")
    assert 'data-testid="mfa-setup-reason"' in client.get(response["Location"]).content.decode()
    response = reauthenticate(client, response)
    assert response.redirect_chain[-1][0] == "/konto/2fa/totp/activate/?next=/admin/"
    html = assert_accessible_page(response)
    assert 'src="data:image/svg+xml;base64,' in html
    assert '<input type="hidden" name="next" value="/admin/">' in html

    # when they enter the code from their app
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(
        "/konto/2fa/totp/activate/", {"code": current_code(secret), "next": "/admin/"}
    )

    # then the app is active, recovery codes are shown with the way on to the admin
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/recovery-codes/?next=/admin/"
    assert Authenticator.objects.filter(
        user=network.coordinator, type=Authenticator.Type.TOTP
    ).exists()
    codes = client.get(response["Location"])
    html = assert_accessible_page(codes)
    assert 'id="recovery_codes"' in html
    assert 'data-testid="mfa-continue"' in html
    assert 'href="/admin/"' in html
    # and the admin opens in this session: the activation proved the app
    assert client.get("/admin/").status_code == 200


def test_activation_without_next_ends_on_the_recovery_codes(network):
    client = Client()
    sign_in(client, network.office_staff, next_url="/")
    reauthenticate(client, client.get("/konto/2fa/totp/activate/"))
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/konto/2fa/totp/activate/", {"code": current_code(secret)})
    assert response["Location"] == "/konto/2fa/recovery-codes/"
    assert 'data-testid="mfa-continue"' not in client.get(response["Location"]).content.decode()


def test_activation_refuses_a_foreign_next(network):
    client = Client()
    sign_in(client, network.coordinator, next_url="/")
    reauthenticate(client, client.get("/konto/2fa/totp/activate/"))
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(
        "/konto/2fa/totp/activate/",
        {"code": current_code(secret), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/konto/2fa/recovery-codes/"


def test_an_app_set_up_but_not_used_in_this_session_is_asked_for(network):
    # given a coordinator with an app whose session signed in without it
    # (e.g. it began before the app was set up in another browser)
    secret = with_totp(network.coordinator)
    client = Client()
    client.force_login(network.coordinator)

    # when they open the admin
    response = client.get("/admin/")

    # then they confirm with a code from the app, and go on to the admin
    assert response["Location"] == "/konto/2fa/reauthenticate/?next=/admin/"
    page = client.get(response["Location"])
    assert 'name="code"' in assert_accessible_page(page)
    response = client.post(response["Location"], {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_activation_code_is_refused_next_to_the_field(network):
    client = Client()
    sign_in(client, network.coordinator, next_url="/")
    reauthenticate(client, client.get("/konto/2fa/totp/activate/"))
    response = client.post("/konto/2fa/totp/activate/", {"code": "000000"})
    html = assert_accessible_page(response)
    assert 'id="id_code-error"' in html
    assert not Authenticator.objects.filter(user=network.coordinator).exists()


def test_with_totp_the_login_asks_for_the_code_and_then_opens_the_admin(network):
    # given a coordinator with an authenticator app
    secret = with_totp(network.coordinator)
    client = Client()

    # when they sign in with their password
    response = sign_in(client, network.coordinator)

    # then they are not signed in yet but asked for the code
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert signed_in_as(client) is None
    page = client.get("/konto/2fa/authenticate/")
    assert_accessible_page(page)
    assert 'name="code"' in page.content.decode()

    # when they enter the current code
    response = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})

    # then they are signed in and reach the admin
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert int(signed_in_as(client)) == network.coordinator.pk
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_sign_in(network):
    with_totp(network.administrator)
    client = Client()
    sign_in(client, network.administrator)

    response = client.post("/konto/2fa/authenticate/", {"code": "123456"})

    assert response.status_code == 200
    assert 'id="id_code-error"' in assert_accessible_page(response)
    assert signed_in_as(client) is None
    assert client.get("/admin/")["Location"].startswith("/konto/login/")


@pytest.mark.parametrize(("steps", "accepted"), [(-1, True), (1, True), (-2, False), (2, False)])
def test_only_the_codes_of_the_neighbouring_steps_are_accepted(network, steps, accepted):
    # given a coordinator whose phone shows the code of another 30-second step
    # (typed in its last seconds, or the phone's clock off)
    secret = with_totp(network.coordinator)
    client = Client()
    sign_in(client, network.coordinator)

    response = client.post("/konto/2fa/authenticate/", {"code": current_code(secret, steps)})

    # then one step away signs in; two steps away is refused next to the field
    if accepted:
        assert response["Location"] == "/admin/"
        assert int(signed_in_as(client)) == network.coordinator.pk
    else:
        assert 'id="id_code-error"' in assert_accessible_page(response)
        assert signed_in_as(client) is None


def test_a_code_works_only_once(network):
    # given a coordinator who signed in with a code
    secret = with_totp(network.coordinator)
    code = current_code(secret)
    first = Client()
    sign_in(first, network.coordinator)
    assert first.post("/konto/2fa/authenticate/", {"code": code})["Location"] == "/admin/"

    # when somebody who saw it types the same code within its window
    second = Client()
    sign_in(second, network.coordinator)
    response = second.post("/konto/2fa/authenticate/", {"code": code})

    # then it is refused next to the field
    assert 'id="id_code-error"' in assert_accessible_page(response)
    assert signed_in_as(second) is None


def test_a_recovery_code_signs_in_once(network):
    # given a coordinator with TOTP and recovery codes
    with_totp(network.coordinator)
    code = RecoveryCodes.activate(network.coordinator).generate_codes()[0]

    # when they sign in with a recovery code instead of the app
    client = Client()
    sign_in(client, network.coordinator)
    client.post("/konto/2fa/authenticate/", {"code": code})

    # then they are in, and the same code does not work a second time
    assert int(signed_in_as(client)) == network.coordinator.pk
    again = Client()
    sign_in(again, network.coordinator)
    again.post("/konto/2fa/authenticate/", {"code": code})
    assert signed_in_as(again) is None


def test_wagtails_login_redirects_to_allauth(network):
    # when someone opens Wagtail's own login
    response = Client().get("/admin/login/?next=/admin/pages/")

    # then they are sent to allauth's login, keeping where they wanted to go
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/admin/pages/"


def test_wagtails_login_does_not_accept_a_password(network):
    # given a coordinator with TOTP
    with_totp(network.coordinator)
    client = Client()

    # when a password is posted to Wagtail's login form
    response = client.post(
        "/admin/login/", {"username": network.coordinator.email, "password": PASSWORD}
    )

    # then nobody is signed in: it only redirects to allauth
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert signed_in_as(client) is None


def test_wagtails_login_ignores_foreign_next_urls(db):
    response = Client().get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/konto/login/?next=/admin/"


def test_office_staff_may_use_mfa_voluntarily(network):
    # given office staff signed in
    client = Client()
    sign_in(client, network.office_staff, next_url="/")

    # when they open the MFA pages and activate an app
    index = client.get("/konto/2fa/")
    assert_accessible_page(index)
    assert 'href="/konto/2fa/totp/activate/"' in index.content.decode()
    activate = reauthenticate(client, client.get("/konto/2fa/totp/activate/"))
    assert activate.status_code == 200
    assert_accessible_page(activate)
    secret = client.session[SECRET_SESSION_KEY]
    client.post("/konto/2fa/totp/activate/", {"code": current_code(secret)})

    # then the app is active and the next login asks for a code
    assert Authenticator.objects.filter(
        user=network.office_staff, type=Authenticator.Type.TOTP
    ).exists()
    index = client.get("/konto/2fa/")
    assert 'href="/konto/2fa/totp/deactivate/"' in assert_accessible_page(index)
    for url in ("/konto/2fa/totp/deactivate/", "/konto/2fa/recovery-codes/generate/"):
        assert_accessible_page(client.get(url))
    response = sign_in(Client(), network.office_staff, next_url="/")
    assert response["Location"] == "/konto/2fa/authenticate/"


def test_a_forced_session_must_reauthenticate_before_activating(network, client_for):
    # given a session without a recent password entry
    client = client_for(network.office_staff)

    # when it opens the activation page
    response = client.get("/konto/2fa/totp/activate/")

    # then allauth asks for the password first, on our page
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    page = client.get(response["Location"])
    assert_accessible_page(page)
    assert 'name="password"' in page.content.decode()
