"""Guides, minutes, the decisions register, an event and a forum thread print cleanly.

Chromium is switched to print media (``emulate_media``); a screenshot of the printed
guide is kept in the test's tmp_path for a look. Printing leaves out the navigation,
the search, the breadcrumbs and the buttons, keeps the audience badge and "Stand:",
writes out where links go, and prints table rows whole with their header.
"""

from .axe import assert_accessible
from .helpers import login

OFFICE = "office@demo.abhnetz.example"
PASSWORD = "abhnetz-demo"
# the demo guide whose review is overdue: its notice reads "Stand: … – Überprüfung überfällig"
OVERDUE_GUIDE = "/wissen/online-terminvergabe-einfuehren/"
MINUTES = "/wissen/protokoll-workshop-ag-digitalisierung/"
NEXT_MEETING = "/termine/vernetzungstreffen-im-ministerium-fruehjahr/"

HIDDEN_IN_PRINT = [
    "nav.site-nav",
    "form.site-search",
    ".site-header__tools",
    "nav.breadcrumbs",
    ".site-footer__links",
    "[data-print-button]",
]


def after_content(page, selector: str) -> str:
    return page.evaluate(
        "(sel) => getComputedStyle(document.querySelector(sel), '::after').content", selector
    )


def test_guides_minutes_and_the_register_print_cleanly(page, demo, tmp_path):
    login(page, OFFICE, PASSWORD)
    page.goto(OVERDUE_GUIDE)
    # on screen: the print button (shown by site.js) and the navigation
    button = page.get_by_test_id("print-button")
    assert button.is_visible()
    assert page.locator("nav.site-nav").is_visible()
    assert_accessible(page)

    # when the page is printed
    page.emulate_media(media="print")
    shot = tmp_path / "guide-print.png"
    page.screenshot(path=str(shot), full_page=True)

    # then navigation, search and buttons are gone, the content and its facts stay
    assert shot.stat().st_size > 0
    for selector in HIDDEN_IN_PRINT:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    assert page.get_by_test_id("audience-badge").first.is_visible()
    notice = page.get_by_test_id("review-overdue")
    assert notice.is_visible()
    assert "Stand:" in notice.inner_text()
    # and links say where they go, site links with their full address
    owner_link = page.locator(".guide-facts a").first
    assert owner_link.get_attribute("data-print-href").startswith("http")
    assert "http" in after_content(page, ".guide-facts a")

    # back on screen, nothing of that shows
    page.emulate_media(media="screen")
    assert page.locator("nav.site-nav").is_visible()
    assert after_content(page, ".guide-facts a") in ("none", "normal")

    # minutes (one seeded demo for all three prints: seeding is the slow part)
    page.goto(MINUTES)
    assert page.get_by_test_id("print-button").is_visible()
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "minutes-print.png"), full_page=True)
    table = page.get_by_test_id("minutes-action-items")
    assert table.is_visible()
    # rows are not cut across pages, the header repeats, the scroll box is gone
    assert table.evaluate("(t) => getComputedStyle(t.querySelector('tr')).breakInside") == "avoid"
    assert table.evaluate("(t) => getComputedStyle(t.tHead).display") == "table-header-group"
    region = page.locator("[role=region]:has([data-testid=minutes-action-items])")
    assert region.evaluate("(r) => getComputedStyle(r).overflowX") == "visible"
    assert page.locator("[data-testid=action-item-status-form]").first.is_hidden()

    page.emulate_media(media="screen")
    page.goto("/wissen/beschluesse/")
    assert page.get_by_test_id("print-button").is_visible()
    page.emulate_media(media="print")
    assert page.get_by_test_id("decision-list").is_visible()
    assert page.get_by_test_id("decision-filters").is_hidden()
    assert page.locator("nav.site-nav").is_hidden()

    # an event: when, where and the agenda print; the answer form and the comments do not
    page.emulate_media(media="screen")
    page.goto(NEXT_MEETING)
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "event-print.png"), full_page=True)
    assert page.get_by_test_id("event-when").is_visible()
    assert page.get_by_test_id("event-agenda").is_visible()
    assert page.get_by_test_id("previous-action-items").is_visible()
    assert page.locator("[data-testid=rsvp] form").is_hidden()
    assert page.locator("nav.site-nav").is_hidden()
    assert page.get_by_test_id("ics-link").get_attribute("data-print-href").startswith("http")

    # a forum thread: the question, the accepted answer and the posts, no forms or buttons
    from forums.models import Thread

    thread = Thread.objects.filter(accepted_post__isnull=False).order_by("pk").first()
    page.emulate_media(media="screen")
    page.goto(thread.get_absolute_url())
    assert page.get_by_test_id("reply-form").is_visible()
    assert page.get_by_test_id("flag-link").first.is_visible()
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "thread-print.png"), full_page=True)
    for selector in HIDDEN_IN_PRINT:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.get_by_test_id("accepted-answer").is_visible()
    assert page.get_by_test_id("posts").is_visible()
    for hidden in ("reply-form", "follow", "flag-link", "mark-helpful", "preview-button"):
        assert page.get_by_test_id(hidden).first.is_hidden(), hidden
    visible_controls = page.evaluate(
        "() => [...document.querySelectorAll('main button, main .kern-btn, main form')]"
        ".filter((el) => el.offsetParent !== null).length"
    )
    assert visible_controls == 0
