"""The results page (/suche/) and the header's search as you type (/suche/vorschlaege/)."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils.translation import gettext, ngettext

from abhnetz.audiences.display import describe
from abhnetz.audiences.models import AudienceScope
from abhnetz.audiences.rules import NETWORK_ROLES, role_group_ids
from search.documents import FacetValue
from search.registry import kind_label
from tests.accounts.helpers import assert_accessible_page, text
from tests.search.helpers import doc as make_doc
from tests.search.helpers import index

BERLIN = ZoneInfo("Europe/Berlin")


def network_keys() -> frozenset[str]:
    """The keys "the whole network" stores: the groups of every role but the board."""
    return frozenset(f"g{group_id}" for group_id in role_group_ids(*NETWORK_ROLES))


def org(organisation) -> FacetValue:
    return FacetValue(organisation.slug, organisation.name)


def doc(key, title, *, keys=None, scope="network", **fields):
    keys = keys if keys is not None else network_keys()
    return make_doc(key, title, keys=keys, audience_scope=scope, **fields)


def get(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def hits_of(html: str) -> list[str]:
    """The hits' titles in page order, without their <mark>s."""
    items = re.findall(r'data-testid="search-hit".*?<h3[^>]*><a[^>]*>(.*?)</a>', html, re.S)
    return [re.sub(r"</?mark>", "", item) for item in items]


def form_of(html: str, testid: str) -> str:
    """The form marked ``data-testid=testid`` (up to its end tag)."""
    start = html.index(f'data-testid="{testid}"')
    return html[html.rindex("<form", 0, start) : html.index("</form>", start)]


def facet(html: str, param: str, value: str, label: str = "[^<]*") -> re.Match | None:
    """The facet checkbox of ``value``: its label and count (``match[1]``, ``match[2]``)."""
    pattern = (
        rf'name="{param}" value="{re.escape(value)}"[^>]*?( checked)?>\s*'
        rf"<label[^>]*>{label} ?<span[^>]*>\((\d+)\)"
    )
    return re.search(pattern, html)


def count_heading(total: int, query: str) -> str:
    return escape(
        ngettext("%(counter)s result for „%(query)s“", "%(counter)s results for „%(query)s“", total)
        % {"counter": total, "query": query}
    )


@pytest.fixture
def library(network):
    """Guides and minutes of both offices for the whole network."""
    index(
        doc(
            "guide:1",
            "Leitfaden Fiktionsbescheinigung",
            body="Wann die Fiktionsbescheinigung ausgestellt wird.",
            organisation=org(network.office_a),
            topics=(FacetValue("aufenthalt", "Aufenthalt"),),
            date=datetime(2026, 4, 18, 10, 0, tzinfo=BERLIN),
        ),
        doc(
            "guide:2",
            "Leitfaden Blaue Karte",
            body="Die Fiktionsbescheinigung bei der Blauen Karte.",
            organisation=org(network.office_b),
            date=datetime(2025, 3, 1, 10, 0, tzinfo=BERLIN),
        ),
        doc(
            "minutes:3",
            "Protokoll der Netzwerksitzung",
            kind="minutes",
            body="Beschluss zur Fiktionsbescheinigung.",
            organisation=org(network.office_a),
            date=datetime(2026, 5, 2, 10, 0, tzinfo=BERLIN),
            scope="offices",
        ),
    )
    return network


# -- the results page -------------------------------------------------------------


def test_hits_show_kind_title_organisation_date_and_audience(library, client_for):
    client = client_for(library.office_staff)
    html = assert_accessible_page(client.get("/suche/", {"q": "Fiktionsbescheinigung"}))
    assert count_heading(3, "Fiktionsbescheinigung") in html
    assert len(re.findall(r'data-testid="search-hit"', html)) == 3
    # the guide: its kind, a link to it, its organisation, its date, its audience
    hit = html[html.index('href="/wissen/guide-1/"') - 400 :]
    hit = hit[: hit.index("</li>")]
    assert escape(kind_label("guide")) in hit
    assert "Ausländerbehörde Adorf" in hit
    assert '<time datetime="2026-04-18">18.04.2026</time>' in hit
    assert text("Visible to:") in hit
    # in the listing's words (one badge everywhere, abhnetz.audiences.display)
    network_words = describe(
        scope=AudienceScope.NETWORK, organisations=(), working_groups=(), advisory_board=False
    )
    assert escape(network_words) in hit
    # the minutes for the offices only carry that badge, as a warning
    offices_words = describe(
        scope=AudienceScope.OFFICES, organisations=(), working_groups=(), advisory_board=False
    )
    assert escape(offices_words) in html
    assert "kern-badge--warning" in html


