"""Searches with an excluded word ("Antrag -Widerspruch"): no document with the
excluded word is shown or counted, whatever path ranks and counts the matches; a
broad one (more matches than the count cap) takes the broad search's first pass on
PostgreSQL (decision 0061, amended); the pages the docs promise exact equal the
exact ranking (docs/search.md "Broad searches").

Runs on SQLite and, in the PostgreSQL run, on PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import database
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.documents import FacetValue
from tests.search.helpers import doc as make_doc

BERLIN = ZoneInfo("Europe/Berlin")
READER = frozenset({"member", "g1"})
OUTSIDER = frozenset({"member", "g7"})
QUERY = "Wohnsitzauflage -Widerspruch"
# the organisation of every document with the excluded word, and of the other audience's
EXCLUDED_ORG = FacetValue("mit-widerspruch", "Mit Widerspruch")
THEIR_ORG = FacetValue("fremd", "Fremde Behörde")
OWN_ORG = FacetValue("eigen", "Eigene Behörde")
backend = DatabaseBackend()
pytestmark = pytest.mark.django_db


def doc(key, title, n=0, *, keys=frozenset({"g1"}), **fields):
    fields.setdefault("organisation", OWN_ORG)
    fields.setdefault("date", datetime(2020, 1, 1 + n % 28, tzinfo=BERLIN))
    return make_doc(key, title, keys=keys, **fields)


def index(*documents):
    backend.store({document.key: [document] for document in documents})


def search(text=QUERY, keys=READER, **options):
    return backend.search(SearchQuery(text=text, reader_keys=keys, **options))


def keys_of(results) -> list[str]:
    return [hit.key for hit in results.hits]


def every_page(per_page=2, **options) -> list[str]:
    found, page = [], 1
    while True:
        keys = keys_of(search(per_page=per_page, page=page, **options))
        if not keys:
            return found
        found += keys
        page += 1


def counted_organisations(results) -> set[str]:
    return {facet.value for facet in results.facets["organisation"]}


@pytest.fixture
def mixed():
    """Title and body matches of the word, every other one with the excluded word in
    its body only (so a test of the title alone would admit it), the excluded ones
    first in the table (where a count in table order meets them first), and the same
    titles for another audience."""
    index(
        *(
            doc(
                f"x-title:{n}",
                f"Wohnsitzauflage {n}",
                n,
                body="Widerspruch eingelegt.",
                organisation=EXCLUDED_ORG,
            )
            for n in range(6)
        ),
        *(
            doc(
                f"x-body:{n}",
                f"Merkblatt {n}",
                n,
                body="Wohnsitzauflage und Widerspruch",
                organisation=EXCLUDED_ORG,
            )
            for n in range(6)
        ),
        *(doc(f"title:{n}", f"Wohnsitzauflage Nr {n}", n) for n in range(4)),
        *(doc(f"body:{n}", f"Hinweis {n}", n, body="Zur Wohnsitzauflage") for n in range(4)),
        *(
            doc(
                f"theirs:{n}",
                f"Wohnsitzauflage {n}",
                n,
                keys=frozenset({"g2"}),
                organisation=THEIR_ORG,
            )
            for n in range(6)
        ),
    )


ALLOWED = {f"title:{n}" for n in range(4)} | {f"body:{n}" for n in range(4)}


@pytest.fixture
def broad(monkeypatch, mixed):
    """The cap below the 8 visible matches without the excluded word."""
    monkeypatch.setattr(database, "COUNT_CAP", 3)
    monkeypatch.setattr(database, "RERANK_WINDOW", 4)


@pytest.fixture
def exact(monkeypatch):
    """Run a search as one with every match counted (the exact ranking)."""

    def run(function, *args, **kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(database, "COUNT_CAP", 1000)
            return function(*args, **kwargs)

    return run


def test_a_broad_exclusion_never_shows_or_counts_the_excluded_word(broad):
    results = search(per_page=4)
    assert (results.total, results.capped) == (4, True)
    assert set(keys_of(results)) <= ALLOWED
    assert counted_organisations(results) == {OWN_ORG.value}
    assert sum(f.count for f in results.facets["kind"]) == 4
    assert sorted(every_page()) == sorted(ALLOWED)
    assert sorted(every_page(sort="date")) == sorted(ALLOWED)


def test_the_total_is_capped_only_when_more_than_the_cap_lack_the_excluded_word(monkeypatch, mixed):
    """Given 12 matches of the word with the excluded word first in the table and 8
    without, when the cap is 8, then the total is the 8 (not "more than"), though
    the word alone has more matches than the cap."""
    monkeypatch.setattr(database, "COUNT_CAP", 8)
    results = search()
    assert (results.total, results.capped) == (8, False)
    assert search("Wohnsitzauflage").capped


def test_a_broad_exclusion_ranks_the_title_matches_first_as_the_exact_ranking(broad, exact):
    """The first page of a broad exclusion, ranked among candidates, equals the exact
    ranking when the title matches fill it; pages beyond the reordered window and the
    date order are exact (every match scored)."""
    first = keys_of(search(per_page=4))
    assert first == keys_of(exact(search, per_page=4))
    assert set(first) == {f"title:{n}" for n in range(4)}
    for page in (3, 4):
        assert keys_of(search(per_page=2, page=page)) == keys_of(
            exact(search, per_page=2, page=page)
        )
    assert every_page(sort="date") == exact(every_page, sort="date")


def test_an_exclusion_with_few_matches_equals_the_word_alone_without_the_excluded(mixed):
    """At or below the cap every match is scored: the hits are those of the word
    alone, in the same order, less the ones with the excluded word (the excluded word
    does not change a score)."""
    alone = [key for key in every_page(per_page=20, text="Wohnsitzauflage") if "x-" not in key]
    alone = [key for key in alone if not key.startswith("theirs")]
    assert every_page(per_page=20) == alone
    assert every_page(per_page=3, sort="date") == [
        key
        for key in every_page(per_page=20, text="Wohnsitzauflage", sort="date")
        if key in ALLOWED
    ]


def test_a_filtered_exclusion_counts_no_excluded_word_in_its_facets(broad):
    """With a filter the counts go through the plain match (the filter may drive it),
    the facets without their own filter through the first matches: neither counts a
    document with the excluded word."""
    results = search(filters={"organisation": (OWN_ORG.value, EXCLUDED_ORG.value)}, per_page=4)
    assert results.total == 4
    assert set(keys_of(results)) <= ALLOWED
    # the organisation facet is counted without its own filter
    assert counted_organisations(results) == {OWN_ORG.value}
    only_excluded = search(filters={"organisation": (EXCLUDED_ORG.value,)})
    assert (only_excluded.total, only_excluded.hits) == (0, [])


def test_an_outsider_finds_no_title_and_no_count(broad):
    for keys in (OUTSIDER, frozenset()):
        results = search(keys=keys)
        assert (results.total, results.hits) == (0, [])
        assert all(not counts for counts in results.facets.values())
    theirs = search(keys=frozenset({"g2"}))
    assert (theirs.total, theirs.capped) == (4, True)
    assert {hit.key.split(":")[0] for hit in theirs.hits} == {"theirs"}
    assert counted_organisations(theirs) == {THEIR_ORG.value}


def ranking_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "bm25(" in q["sql"] or "ts_rank(" in q["sql"]]


def test_a_broad_exclusion_takes_the_first_pass_of_a_broad_search(broad):
    """PostgreSQL: the best title matches (the excluded word tested on the whole
    vector) and the counted ids are scored in one query; no query scores every
    match. SQLite ranks every match (its title pass tests a column only)."""
    with CaptureQueriesContext(connection) as ctx:
        results = search(per_page=4)
    assert results.capped
    ranking = ranking_queries(ctx)
    if connection.vendor == "postgresql":
        assert len(ranking) == 2, ranking
        assert "f.titles @@" in ranking[0]
        assert "f.vector @@" in ranking[0]
        assert "ANY(" in ranking[1]
        assert "@@" not in ranking[1]
        counted = [q["sql"] for q in ctx.captured_queries if "MATERIALIZED" in q["sql"]]
        # the count reads the words' matches only until the cap is reached
        assert len(counted) == 1, counted
        assert re.search(r"FROM m WHERE keys && \S+ LIMIT 4\)", counted[0]), counted[0]
    else:
        assert len(ranking) == 1, ranking
        assert "{title}" not in ranking[0]


def test_the_page_of_a_broad_exclusion_reads_more_than_a_thousand_for_readers_only(
    network, client_for
):
    """Given 1,005 guides of office A with the word and 30 with the excluded word too,
    when office A's staff search for the word without it, then the page reads "Mehr
    als 1.000 Treffer" and shows none with the excluded word; office B's staff, outside
    the audience, get no title and no count."""
    from tests.search.helpers import index as index_as_owner
    from tests.search.test_views import get, hits_of

    office_a = frozenset({f"g{network.office_a.group_id}"})
    index_as_owner(
        *(
            make_doc(f"guide:{n}", f"Wohnsitzauflage Nummer {n}", keys=office_a)
            for n in range(1005)
        ),
        *(
            make_doc(
                f"guide:x{n}", f"Wohnsitzauflage Einwand {n}", keys=office_a, body="Widerspruch"
            )
            for n in range(30)
        ),
    )
    html = get(client_for(network.office_staff), "/suche/", q=QUERY)
    assert f"Mehr als 1.000 Treffer für „{QUERY}“" in html
    assert len(hits_of(html)) == 20
    assert "Einwand" not in html
    outside = get(client_for(network.office_staff_b), "/suche/", q=QUERY)
    assert hits_of(outside) == []
    assert "Wohnsitzauflage Nummer" not in outside
    assert re.search(r"\b0 Treffer", outside)
    assert "1.000" not in outside
