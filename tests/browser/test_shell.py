"""The site shell in a real browser: landing page, sign-in, dashboard, keyboard use."""

from urllib.parse import urlsplit

import pytest

from abhnetz.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

from .axe import assert_accessible
from .helpers import focused, login, tab_to


@pytest.fixture
def member():
    return UserFactory(
        email="jana.albrecht@adorf.example", first_name="Jana", roles=[Role.OFFICE_STAFF]
    )


def test_landing_page_is_accessible_and_loads_only_own_resources(page, live_server):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/")

    assert page.locator("h1").first.inner_text() == "ABH-Netz"
    assert page.locator("html").get_attribute("lang") == "de"
    # The stylesheets and fonts the site serves itself (built by `make setup` with npm).
    stylesheets = {r.url.removeprefix(live_server.url): r.status for r in responses}
    assert stylesheets.get("/static/vendor/kern/kern.min.css") == 200, stylesheets
    assert stylesheets.get("/static/abhnetz/site.css") == 200, stylesheets
    assert all(status < 400 for status in stylesheets.values()), stylesheets
    # KERN's styles took effect: Fira Sans is the body font.
    assert "Fira Sans" in page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert_accessible(page)
    # The `page` fixture fails the test if anything came from another host.


def test_sign_in_shows_the_dashboard(page, member):
    login(page, member.email, PASSWORD)

    assert urlsplit(page.url).path == "/"
    assert "Jana" in page.locator("h1").inner_text()
    assert page.get_by_test_id("dashboard-announcements").is_visible()
    assert page.locator("nav.site-nav").is_visible()
    assert_accessible(page)


def test_keyboard_reaches_skip_link_then_navigation(page, member):
    login(page, member.email, PASSWORD)
    page.goto("/")

    # The first Tab lands on the skip link, which becomes visible and leads to the content.
    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["className"], first
    assert first["href"] == "#main"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # From the top again: Tab goes through the header to the main navigation links, in order.
    page.goto("/")
    page.keyboard.press("Tab")
    assert "skip-link" in focused(page)["className"]
    nav_hrefs = page.locator("nav.site-nav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(nav_hrefs) >= 5, nav_hrefs
    reached = tab_to(page, lambda f: f.get("inMainNav", False))
    assert reached["href"] == nav_hrefs[0]
    for href in nav_hrefs[1:]:
        page.keyboard.press("Tab")
        assert focused(page)["href"] == href

    # Enter on a focused navigation link follows it.
    page.goto("/")
    target = "/mitteilungen/"
    assert target in nav_hrefs
    tab_to(page, lambda f: f.get("inMainNav", False) and f.get("href") == target)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target)
    assert page.locator('nav.site-nav a[aria-current="page"]').get_attribute("href") == target
