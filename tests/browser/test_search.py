"""The search in the browser (#5): two offices search the same word and each finds only
its own internal guide; the results page passes axe-core with hits, with filters and with
none; the header's search as you type and the results page work by keyboard alone; and
the header form works without JavaScript."""

import re
from datetime import timedelta
from urllib.parse import urljoin

import pytest

from .axe import assert_accessible
from .helpers import focused, login, tab_to, tab_to_link, third_party_requests

PASSWORD = "abhnetz-demo"
OFFICE = "office@demo.abhnetz.example"  # ABH Rosenfurt
OFFICE2 = "office2@demo.abhnetz.example"  # ABH Landkreis Rosenfurt
WORD = "Dienstplan"
ROSTER = "Dienstplan ServicePoint (intern)"  # the demo's guide for ABH Rosenfurt only
ROSTER_URL = "/wissen/dienstplan-servicepoint-intern/"
OTHER_ROSTER = "Dienstplan Einbürgerung (intern)"  # added below, for ABH Landkreis only
OFFICE_NAMES = {
    OFFICE: "Ausländerbehörde der Stadt Rosenfurt",
    OFFICE2: "Ausländerbehörde des Landkreises Rosenfurt",
}


@pytest.fixture
def offices(demo):
    """The demo, plus an internal guide of the second office: the demo has one only for
    the first (and its number of guides is fixed by the demo's own tests)."""
    from django.utils import timezone

    from abhnetz.accounts.models import User
    from abhnetz.audiences.models import Audience
    from abhnetz.audiences.services import audience_assign
    from knowledge.guides.models import GuidePage
    from knowledge.models import KnowledgeIndexPage

    owner = User.objects.get(email=OFFICE2)
    today = timezone.localdate()
    guide = GuidePage(
        title=OTHER_ROSTER,
        slug="dienstplan-einbuergerung-intern",
        summary="Wie die ABH Landkreis Rosenfurt die Sprechstunden der Einbürgerung "
        "besetzt. Nur für die eigene Behörde.",
        organisation=owner.organisation,
        owner=owner,
        last_reviewed_on=today - timedelta(days=3),
        review_due_on=today + timedelta(days=90),
        body=[("rich_text", "<p>Montags und donnerstags, immer mit zwei Personen.</p>")],
    )
    audience_assign(guide, Audience.selected(organisations=[owner.organisation]))
    KnowledgeIndexPage.objects.get().add_child(instance=guide)
    # published outside any transaction: the index is updated at once (after commit)
    guide.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)


def hit_titles(page) -> list[str]:
    # a highlighted word is its own box in the link, so innerText breaks the line there
    titles = page.get_by_test_id("search-hit").locator("h3").all_inner_texts()
    return [" ".join(title.split()) for title in titles]


def heading_count(page) -> int:
    return int(page.get_by_test_id("search-count").inner_text().split()[0])


def facet_counts(page, facet: str) -> dict[str, int]:
    """Each value of the facet (its checkbox's value) with the count its label shows."""
    counts = {}
    for check in page.get_by_test_id(f"search-facet-{facet}").locator(".kern-form-check").all():
        label = check.locator("label").inner_text()
        value = check.locator("input[type=checkbox]").get_attribute("value")
        counts[value] = int(re.search(r"\((\d+)\)\s*$", label).group(1))
    return counts


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def focused_value(page) -> tuple[str, str]:
    return tuple(
        page.evaluate(
            "() => { const el = document.activeElement;"
            " return el && el.type === 'checkbox' ? [el.name, el.value] : ['', '']; }"
        )
    )


def test_two_offices_each_find_only_their_own_internal_guide(page, offices):
    for email, own, other, other_office in (
        (OFFICE, ROSTER, OTHER_ROSTER, OFFICE2),
        (OFFICE2, OTHER_ROSTER, ROSTER, OFFICE),
    ):
        page.context.clear_cookies()
        login(page, email, PASSWORD)
        page.goto(f"/suche/?q={WORD}")
        titles = hit_titles(page)
        assert own in titles, email
        assert other not in titles, email
        # the counts come from the same audience-filtered search as the hits (one page)
        kinds = facet_counts(page, "kind")
        assert kinds["leitfaden"] >= 1
        assert sum(kinds.values()) == heading_count(page) == len(titles), (email, kinds)
        # and the other office's guide shows in no facet either
        facets = page.get_by_test_id("search-facets").inner_text()
        assert OFFICE_NAMES[other_office] not in facets, email
        assert OFFICE_NAMES[email] in facets, email


