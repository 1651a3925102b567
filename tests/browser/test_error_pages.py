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


def test_the_too_long_page_is_accessible_and_says_the_text_is_kept(page, member):
    # given a member who pastes far more than any field allows (urlencoded, an umlaut
    # is six bytes: over Django's 2.5 MB request limit)
    login(page, member.email, PASSWORD)
    page.goto("/forum/")
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = "/forum/";
                const text = document.createElement("textarea");
                text.name = "body";
                text.value = "ä".repeat(500000);
                form.append(text);
                document.body.append(form);
                form.submit();
            }"""
        )
    # then the site answers with its own German page, accessible, never a bare error
    assert navigation.value.status == 413
    assert page.locator("h1").inner_text() == "Text zu lang"
    assert_accessible(page)
