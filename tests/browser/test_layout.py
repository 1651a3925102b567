"""Every front-end page at 390 px (a phone): no horizontal scrolling, axe-core clean.

Signed in as three roles of the demo network, each test visits every page type the
demo has (lists, details, knowledge pages of every type, their routes, the account
pages) in one browser context, and checks each page separately (``subtests``): the
document must not be wider than the window, and axe-core must find nothing. One
login per role; one Chromium for the session (conftest.py).

Every page is measured for every role; axe-core skips a page only when both its
``main`` and the rest of it (header, navigation, footer) have a structure it already
found clean (``structure``: elements, semantic attributes, id references, whether texts
are empty, not the texts). So the shell is checked once per role, and a page's content
once per distinct rendering: the same template seen by another role with the same
controls is not checked twice, one that shows another role more (or less) is.
"""

import hashlib

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
        "/termine/?ansicht=monat",
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
    # the forum: a category, a question with an accepted answer, the new-question form
    from forums.models import Thread

    solved = Thread.objects.filter(accepted_post__isnull=False).order_by("pk").first()
    urls += [solved.category.get_absolute_url(), solved.get_absolute_url()]
    urls += [solved.category.get_absolute_url() + "neu/"]
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


# What axe-core found clean in this session: hashes of the main parts and of the rest
# of the page (header, navigation, footer, head), as ``structure`` gives them.
AXE_CLEAN = {"main": set(), "shell": set()}
SEMANTIC_ATTRIBUTES = (
    "class|role|type|tabindex|scope|lang|dir|disabled|hidden|open|colspan|rowspan|"
    "readonly|required|checked|selected|multiple|autocomplete|inputmode|aria-"
)


def structure(page) -> dict[str, str]:
    """Hashes of what axe-core's WCAG A/AA rules read, for ``main`` and for the rest:
    every element with its semantic attributes (classes, roles, ARIA states, types,
    language), whether the ids it refers to exist in the document, whether its ids are
    unique there, whether its labels and alternative texts are empty, and whether it
    has text of its own; not the texts themselves. Those rules judge elements and the
    ids they refer to, so a part seen clean before has nothing new for axe."""
    shapes = page.evaluate(
        """(semantic) => {
            semantic = new RegExp(`^(${semantic})`);
            const ids = new Map();
            for (const el of document.querySelectorAll("[id]")) {
                ids.set(el.id, (ids.get(el.id) || 0) + 1);
            }
            const refs = ["for", "headers", "list", "aria-labelledby", "aria-describedby",
                "aria-controls", "aria-owns", "aria-activedescendant", "aria-errormessage"];
            const labels = ["alt", "aria-label", "title", "placeholder", "value"];
            const parts = {main: [], shell: []};
            for (const el of document.querySelectorAll("html, html *")) {
                let line = el.tagName;
                for (const name of [...el.attributes].map((a) => a.name).sort()) {
                    const value = el.getAttribute(name);
                    if (refs.includes(name)) {
                        line += ` ${name}:` + value.trim().split(/\\s+/)
                            .map((id) => (ids.has(id) ? "ok" : "missing")).join(",");
                    } else if (labels.includes(name)) {
                        line += ` ${name}:${value.trim() ? "text" : "empty"}`;
                    } else if (name === "id") {
                        line += ids.get(value) > 1 ? " id:twice" : " id";
                    } else if (semantic.test(name)) {
                        line += ` ${name}=${value}`;
                    } else {
                        line += ` ${name}`;
                    }
                }
                if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) {
                    line += " #text";
                }
                parts[el.closest("main") ? "main" : "shell"].push(line);
            }
            return {main: parts.main.join("\\n"), shell: parts.shell.join("\\n")};
        }""",
        SEMANTIC_ATTRIBUTES,
    )
    return {part: hashlib.sha256(shape.encode()).hexdigest() for part, shape in shapes.items()}


def assert_axe_clean(page, url: str) -> None:
    """axe-core on the page, unless both its parts were found clean before."""
    shapes = structure(page)
    if all(shapes[part] in AXE_CLEAN[part] for part in shapes):
        return
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{format_violations(violations)}"
    for part, shape in shapes.items():
        AXE_CLEAN[part].add(shape)


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
                assert_axe_clean(page, url)
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