def test_results_page_passes_axe_with_hits_filters_and_none(page, demo):
    login(page, OFFICE, PASSWORD)

    # with hits and facets
    page.goto(f"/suche/?q={WORD}")
    assert heading_count(page) >= 2
    assert_accessible(page)

    total = heading_count(page)

    # with a filter chosen: only guides, the checkbox ticked, a way to remove the filter
    page.goto(f"/suche/?q={WORD}&art=leitfaden")
    assert ROSTER in hit_titles(page)
    assert heading_count(page) < total
    assert page.locator("input[type=checkbox][name=art][value=leitfaden]").is_checked()
    assert page.get_by_test_id("search-remove-filters").is_visible()
    assert_accessible(page)

    # a misspelling: the results for the word that is there, and a way back
    page.goto("/suche/?q=Dienstplann")
    assert ROSTER in hit_titles(page)
    assert page.get_by_test_id("search-corrected").is_visible()
    assert_accessible(page)
    page.get_by_test_id("search-exact").click()
    page.wait_for_url("**genau=1**")

    # exactly as typed: no hits, "Did you mean" the word that is there
    assert heading_count(page) == 0
    suggestion = page.get_by_test_id("search-suggestion")
    assert suggestion.locator("a").inner_text().strip("„“").lower() == WORD.lower()
    assert_accessible(page)
    page.goto(urljoin(page.url, suggestion.locator("a").get_attribute("href")))
    assert ROSTER in hit_titles(page)

    # partial matches: the missing word struck through on each hit
    page.goto(f"/suche/?q={WORD} Quxzyvolk")
    assert page.get_by_test_id("search-partial").is_visible()
    assert ROSTER in hit_titles(page)
    assert page.get_by_test_id("search-hit-missing").first.inner_text().endswith("Quxzyvolk")
    assert_accessible(page)

    # with filters that leave nothing: the tips offer to remove them
    page.goto(f"/suche/?q={WORD}&art=person")
    assert heading_count(page) == 0
    assert page.get_by_test_id("search-empty").get_by_test_id("search-remove-filters").count() == 1
    assert_accessible(page)


def header_search_by_tab(page) -> None:
    """From the top of the page, Tab goes: skip link, logo, then the header's search field."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "/"
    page.keyboard.press("Tab")
    assert focused_id(page) == "site-search-q"


def test_search_by_keyboard_alone(page, demo):
    login(page, OFFICE, PASSWORD)
    page.goto("/")

    # typing into the header's field brings up suggestions (htmx), announced as a count
    header_search_by_tab(page)
    page.keyboard.type(WORD)
    suggestions = page.get_by_test_id("search-suggestions")
    suggestions.get_by_test_id("search-suggestion-link").first.wait_for()
    assert suggestions.is_visible()
    assert re.match(r"\d+ ", page.locator("#site-search-status").inner_text())
    assert_accessible(page)

    # Tab goes into the list, to the guide's suggestion; Enter opens it
    tab_to_link(page, ROSTER_URL, limit=6)
    assert page.evaluate("() => !!document.activeElement.closest('#site-search-suggestions')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(ROSTER_URL)
    assert " ".join(page.locator("h1").inner_text().split()) == ROSTER

    # from there, Enter in the header's field goes to the results page
    header_search_by_tab(page)
    page.keyboard.type(WORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/suche/?q={WORD}")
    total, guides = heading_count(page), facet_counts(page, "kind")["leitfaden"]
    assert total > guides

    # Space ticks the "guide" box of the kind facet, Tab reaches "Apply filters", Enter
    checkbox = tab_to(page, lambda f: focused_value(page) == ("art", "leitfaden"), limit=80)
    assert checkbox["tag"] == "input"
    page.keyboard.press("Space")
    assert page.locator("input[type=checkbox][name=art][value=leitfaden]").is_checked()
    tab_to(page, lambda f: f["tag"] == "button" and "kern-btn--secondary" in f["className"])
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=search-facets]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # the results narrow to the guide
    assert "art=leitfaden" in page.url
    assert ROSTER in hit_titles(page)
    assert heading_count(page) == len(hit_titles(page)) == guides

    # and Enter on the hit opens it
    tab_to_link(page, ROSTER_URL)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(ROSTER_URL)


def test_header_search_works_without_javascript(page, live_server, demo):
    # `page` (unused otherwise) refreshes the content type cache for this test
    context = page.context.browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        java_script_enabled=False,
    )
    requests: list[str] = []
    try:
        plain = context.new_page()
        plain.on("request", lambda request: requests.append(request.url))
        login(plain, OFFICE, PASSWORD)
        plain.goto("/")
        # the page's scripts (htmx) did not run
        assert plain.evaluate("() => typeof window.htmx") == "undefined"
        plain.locator("#site-search-q").fill(WORD)
        with plain.expect_navigation():
            plain.locator("#site-search-q").press("Enter")
        assert plain.url.endswith(f"/suche/?q={WORD}")
        assert ROSTER in hit_titles(plain)
        assert heading_count(plain) == len(hit_titles(plain))
        assert plain.locator("#site-search-q").input_value() == WORD
    finally:
        context.close()
    assert third_party_requests(requests, live_server.url) == []
