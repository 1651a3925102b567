"""The contract every search backend fulfils, run against each available backend.

The database backend runs here on SQLite and, in the PostgreSQL run, on PostgreSQL.
The Elasticsearch backend runs the same tests when ELASTICSEARCH_URL points at a live
server (none can be installed on the development machines; see docs/search.md).
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.documents import FacetValue
from tests.search.helpers import doc as make_doc

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE_A = frozenset({"member", "g1", "u1"})
OFFICE_B = frozenset({"member", "g2", "u2"})
NETWORK = frozenset({"g1", "g2"})

ORG_A = FacetValue("abh-a", "Ausländerbehörde A")
ORG_B = FacetValue("abh-b", "Ausländerbehörde B")
TOPIC_WORK = FacetValue("arbeit", "Arbeit")
TOPIC_FAMILY = FacetValue("familie", "Familie")


def doc(key, title, *, keys=NETWORK, **fields):
    return make_doc(key, title, keys=keys, **fields)


class DatabaseHarness:
    name = "database"

    def __init__(self):
        self.backend = DatabaseBackend()

    def index(self, *documents):
        self.backend.store({document.key: [document] for document in documents})

    def remove(self, *keys):
        self.backend.remove(keys)

    def search(self, text, keys, **options):
        return self.backend.search(SearchQuery(text=text, reader_keys=keys, **options))

    def suggest(self, text, keys):
        return self.backend.suggest(text, keys)

    def close(self):
        pass


class ElasticsearchHarness(DatabaseHarness):
    name = "elasticsearch"

    def __init__(self):
        from search.backends.elasticsearch import ElasticsearchBackend

        self.backend = ElasticsearchBackend(
            os.environ["ELASTICSEARCH_URL"], index_name=f"abhnetz-contract-{uuid.uuid4().hex}"
        )
        self.backend.recreate_index()

    def index(self, *documents):
        self.backend.bulk_upsert(list(documents))

    def remove(self, *keys):
        self.backend.delete(list(keys))

    def close(self):
        self.backend.delete_index()


HARNESSES = ["database"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=HARNESSES)
def engine(request, db):
    harness = DatabaseHarness() if request.param == "database" else ElasticsearchHarness()
    yield harness
    harness.close()


def keys_of(results):
    return [hit.key for hit in results.hits]


# -- audience -------------------------------------------------------------------


@pytest.fixture
def restricted(engine):
    engine.index(
        doc(
            "guide:1",
            "Dienstplan Ausländerbehörde A",
            keys={"g1"},
            organisation=ORG_A,
            topics=(TOPIC_WORK,),
            body="Interner Dienstplan Vertretungsregel Alpha",
        ),
        doc(
            "guide:2",
            "Dienstplan Ausländerbehörde B",
            keys={"g2"},
            organisation=ORG_B,
            topics=(TOPIC_FAMILY,),
            body="Interner Dienstplan Vertretungsregel Bravo",
        ),
        doc(
            "guide:3",
            "Dienstplan für alle",
            organisation=ORG_A,
            topics=(TOPIC_WORK,),
            body="Gemeinsamer Dienstplan",
        ),
    )
    return engine


def test_readers_find_only_what_their_keys_open(restricted):
    # when each office searches for the word in all three plans
    for keys, own, other in ((OFFICE_A, "guide:1", "guide:2"), (OFFICE_B, "guide:2", "guide:1")):
        results = restricted.search("Dienstplan", keys)
        # they find their own plan and the shared one, never the other office's
        assert sorted(keys_of(results)) == sorted([own, "guide:3"])
        assert results.total == 2
        assert other not in keys_of(results)


def test_facet_counts_only_count_what_the_reader_may_see(restricted):
    results = restricted.search("Dienstplan", OFFICE_B)
    organisations = {f.value: f.count for f in results.facets["organisation"]}
    topics = {f.value: f.count for f in results.facets["topic"]}
    kinds = {f.value: f.count for f in results.facets["kind"]}
    # B's own plan and the shared one (organisation A) are counted; A's internal one is not
    assert organisations == {"abh-a": 1, "abh-b": 1}
    assert topics == {"arbeit": 1, "familie": 1}
    assert kinds == {"guide": 2}
    assert sum(kinds.values()) == results.total


def test_suggestions_and_snippets_never_show_restricted_documents(restricted):
    # typing the start of a word only A's internal plan contains
    suggestions = restricted.suggest("Dienstplan Ausländerbehörde", OFFICE_B)
    assert "guide:1" not in [hit.key for hit in suggestions]
    assert "guide:2" in [hit.key for hit in suggestions]
    # no snippet of B's hits contains A's internal words
    results = restricted.search("Vertretungsregel", OFFICE_B)
    assert keys_of(results) == ["guide:2"]
    assert all("Alpha" not in str(hit.snippet_html) for hit in results.hits)


def test_spelling_suggestions_come_only_from_visible_documents(restricted):
    # "Alpha" is a word of A's internal plan only: B misspelling it gets no suggestion
    outside = restricted.search("Alpah", OFFICE_B)
    assert outside.suggestion is None
    assert getattr(outside, "corrected", None) is None
    assert outside.hits == []
    # A's reader gets it, as a suggestion or (database backend) a correction applied
    inside = restricted.search("Alpah", OFFICE_A)
    assert "alpha" in {inside.suggestion, getattr(inside, "corrected", None)}


def test_a_reader_without_keys_finds_nothing(restricted):
    results = restricted.search("Dienstplan", frozenset())
    assert results.total == 0
    assert results.hits == []
    assert restricted.suggest("Dienst", frozenset()) == []


def test_removed_documents_are_gone(restricted):
    restricted.remove("guide:3")
    assert keys_of(restricted.search("Dienstplan", OFFICE_A)) == ["guide:1"]


# -- German matching --------------------------------------------------------------


@pytest.fixture
def german(engine):
    engine.index(
        doc(
            "guide:10",
            "Leitfaden Fiktionsbescheinigung",
            body="Die Ausländerbehörde stellt die Fiktionsbescheinigung nach § 81 Abs. 4 "
            "AufenthG aus.",
        ),
        doc("guide:11", "Aufenthaltserlaubnis zum Studium", body="Antrag bei der Behörde."),
        doc("guide:12", "Meldeadresse", body="Die Meldebehörde in der Hauptstraße 5."),
        doc("guide:13", "Elektronischer Aufenthaltstitel", body="Ausgabe des Kartendokuments."),
        doc("guide:14", "Entwurf Leitfaden Duldung", body="Duldung nach § 60a Aufenthaltsgesetz"),
        doc("guide:15", "Kartenausgabe", body="Der eAT wird persönlich abgeholt."),
    )
    return engine


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # stemming: plural finds singular
        ("Leitfäden", "guide:10"),
        # umlaut folding both ways
        ("Auslaenderbehoerde", "guide:10"),
        ("Auslanderbehorde", "guide:10"),
        # ß and ss
        ("Hauptstrasse", "guide:12"),
        # compound parts
        ("Erlaubnis", "guide:11"),
        # synonyms both ways
        ("Aufenthaltsgesetz", "guide:10"),
        ("AufenthG", "guide:14"),
        ("eAT", "guide:13"),
        # a multi-word synonym typed without quotes
        ("elektronischer Aufenthaltstitel", "guide:15"),
        # legal references
        ("§ 81 AufenthG", "guide:10"),
        ("81 Abs. 4 AufenthG", "guide:10"),
    ],
)
def test_german_aware_matching(german, query, expected):
    assert expected in keys_of(german.search(query, OFFICE_A))


def test_a_part_finds_the_compound(german):
    found = keys_of(german.search("Behörde", OFFICE_A))
    # "Ausländerbehörde" and "Meldebehörde" contain it
    assert {"guide:10", "guide:12", "guide:11"} <= set(found)


def test_phrase_and_exclusion(german):
    assert keys_of(german.search('"Leitfaden Fiktionsbescheinigung"', OFFICE_A)) == ["guide:10"]
    # the words apart do not match the phrase
    assert keys_of(german.search('"Fiktionsbescheinigung Leitfaden"', OFFICE_A)) == []
    # minus excludes
    assert keys_of(german.search("Leitfaden -Entwurf", OFFICE_A)) == ["guide:10"]


def test_suggestions_match_the_start_of_title_words(german):
    titles = [hit.title for hit in german.suggest("Fiktionsbesch", OFFICE_A)]
    assert titles == ["Leitfaden Fiktionsbescheinigung"]
    # both titles have a word starting with what was typed
    assert {hit.title for hit in german.suggest("aufenthalts", OFFICE_A)} == {
        "Aufenthaltserlaubnis zum Studium",
        "Elektronischer Aufenthaltstitel",
    }


def test_highlights_mark_whole_words_with_umlauts(german):
    results = german.search("Auslaenderbehoerde", OFFICE_A)
    assert "<mark>Ausländerbehörde</mark>" in str(results.hits[0].snippet_html)


# -- ranking, filters, sorting, pages -----------------------------------------------


def test_titles_weigh_more_than_body_text(engine):
    engine.index(
        doc("guide:20", "Allgemeines", body="Hinweise zur Verpflichtungserklärung im Anhang."),
        doc("guide:21", "Verpflichtungserklärung", body="Allgemeine Hinweise."),
    )
    assert keys_of(engine.search("Verpflichtungserklärung", OFFICE_A)) == ["guide:21", "guide:20"]


def test_boost_ranks_reviewed_above_overdue_at_equal_match(engine):
    engine.index(
        doc("guide:30", "Einbürgerung Ablauf", boost=0.8),
        doc("guide:31", "Einbürgerung Ablauf", boost=1.2),
    )
    assert keys_of(engine.search("Einbürgerung", OFFICE_A)) == ["guide:31", "guide:30"]


def test_filters_combine_and_sort_by_date(engine):
    engine.index(
        doc(
            "guide:40",
            "Familiennachzug alt",
            organisation=ORG_A,
            date=datetime(2024, 3, 1, tzinfo=BERLIN),
        ),
        doc(
            "guide:41",
            "Familiennachzug neu",
            organisation=ORG_A,
            date=datetime(2026, 3, 1, tzinfo=BERLIN),
        ),
        doc(
            "minutes:42",
            "Familiennachzug Protokoll",
            kind="minutes",
            organisation=ORG_B,
            date=datetime(2025, 3, 1, tzinfo=BERLIN),
        ),
    )
    by_date = engine.search("Familiennachzug", OFFICE_A, sort="date")
    assert keys_of(by_date) == ["guide:41", "minutes:42", "guide:40"]
    guides_of_a = engine.search(
        "Familiennachzug", OFFICE_A, filters={"kind": ("guide",), "organisation": ("abh-a",)}
    )
    assert sorted(keys_of(guides_of_a)) == ["guide:40", "guide:41"]
    year = engine.search("Familiennachzug", OFFICE_A, filters={"year": ("2025",)})
    assert keys_of(year) == ["minutes:42"]
    # a facet's own filter does not hide its other values (they are alternatives)
    kinds = {f.value: (f.count, f.selected) for f in guides_of_a.facets["kind"]}
    assert kinds == {"guide": (2, True)}
    years = [f.value for f in by_date.facets["year"]]
    assert years == ["2026", "2025", "2024"]


def test_pages_of_results(engine):
    engine.index(*(doc(f"guide:{100 + n}", f"Sprachkurs {n}") for n in range(25)))
    first = engine.search("Sprachkurs", OFFICE_A, per_page=10)
    third = engine.search("Sprachkurs", OFFICE_A, per_page=10, page=3)
    assert first.total == 25
    assert len(first.hits) == 10
    assert len(third.hits) == 5
    assert not set(keys_of(first)) & set(keys_of(third))


def test_user_text_is_escaped_in_titles_and_snippets(engine):
    engine.index(doc("guide:50", "<script>alert(1)</script> Warnung", body="<b>Warnung</b>"))
    hit = engine.search("Warnung", OFFICE_A).hits[0]
    assert "<script>" not in str(hit.title_html)
    assert "&lt;script&gt;" in str(hit.title_html)
    assert "<b>" not in str(hit.snippet_html)
