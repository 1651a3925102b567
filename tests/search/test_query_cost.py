"""What a search costs and how its hits are ordered where the match alone does not
decide: queries on the no-result path, kind priors at equal match, the capped total
of broad searches (issue #14's "no slower than before", issue #15's broad searches).

Runs on SQLite and, in the PostgreSQL run, on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import database
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.documents import FacetValue
from tests.search.helpers import doc as make_doc

READER = frozenset({"member", "g1"})
T1, T2 = FacetValue("t1", "Thema 1"), FacetValue("t2", "Thema 2")
backend = DatabaseBackend()
pytestmark = pytest.mark.django_db


def doc(key, title, *, keys=frozenset({"g1"}), **fields):
    return make_doc(key, title, keys=keys, **fields)


def index(*documents):
    backend.store({document.key: [document] for document in documents})


def search(text, keys=READER, **options):
    return backend.search(SearchQuery(text=text, reader_keys=keys, **options))


def test_a_known_word_outside_the_filters_is_not_searched_twice():
    """Given a word that is in the index, but only in guides, when the search is
    filtered to minutes, then it finds nothing and the word's own match is asked once."""
    index(doc("guide:1", "Antrag stellen", body="Der Antrag wird geprüft."))
    with CaptureQueriesContext(connection) as ctx:
        results = search("Antrag", filters={"kind": ("minutes",)})
    assert results.total == 0
    sql = [q["sql"] for q in ctx.captured_queries]
    matches = [q for q in sql if "search_fts" in q]
    # 1: the grouped count of the filtered matches (0) - the one full-text match;
    # the vocabulary (search_searchword) is asked for corrections and "did you mean"
    assert len(matches) == 1, "\n".join(sql)


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("discussion", "Erfahrungen mit der Wohnsitzauflage"),
        ("question", "Wohnsitzauflage: wie prüft ihr?"),
        ("event", "Wohnsitzauflage: Termin zur Abstimmung"),
        ("figures", "Kennzahlen: Wohnsitzauflage"),
    ],
)
def test_a_guide_ranks_above_threads_events_and_figures_at_equal_match(kind, title):
    """Given a guide and a forum thread, event or key-figure page that names the same
    word once in its title, when the word is searched, then the guide comes first
    (threads quote guides, an event's minutes or guide hold its content)."""
    index(
        doc("guide:1", "Leitfaden Wohnsitzauflage", body="Prüfschritte."),
        doc("other:1", title, kind=kind, body="Prüfschritte."),
    )
    assert [hit.key for hit in search("Wohnsitzauflage").hits] == ["guide:1", "other:1"]


def test_minutes_rank_above_their_event_at_equal_match():
    index(
        doc("event:1", "Vernetzungstreffen Nord", kind="event"),
        doc("minutes:1", "Protokoll Vernetzungstreffen Nord", kind="minutes"),
    )
    assert [hit.key for hit in search("Vernetzungstreffen").hits] == ["minutes:1", "event:1"]


def test_a_title_with_every_word_ranks_above_one_with_some():
    """Given two announcements, one whose title has both words (not at its start) and
    one with one of them in the title and the other in a long summary, then the title
    with every word comes first."""
    index(
        doc("a:1", "Neu: Sitzung Integrationsbeirat", kind="announcement"),
        doc(
            "a:2",
            "Integrationsbeirat Rosenfurt",
            kind="announcement",
            summary="Sitzung Sitzung Sitzung des Beirats",
        ),
    )
    assert [hit.key for hit in search("Sitzung Integrationsbeirat").hits][0] == "a:1"


def ranking_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "bm25(" in q["sql"] or "ts_rank(" in q["sql"]]