def test_the_matched_words_are_marked(library, client_for):
    html = get(client_for(library.office_staff), "/suche/", q="Fiktionsbescheinigung")
    assert "Leitfaden <mark>Fiktionsbescheinigung</mark>" in html
    assert "Wann die <mark>Fiktionsbescheinigung</mark> ausgestellt wird." in html


def test_titles_and_snippets_are_escaped(network, client_for):
    index(doc("guide:9", "Fiktion <script>alert(1)</script>", body="<b>Fiktion</b> fett"))
    html = get(client_for(network.office_staff), "/suche/", q="Fiktion")
    assert "<script>alert(1)</script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html


def test_filters_narrow_and_facets_show_counts(library, client_for):
    client = client_for(library.office_staff)
    html = get(client, "/suche/", q="Fiktionsbescheinigung", art="leitfaden")
    assert sorted(hits_of(html)) == ["Leitfaden Blaue Karte", "Leitfaden Fiktionsbescheinigung"]
    facets = form_of(html, "search-facets")
    # the kind facet counts without its own filter: both kinds stay choosable, by
    # their German words
    assert facet(facets, "art", "leitfaden").groups() == (" checked", "2")
    assert facet(facets, "art", "protokoll").groups() == (None, "1")
    # an address from before the German words still filters the same
    assert hits_of(get(client, "/suche/", q="Fiktionsbescheinigung", art="guide")) == hits_of(html)
    # the organisation facet counts the two guides
    a, b = library.office_a.slug, library.office_b.slug
    assert facet(facets, "organisation", a, "Ausländerbehörde Adorf")[2] == "1"
    assert facet(facets, "organisation", b, "Ausländerbehörde Bestadt")[2] == "1"
    # the facet form keeps the search words; fieldsets have legends
    assert 'type="hidden" name="q" value="Fiktionsbescheinigung"' in facets
    assert "<legend" in facets
    # both facets together: the guide of office A only
    html = get(client, "/suche/", q="Fiktionsbescheinigung", art="guide", organisation=a)
    assert hits_of(html) == ["Leitfaden Fiktionsbescheinigung"]
    assert count_heading(1, "Fiktionsbescheinigung") in html
    assert 'data-testid="search-remove-filters"' in html


def test_values_of_one_facet_are_alternatives(library, client_for):
    client = client_for(library.office_staff)
    response = client.get("/suche/?q=Fiktionsbescheinigung&art=guide&art=minutes&jahr=2026")
    html = response.content.decode()
    assert sorted(hits_of(html)) == [
        "Leitfaden Fiktionsbescheinigung",
        "Protokoll der Netzwerksitzung",
    ]
    # the search form keeps the chosen filters when the words change
    form = form_of(html, "search-form")
    assert 'name="art" value="guide"' in form
    assert 'name="art" value="minutes"' in form
    assert 'name="jahr" value="2026"' in form


def test_sorting_by_date(library, client_for):
    client = client_for(library.office_staff)
    html = get(client, "/suche/", q="Fiktionsbescheinigung", sortierung="datum")
    assert hits_of(html) == [
        "Protokoll der Netzwerksitzung",
        "Leitfaden Fiktionsbescheinigung",
        "Leitfaden Blaue Karte",
    ]
    assert re.search(r'<option value="datum" selected>', html)
    assert text("Newest first") in html
    # the facet form keeps the sorting
    assert 'type="hidden" name="sortierung" value="datum"' in html


