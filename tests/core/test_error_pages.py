"""Error pages: German (English when chosen), in the site's look, with the way back."""

import re

import pytest
from django.conf import settings
from django.test import Client

from abhnetz.audiences.models import Audience
from tests.factories import make_announcement

pytestmark = pytest.mark.urls("tests.core.error_urls")

GERMAN = {
    404: "Seite nicht gefunden",
    403: "Nicht erlaubt",
    400: "Ungültige Anfrage",
    500: "Etwas ist schiefgelaufen",
}
ENGLISH = {
    404: "Page not found",
    403: "Not allowed",
    400: "Bad request",
    500: "Something went wrong",
}
URLS = {
    404: "/gibt-es-nicht/",
    403: "/test-fehler/403/",
    400: "/test-fehler/400/",
    500: "/test-fehler/500/",
}


def fetch(client, status):
    response = client.get(URLS[status])
    assert response.status_code == status
    return response.content.decode()


def assert_site_page_with_way_back(html):
    assert "kern-kopfzeile" in html
    assert 'class="site-logo"' in html
    assert 'data-testid="error-way-back"' in html
    assert 'href="/"' in html
    assert 'href="/suche/"' in html
    # not Django's technical page
    assert "URLconf" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize("status", [404, 403, 400, 500])
def test_each_status_has_the_german_page_with_the_way_back(network, status):
    # given a member (and a client that turns exceptions into the 500 page, as production)
    client = Client(raise_request_exception=False)
    client.force_login(network.office_staff, backend="django.contrib.auth.backends.ModelBackend")
    # when the request fails, then the German page of the site answers
    html = fetch(client, status)
    assert f'<h1 class="kern-heading-x-large">{GERMAN[status]}</h1>' in html
    assert 'lang="de"' in html
    assert_site_page_with_way_back(html)


@pytest.mark.parametrize("status", [404, 403, 400, 500])
def test_each_status_is_english_when_the_member_chose_english(network, status):
    client = Client(raise_request_exception=False)
    client.force_login(network.office_staff, backend="django.contrib.auth.backends.ModelBackend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = fetch(client, status)
    assert f'<h1 class="kern-heading-x-large">{ENGLISH[status]}</h1>' in html
    assert 'lang="en"' in html
    assert GERMAN[status] not in html


def test_guests_get_the_404_page_with_a_way_to_sign_in(db):
    html = fetch(Client(), 404)
    assert GERMAN[404] in html
    assert 'href="/konto/login/"' in html


def test_the_500_page_needs_no_database(db, django_assert_num_queries):
    # the 500 template renders without context processors, so a broken database
    # cannot break the page that reports it
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert GERMAN[500] in response.content.decode()


def test_csrf_failure_page_is_the_sites(network):
    # given a client that enforces CSRF, signed in
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.office_staff, backend="django.contrib.auth.backends.ModelBackend")
    # when it posts a form without the token
    response = client.post("/mitteilungen/neu/", {"title": "x"})
    # then the site's page explains it, in German, with the way back
    html = response.content.decode()
    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in html
    assert_site_page_with_way_back(html)
    assert "CSRF" not in html  # no technical reason shown to members


def normalised(html: str, path: str) -> str:
    # the only per-request parts: the CSRF token, the CSP nonce, the language switch's path
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return html.replace(path, "<path>")


def test_forbidden_content_answers_exactly_like_missing_content(network, client_for):
    # given an announcement for office A only
    secret = make_announcement(
        network.coordinator,
        title="Dienstplan Geheim",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    outsider = client_for(network.partner)
    # when an outsider opens it and a missing one
    forbidden_path, missing_path = (
        f"/mitteilungen/{secret.pk}/",
        f"/mitteilungen/{secret.pk + 1000}/",
    )
    forbidden, missing = outsider.get(forbidden_path), outsider.get(missing_path)
    # then both answer the same 404 page, without a trace of the title
    assert forbidden.status_code == missing.status_code == 404
    assert normalised(forbidden.content.decode(), forbidden_path) == normalised(
        missing.content.decode(), missing_path
    )
    assert "Dienstplan Geheim" not in forbidden.content.decode()
    assert GERMAN[404] in forbidden.content.decode()


def test_a_forbidden_page_answers_exactly_like_a_missing_page(network, client_for, make_guide):
    # given a guide for office A only
    secret = make_guide(
        "Dienstplan Geheim",
        owner=network.office_staff,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    outsider = client_for(network.office_staff_b)
    missing_path = secret.url.replace("dienstplan-geheim", "gibt-es-nicht")
    forbidden, missing = outsider.get(secret.url), outsider.get(missing_path)
    assert forbidden.status_code == missing.status_code == 404
    assert normalised(forbidden.content.decode(), secret.url) == normalised(
        missing.content.decode(), missing_path
    )
    assert "Dienstplan Geheim" not in forbidden.content.decode()