def full_text_matches(ctx) -> list[str]:
    """The queries that match the words in the full-text table (not the title pass)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if ("MATCH" in q["sql"] or "vector @@" in q["sql"]) and "titles @@" not in q["sql"]
    ]


def test_a_broad_search_ranks_its_title_matches_first(monkeypatch):
    """Given more matches than the count cap, and enough of them with the word in the
    title to fill the ranked window, when the word is searched, then the page holds
    title matches, and the words are not matched for every match again: SQLite
    scores the title matches only (FTS5 column filter); PostgreSQL takes the best
    title matches by the title column alone and scores them with the counted
    matches in one query that matches nothing again."""
    monkeypatch.setattr(database, "COUNT_CAP", 3)
    monkeypatch.setattr(database, "RERANK_WINDOW", 4)
    index(
        *(doc(f"title:{n}", f"Wohnsitzauflage {n}") for n in range(5)),
        *(doc(f"body:{n}", f"Merkblatt {n}", body="Wohnsitzauflage " * 5) for n in range(5)),
    )
    with CaptureQueriesContext(connection) as ctx:
        results = search("Wohnsitzauflage", per_page=2)
    assert (results.total, results.capped) == (4, True)
    ranking = ranking_queries(ctx)
    if connection.vendor == "postgresql":
        # the title pass on the titles column, then one scoring among candidate ids
        assert len(ranking) == 2, ranking
        assert "f.titles @@" in ranking[0]
        assert "ANY(" in ranking[1]
        assert "@@" not in ranking[1]
    else:
        # 1: the ranked window among the title matches (FTS5 column filter)
        assert len(ranking) == 1, ranking
        assert "{title}" in ranking[0]
    assert all(hit.key.startswith("title:") for hit in results.hits)


def test_a_broad_search_with_few_title_matches_ranks_body_matches_after(monkeypatch):
    """Given more matches than the cap but too few title matches for the window, then
    body matches fill the window after the title hit (SQLite scores every match,
    PostgreSQL the counted ones with the title matches)."""
    monkeypatch.setattr(database, "COUNT_CAP", 3)
    monkeypatch.setattr(database, "RERANK_WINDOW", 4)
    index(
        doc("title:1", "Wohnsitzauflage prüfen"),
        *(doc(f"body:{n}", f"Merkblatt {n}", body="Wohnsitzauflage") for n in range(5)),
    )
    with CaptureQueriesContext(connection) as ctx:
        results = search("Wohnsitzauflage", per_page=4)
    assert len(ranking_queries(ctx)) == 2
    assert [hit.key for hit in results.hits][0] == "title:1"
    assert len(results.hits) == 4
    assert all(hit.key.startswith("body:") for hit in results.hits[1:])


def test_the_words_are_matched_once_for_total_groups_and_topics():
    """Given matches with topics, when a word is searched, then the total, the facet
    groups and the topic facet count the same fetched ids: the words are matched
    once for them (and once more on SQLite, whose ranking is the FTS5 match)."""
    index(
        *(
            doc(f"guide:{n}", f"Merkblatt {n}", body="Blaue Karte beantragen", topics=(T1,))
            for n in range(3)
        ),
        doc("guide:9", "Blaue Karte", topics=(T2,)),
    )
    with CaptureQueriesContext(connection) as ctx:
        results = search('"Blaue Karte"')
    assert results.total == 4
    assert {f.value: f.count for f in results.facets["topic"]} == {"t1": 3, "t2": 1}
    matches = full_text_matches(ctx)
    assert len(matches) == (1 if connection.vendor == "postgresql" else 2), matches


def test_a_broad_search_shows_only_what_the_reader_may_see(monkeypatch):
    """Given more title matches than the cap for another audience and for the reader,
    when the reader searches the word, then the title pass, the counts and the page
    hold the reader's entries only; an outsider finds nothing."""
    monkeypatch.setattr(database, "COUNT_CAP", 3)
    monkeypatch.setattr(database, "RERANK_WINDOW", 4)
    index(
        *(doc(f"theirs:{n}", f"Wohnsitzauflage {n}", keys=frozenset({"g2"})) for n in range(6)),
        *(doc(f"mine:{n}", f"Wohnsitzauflage Nr {n}", boost=0.5) for n in range(5)),
    )
    results = search("Wohnsitzauflage", per_page=4)
    assert results.capped
    assert results.hits
    assert all(hit.key.startswith("mine:") for hit in results.hits)
    assert search("Wohnsitzauflage", keys=frozenset({"g7"})).total == 0


def test_a_word_in_no_document_next_to_a_known_one_is_told_apart():
    """Given a known word and one in no document, when both are searched, then the
    partial result names the unknown word (its existence is asked among the first
    counted matches, not with a bare LIMIT 1)."""
    index(doc("guide:1", "Fiktionsbescheinigung verlängern"))
    results = search("Fiktionsbescheinigung Quxzyvolk")
    assert results.partial
    assert [hit.key for hit in results.hits] == ["guide:1"]
    assert results.unmatched == ("Quxzyvolk",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the titles column is PostgreSQL's")
def test_the_titles_column_holds_the_title_terms_only():
    index(doc("guide:1", "Wohnsitzauflage", summary="Merkblatt", body="Ausländerbehörde"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT titles::text, vector::text FROM search_fts")
        titles, vector = cursor.fetchone()
    assert titles
    assert "merkblatt" not in titles
    assert "merkblatt" in vector
    positions = [term.rsplit(":", 1)[1] for term in titles.split()]
    assert all(p.endswith("A") for labels in positions for p in labels.split(","))


def test_suggestions_match_the_unfinished_word_in_titles_only():
    """Given the word in one title and only in another entry's body, when its start is
    typed (alone or after a word), then only the title is suggested, and only to a
    reader who may see it (PostgreSQL matches the prefix in the titles column)."""
    index(
        doc("guide:1", "Merkblatt Wohnsitzauflage"),
        doc("guide:2", "Merkblatt", body="Zur Wohnsitzauflage siehe dort."),
    )
    assert [hit.key for hit in backend.suggest("Wohnsitz", READER)] == ["guide:1"]
    assert [hit.key for hit in backend.suggest("Merkblatt Wohnsitz", READER)] == ["guide:1"]
    assert backend.suggest("Wohnsitz", frozenset({"g7"})) == []
