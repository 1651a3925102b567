"""A tour of the demo network as its office member, by keyboard, with axe on every page.

The demo comes from `manage.py seed_demo` (what `make run` shows); the password of every
demo account is `abhnetz-demo`.
"""

import pytest
from django.urls import reverse

from .axe import assert_accessible
from .helpers import focused, login, tab_to_link

DEMO_EMAIL = "office@demo.abhnetz.example"
DEMO_PASSWORD = "abhnetz-demo"


@pytest.fixture
def office_page(page, demo):
    """Signed in as the demo office member, on the dashboard."""
    login(page, DEMO_EMAIL, DEMO_PASSWORD)
    return page


def follow_by_keyboard(page, href: str) -> None:
    """From the top of the page, Tab to the link to ``href`` and press Enter."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    tab_to_link(page, href)
    assert focused(page)["href"] == href
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href), f"Enter on {href} led to {page.url}"
    page.wait_for_load_state()


def test_dashboard_and_language_switch(office_page):
    page = office_page
    assert "Jana" in page.locator("h1").inner_text()
    assert page.get_by_test_id("dashboard-announcements").is_visible()
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_test_id("language-en").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_test_id("language-de").is_visible()
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_test_id("language-de").click()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_test_id("language-en").is_visible()


def check_list_and_entry_by_keyboard(page, list_url: str, detail_url: str, heading: str) -> None:
    """From the dashboard to a list and on to one entry, by Tab and Enter; axe on both."""
    follow_by_keyboard(page, list_url)
    assert_accessible(page)
    follow_by_keyboard(page, detail_url)
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page)


def test_open_an_organisation_by_keyboard(office_page):
    from abhnetz.organisations.models import Organisation

    organisation = Organisation.objects.get(name="Ausländerbehörde der Stadt Eichtal")
    detail = reverse("organisations:detail", args=[organisation.slug])
    check_list_and_entry_by_keyboard(office_page, "/organisationen/", detail, "Eichtal")


def test_open_a_person_by_keyboard(office_page):
    from abhnetz.accounts.models import User

    person = User.objects.get(email="office2@demo.abhnetz.example")
    detail = reverse("people:detail", args=[person.pk])
    check_list_and_entry_by_keyboard(office_page, "/personen/", detail, "Kaya")


def test_open_an_announcement_by_keyboard(office_page):
    from abhnetz.announcements.models import Announcement

    announcement = Announcement.objects.get(title="Neue Ansprechpartnerin im Jobcenter Rosenfurt")
    detail = reverse("announcements:detail", args=[announcement.pk])
    check_list_and_entry_by_keyboard(office_page, "/mitteilungen/", detail, announcement.title)
