"""The error pages in a real browser: accessible, in the site's look, with the way back."""

import pytest

from abhnetz.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

from .axe import assert_accessible
from .helpers import login


@pytest.fixture
def member():
    return UserFactory(email="fehler@adorf.example", roles=[Role.OFFICE_STAFF])


def test_the_404_page_is_accessible_and_leads_back(page, member):
    login(page, member.email, PASSWORD)
    response = page.goto("/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    # KERN's styles are there (static files served with DEBUG off)
    assert "Fira Sans" in page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert_accessible(page)
    way_back = page.get_by_test_id("error-way-back")
    way_back.get_by_role("link", name="Zurück zu Ihrer Übersicht").click()
    page.wait_for_url("**/")
    assert page.url.endswith("/")


def test_the_404_page_for_guests_is_accessible(page):
    response = page.goto("/gibt-es-nicht/")
    assert response.status == 404
    assert_accessible(page)