def test_pages_of_twenty_keep_the_filters(network, client_for):
    index(*(doc(f"guide:{n}", f"Merkblatt Nummer {n}", body="Merkblatt") for n in range(25)))
    client = client_for(network.office_staff)
    first = get(client, "/suche/", q="Merkblatt", art="guide")
    assert len(hits_of(first)) == 20
    assert count_heading(25, "Merkblatt") in first
    assert escape(gettext("Page %(number)s of %(total)s") % {"number": 1, "total": 2}) in first
    # the next page's link keeps every parameter
    link = re.search(r'href="([^"]*)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "q=Merkblatt" in link
    assert "art=guide" in link
    assert "seite=2" in link
    second = get(client, "/suche/", q="Merkblatt", art="guide", seite="2")
    assert len(hits_of(second)) == 5
    assert not set(hits_of(first)) & set(hits_of(second))
    assert 'rel="prev"' in second
    # a page beyond the end shows the last one, a broken number the first
    assert sorted(hits_of(get(client, "/suche/", q="Merkblatt", seite="9"))) == sorted(
        hits_of(second)
    )
    assert sorted(hits_of(get(client, "/suche/", q="Merkblatt", seite="x"))) == sorted(
        hits_of(first)
    )


def test_a_typo_shows_the_corrected_results_and_a_link_to_the_typed_words(library, client_for):
    # given a word one letter off, with a filter chosen
    client = client_for(library.office_staff)
    html = get(client, "/suche/", q="Fiktionsbescheinigunk", art="guide")
    # then the results for the corrected word are shown at once, with a notice
    assert hits_of(html) == ["Leitfaden Fiktionsbescheinigung", "Leitfaden Blaue Karte"]
    notice = re.search(r'data-testid="search-corrected">(.*?)</div>', html, re.S).group(1)
    assert (
        escape(
            gettext("Results for „%(corrected)s“ (instead of „%(typed)s“)")
            % {"corrected": "Fiktionsbescheinigung", "typed": "Fiktionsbescheinigunk"}
        )
        in notice
    )
    # and a link searches exactly what was typed, keeping the filter
    link = re.search(r'href="([^"]*)" data-testid="search-exact"', notice).group(1)
    link = link.replace("&amp;", "&")
    assert "q=Fiktionsbescheinigunk" in link
    assert "genau=1" in link
    assert "art=guide" in link
    exact = get(client, "/suche/?" + link.split("?", 1)[1])
    assert hits_of(exact) == []
    assert 'data-testid="search-corrected"' not in exact
    # where the typed words find nothing, the correction is offered
    suggestion = re.search(r'data-testid="search-suggestion">[^<]*<a[^>]*href="([^"]*)"', exact)
    assert suggestion, exact
    assert "q=fiktionsbescheinigung" in suggestion.group(1).lower()
    assert text("Did you mean") in exact
    assert text("Check the spelling.") in exact
    remove = re.search(r'href="([^"]*)" data-testid="search-remove-filters"', exact).group(1)
    assert "art=" not in remove


def test_partial_matches_strike_through_the_missing_words(library, client_for):
    # given three words of which no item has all, and one no item has at all
    html = assert_accessible_page(
        client_for(library.office_staff).get(
            "/suche/", {"q": "Fiktionsbescheinigung Netzwerksitzung Quxzyvolk"}
        )
    )
    # then the page says so and shows the best partial matches first
    assert text("No results for all the words; results for some of them:") in html
    assert hits_of(html)[0] == "Protokoll der Netzwerksitzung"
    # each hit strikes through what it lacks, with a text for screen readers
    missing = re.findall(r'data-testid="search-hit-missing">(.*?)</p>', html, re.S)
    assert len(missing) == 3
    assert "<del" in missing[0]
    assert "Quxzyvolk</del>" in missing[0]
    assert "Netzwerksitzung" not in missing[0]
    assert "Netzwerksitzung</del>" in missing[1]
    assert text("not contained:") in missing[0]


def test_a_form_hit_lists_its_language_versions(network, client_for):
    index(
        doc(
            "form:1",
            "Checkliste Empfang",
            kind="form",
            extra={
                "versions": [
                    ["Checkliste Empfang", "Deutsch", "/dokumente/1/de.pdf"],
                    ["Karşılama kontrol listesi", "Türkisch", "/dokumente/2/tr.pdf"],
                ]
            },
        )
    )
    html = get(client_for(network.office_staff), "/suche/", q="Checkliste Empfang")
    assert hits_of(html) == ["Checkliste Empfang"]
    versions = re.search(r'data-testid="search-hit-versions">(.*?)</p>', html, re.S).group(1)
    assert 'href="/dokumente/2/tr.pdf"' in versions
    assert "Karşılama kontrol listesi</a> (Türkisch)" in versions


def test_no_hits_without_a_close_word_shows_only_tips(library, client_for):
    html = get(client_for(library.office_staff), "/suche/", q="Quxzyvolk")
    assert 'data-testid="search-empty"' in html
    assert 'data-testid="search-suggestion"' not in html
    assert text("Use fewer or more general words.") in html


def test_empty_search_shows_the_form_and_tips(library, client_for, queries):
    client = client_for(library.office_staff)
    html = assert_accessible_page(client.get("/suche/"))
    assert 'data-testid="search-tips"' in html
    assert 'data-testid="search-results"' not in html
    assert 'data-testid="search-count"' not in html
    # only whitespace: no query either
    html = get(client, "/suche/", q="   ")
    assert 'data-testid="search-tips"' in html
    assert 'data-testid="search-count"' not in html


def test_too_long_words_show_the_error_at_the_field(library, client_for):
    words = "Fiktion " * 30
    response = client_for(library.office_staff).get("/suche/", {"q": words})
    html = assert_accessible_page(response)
    assert 'id="id_q-error"' in html
    assert 'aria-invalid="true"' in html or "kern-form-input__input--error" in html
    # what was typed stays in the field; nothing was searched
    assert f'value="{words.strip()}' in html or f'value="{words}' in html
    assert 'data-testid="search-count"' not in html


def test_the_notice_when_the_database_answers_for_elasticsearch(library, client_for, settings):
    # nothing listens on port 9: Elasticsearch is unreachable and the database answers
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    html = get(client_for(library.office_staff), "/suche/", q="Fiktionsbescheinigung")
    assert 'data-testid="search-notice"' in html
    assert "kern-alert--info" in html
    assert len(hits_of(html)) == 3


def test_the_page_needs_a_login(library):
    response = Client().get("/suche/", {"q": "Fiktionsbescheinigung"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_the_results_page_makes_as_many_queries_for_25_hits_as_for_3(network, client_for, queries):
    index(
        *(
            doc(
                f"guide:{n}", f"Merkblatt {n}", body="Merkblatt", organisation=org(network.office_a)
            )
            for n in range(3)
        )
    )
    client = client_for(network.office_staff)

    def add_items():
        index(
            *(
                doc(
                    f"minutes:{n}",
                    f"Merkblatt Protokoll {n}",
                    kind="minutes",
                    body="Merkblatt",
                    organisation=org(network.office_b if n % 2 else network.office_a),
                    topics=(FacetValue(f"thema-{n}", f"Thema {n}"),),
                    date=datetime(2020 + n % 5, 1, 1, tzinfo=BERLIN),
                    scope="offices",
                )
                for n in range(22)
            )
        )

    # 1 session, 2 user, 3 the reader's groups (audience keys), 4 the capped match
    # set's ids (the one full-text match they share), 5 the facet groups and total
    # over them, 6 the ranked window (on SQLite its own full-text match, on PostgreSQL
    # among those ids), 7 the window's titles and kinds for reordering, 8 the page's
    # entries, 9 the topic facet (the same ids), 10 the hits' audience keys (for
    # "geteilt mit …"), 11 the advisory board's group, 12 organisations and 13
    # working groups (audience labels and filters), 14 the header's unread count,
    # 15 the footer's legal pages
    queries.assert_constant(
        lambda: client.get("/suche/", {"q": "Merkblatt"}), add_items, expected=15
    )


# -- audience ---------------------------------------------------------------------


@pytest.fixture
def internal(library):
    """A guide only office A may read, matching the same words as the shared ones."""
    index(
        doc(
            "guide:50",
            "Fiktionsbescheinigung Dienstanweisung Adorf",
            keys={f"g{library.office_a.group_id}"},
            body="Interne Vertretungsregel Fiktionsbescheinigung",
            organisation=FacetValue("intern-adorf", "Sachgebiet Intern Adorf"),
            topics=(FacetValue("intern", "Interna"),),
            date=datetime(2019, 1, 1, tzinfo=BERLIN),
            scope="selected",
        )
    )
    return library


def test_office_a_finds_its_internal_guide(internal, client_for):
    html = get(client_for(internal.office_staff), "/suche/", q="Fiktionsbescheinigung")
    assert "Dienstanweisung Adorf" in "".join(hits_of(html))
    assert count_heading(4, "Fiktionsbescheinigung") in html
    assert "Sachgebiet Intern Adorf" in html


def test_office_b_never_sees_office_a_internal_guide(internal, client_for):
    client = client_for(internal.office_staff_b)
    html = get(client, "/suche/", q="Fiktionsbescheinigung")
    # not in the hits, the total, the facets (its organisation, topic and year) …
    assert "Dienstanweisung" not in html
    assert count_heading(3, "Fiktionsbescheinigung") in html
    assert "Sachgebiet Intern Adorf" not in html
    assert "intern-adorf" not in html
    assert "Interna" not in html
    assert 'value="2019"' not in html
    assert facet(html, "art", "leitfaden")[2] == "2"
    # … not by its own words, not as a spelling suggestion …
    html = get(client, "/suche/", q="Vertretungsregel")
    assert count_heading(0, "Vertretungsregel") in html
    html = get(client, "/suche/", q="Vertretungsregle")
    assert 'data-testid="search-suggestion"' not in html
    # … and not as a suggestion while typing
    html = get(client, "/suche/vorschlaege/", q="Fiktionsbe")
    assert "Dienstanweisung" not in html
    assert "Leitfaden <mark>Fiktionsbe" in html or "Leitfaden Fiktionsbe" in html


# -- search as you type -----------------------------------------------------------


def test_suggestions_list_titles_for_what_was_typed(library, client_for):
    response = client_for(library.office_staff).get(
        "/suche/vorschlaege/", {"q": "Leitf"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    links = re.findall(
        r'<a class="site-search__link" href="([^"]*)" data-testid="search-suggestion-link"', html
    )
    assert sorted(links) == ["/wissen/guide-1/", "/wissen/guide-2/"]
    assert escape(kind_label("guide")) in html
    # the way to every result, and the count for the header's live region
    assert 'href="/suche/?q=Leitf"' in html
    assert escape(gettext("All results for „%(query)s“") % {"query": "Leitf"}) in html
    assert 'hx-swap-oob="innerHTML:#site-search-status"' in html
    assert (
        escape(ngettext("%(counter)s suggestion", "%(counter)s suggestions", 2) % {"counter": 2})
        in html
    )
    assert "<script" not in html
    assert "style=" not in html


def test_suggestions_need_two_characters(library, client_for):
    client = client_for(library.office_staff)
    for typed in ("", "L", " L "):
        response = client.get("/suche/vorschlaege/", {"q": typed})
        assert response.status_code == 200
        assert response.content == b""


def test_suggestions_need_a_login(library):
    response = Client().get("/suche/vorschlaege/", {"q": "Leitf"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    # htmx would follow the redirect and show the login page in the header: refuse instead
    response = Client().get("/suche/vorschlaege/", {"q": "Leitf"}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert b"Leitfaden" not in response.content


def test_the_header_searches_as_you_type_and_without_javascript(network, client_for):
    html = get(client_for(network.partner), "/mitteilungen/")
    form = form_of(html, "site-search")
    # without JavaScript the form GETs the results page
    assert 'action="/suche/" method="get"' in form
    assert 'name="q"' in form
    # with htmx the field asks for suggestions into the container below it
    assert 'hx-get="/suche/vorschlaege/"' in form
    assert 'hx-trigger="input changed delay:250ms, search"' in form
    assert 'hx-target="#site-search-suggestions"' in form
    assert 'aria-controls="site-search-suggestions"' in form
    assert 'id="site-search-suggestions"' in form
    assert 'id="site-search-status" role="status" aria-live="polite"' in form
    # guests see no search
    assert 'data-testid="site-search"' not in Client().get("/konto/login/").content.decode()


def test_the_header_field_keeps_the_words_on_the_results_page(library, client_for):
    html = get(client_for(library.office_staff), "/suche/", q="Blaue Karte")
    assert re.search(r'id="site-search-q"[^>]*value="Blaue Karte"', html)


def test_a_broad_search_reads_more_than_a_thousand(network, client_for):
    """Given 1,005 documents with the word, when it is searched, then the page says
    "Mehr als 1.000 Treffer" and that the facets count among the first 1.000."""
    index(*(doc(f"guide:{n}", f"Wohnsitzauflage Nummer {n}", keys={"member"}) for n in range(1005)))
    html = get(client_for(network.office_staff), "/suche/", q="Wohnsitzauflage")
    assert "Mehr als 1.000 Treffer für „Wohnsitzauflage“" in html
    assert "Gezählt unter den ersten 1.000 Treffern; es gibt mehr als 1.000." in html
    assert len(hits_of(html)) == 20
