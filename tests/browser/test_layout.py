"""Every front-end page at 390 px (a phone): no horizontal scrolling, axe-core clean.

Signed in as three roles of the demo network, each test visits every page type the
demo has (lists, details, knowledge pages of every type, their routes, the account
pages) in one browser context, and checks each page separately (``subtests``): the
document must not be wider than the window, and axe-core must find nothing. One
login per role; one Chromium for the session (conftest.py).
"""

import pytest

from .axe import axe_violations, format_violations
from .helpers import login

PASSWORD = "abhnetz-demo"
WIDTH, HEIGHT = 390, 844

ROLES = {
    "office": "office@demo.abhnetz.example",
    "coordinator": "coordinator@demo.abhnetz.example",
    "partner": "partner@demo.abhnetz.example",
}


def front_end_urls() -> list[str]:
    """One address of every front-end page type the demo has, plus the shell's pages."""
    from wagtail.models import Page

    from abhnetz.accounts.models import User
    from abhnetz.announcements.models import Announcement
    from abhnetz.organisations.models import Organisation
    from abhnetz.topics.models import Topic
    from knowledge.guides.models import GuidePage
    from knowledge.spaces.models import WorkingGroupIndexPage, WorkingGroupPage

    urls = [
        "/",
        "/mitteilungen/",
        "/mitteilungen/neu/",
        "/organisationen/",
        "/personen/",
        "/meine-daten/",
        "/meine-daten/profil/",
        "/konto/",
        "/einladungen/",
        "/zugangsanfragen/",
        "/wissen/themen/",
        "/wissen/aufgaben/",
        "/wissen/beschluesse/",
        "/wissen/ueberpruefung/",
        "/suche/?q=ServicePoint",
        "/forum/",
        "/termine/",
        "/benachrichtigungen/",
        "/benachrichtigungen/einstellungen/",
        "/wissen/kennzahlen/",
        "/wissen/kennzahlen/erfassen/",
        "/wissen/kennzahlen/import/",
        "/wissen/kennzahlen/freigabe/",
        "/wissen/kennzahlen/fehlend/",
    ]
    urls.append(f"/mitteilungen/{Announcement.objects.order_by('pk').first().pk}/")
    urls.append(f"/organisationen/{Organisation.objects.order_by('pk').first().slug}/")
    urls.append(f"/personen/{User.objects.filter(is_active=True).order_by('pk').first().pk}/")
    urls.append(f"/wissen/themen/{Topic.objects.order_by('pk').first().slug}/")
    # every live page of the site: knowledge pages of each type, spaces, legal pages
    urls += [page.url for page in Page.objects.live().filter(depth__gt=1).order_by("path")]
    guide = GuidePage.objects.live().order_by("path").first()
    urls += [guide.url + "versionen/"]
    index = WorkingGroupIndexPage.objects.live().first()
    urls += [index.url + "anfragen/"]
    space = WorkingGroupPage.objects.live().order_by("path").first()
    urls += [space.url + "beitreten/", space.url + "anfragen/"]
    return list(dict.fromkeys(urls))


def overflow(page) -> dict:
    """How wide the document is against the window, and the widest offenders."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")]
                .filter((el) => {
                    const box = el.getBoundingClientRect();
                    return box.width && box.right > window.innerWidth + 1
                        && !el.closest("[role=region], .table-scroll, .kern-table-responsive");
                })
                .slice(0, 5)
                .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
            return {scrollWidth: document.documentElement.scrollWidth, width, wide};
        }"""
    )


def unlabelled_scrollers(page) -> list[str]:
    """Boxes that scroll sideways but are no focusable, visibly labelled region."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main *")]
            .filter((el) => el.scrollWidth > el.clientWidth + 1
                && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
            .filter((el) => {
                const label = document.getElementById(el.getAttribute("aria-labelledby") || "");
                return el.getAttribute("role") !== "region" || el.tabIndex !== 0
                    || !(label && label.offsetParent !== null) && !el.getAttribute("aria-label");
            })
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)"""
    )


def clipped_buttons(page) -> list[str]:
    """Buttons whose label does not fit inside them or that end beyond the window."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main button, main .kern-btn")]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => el.scrollWidth > el.clientWidth + 1
                || el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => el.innerText.trim())"""
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_390_pixels_and_passes_axe(chromium, live_server, demo, role, subtests):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": WIDTH, "height": HEIGHT},
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        login(page, ROLES[role], PASSWORD)
        for url in front_end_urls():
            with subtests.test(url=url):
                page.goto(url)
                measured = overflow(page)
                assert measured["scrollWidth"] <= WIDTH, (url, measured)
                assert measured["scrollWidth"] <= measured["width"], (url, measured)
                assert not clipped_buttons(page), (url, clipped_buttons(page))
                assert not unlabelled_scrollers(page), (url, unlabelled_scrollers(page))
                violations = axe_violations(page)
                assert not violations, f"{url}:\n{format_violations(violations)}"
    finally:
        context.close()


def test_mark_as_done_is_whole_on_a_phone(chromium, live_server, demo):
    """The button that was clipped at 390 px: visible, inside the screen, and it works."""
    context = chromium.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": WIDTH, "height": HEIGHT}
    )
    try:
        page = context.new_page()
        login(page, ROLES["office"], PASSWORD)
        page.goto("/wissen/aufgaben/")
        button = page.get_by_role("button", name="Als erledigt markieren").first
        box = button.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= WIDTH
        assert button.evaluate("(el) => el.scrollWidth <= el.clientWidth")
        with page.expect_navigation():
            button.click()
        assert page.get_by_role("status").first.is_visible()
    finally:
        context.close()
