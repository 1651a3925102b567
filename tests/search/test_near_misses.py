"""What the database backend does when the words as typed find nothing or too little:
partial matches, natural questions, typo corrections, word variants, English, language
names, periods, people and the ranking that fits (issue #14, docs/search.md).

Runs on SQLite and, in the PostgreSQL run, on PostgreSQL (trigram index for the
vocabulary there).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.languages import language_names
from tests.search.helpers import doc as make_doc

BERLIN = ZoneInfo("Europe/Berlin")
READER = frozenset({"member", "g1"})
OUTSIDER = frozenset({"member", "g2"})
backend = DatabaseBackend()


def doc(key, title, *, keys=frozenset({"g1", "g2"}), **fields):
    return make_doc(key, title, keys=keys, **fields)


def index(*documents):
    backend.store({document.key: [document] for document in documents})


def search(text, keys=READER, **options):
    return backend.search(SearchQuery(text=text, reader_keys=keys, **options))


def keys_of(results):
    return [hit.key for hit in results.hits]


pytestmark = pytest.mark.django_db


# -- 1. never empty when something near exists -----------------------------------


@pytest.fixture
def servicepoint():
    index(
        doc(
            "guide:1",
            "Einen offenen ServicePoint einrichten",
            summary="Unterlagen abgeben ohne Fallgespräch",
            body="Der ServicePoint braucht einen Wartebereich.",
        ),
        doc("guide:2", "Dienstplan ServicePoint", body="Wer wann am Empfang sitzt."),
        doc("guide:3", "Checkliste Wartebereich", body="Stühle, Wasser, Aushänge."),
    )


def test_words_nobody_wrote_do_not_empty_the_result(servicepoint):
    # when one word of three matches nothing at all
    results = search("ServicePoint Wartebereich Quxzyvolk")
    # then the hits with most of the other words come first, each with what it lacks
    assert results.partial
    assert keys_of(results)[0] == "guide:1"
    assert set(keys_of(results)) == {"guide:1", "guide:2", "guide:3"}
    missing = {hit.key: hit.missing for hit in results.hits}
    assert missing["guide:1"] == ("Quxzyvolk",)
    assert missing["guide:2"] == ("Wartebereich", "Quxzyvolk")
    assert results.unmatched == ("Quxzyvolk",)
    assert results.total == 3


def test_partial_matches_rank_by_how_many_words_they_cover(servicepoint):
    # no document has all three words; guide:1 has two, the others one
    results = search("Fallgespräch Wartebereich Dienstplan")
    assert results.partial
    assert keys_of(results)[0] == "guide:1"
    assert len(results.hits[0].missing) == 1


def test_all_words_found_is_not_partial(servicepoint):
    results = search("ServicePoint Wartebereich")
    assert not results.partial
    assert keys_of(results) == ["guide:1"]
    assert results.hits[0].missing == ()


@pytest.mark.parametrize(
    "question",
    [
        "wie richte ich einen ServicePoint ein",
        "Wie richte ich einen Servicepoint ein?",
        "gibt es eine Anleitung zum ServicePoint einrichten",
        "wo finde ich Infos zum ServicePoint einrichten",
        "Wer kann mir sagen, wie man einen ServicePoint einrichtet?",
    ],
)
def test_natural_questions_find_the_guide(servicepoint, question):
    results = search(question)
    assert keys_of(results)[:1] == ["guide:1"], question


def test_a_separable_verb_written_apart_is_the_verb(servicepoint):
    # "richte … ein" is "einrichten": all words found, not a partial match
    results = search("richte ServicePoint ein")
    assert keys_of(results) == ["guide:1"]
    assert not results.partial


def test_partial_matches_only_among_what_the_reader_may_see():
    index(
        doc("guide:1", "Dienstplan Empfang", keys={"g1"}, body="Geheimwort Zaunkoenig"),
        doc("guide:2", "Dienstplan offen"),
    )
    # the outsider's words: one only in the document they may not read
    results = search("Dienstplan Zaunkoenig", OUTSIDER)
    assert keys_of(results) == ["guide:2"]
    assert results.total == 1
    assert results.unmatched == ("Zaunkoenig",)
    kinds = {f.value: f.count for f in results.facets["kind"]}
    assert kinds == {"guide": 1}
    # the insider has it with both words
    assert keys_of(search("Dienstplan Zaunkoenig", READER)) == ["guide:1"]


# -- 2. typos corrected ------------------------------------------------------------


@pytest.fixture
def words():
    index(
        doc("guide:10", "Fiktionsbescheinigung ausstellen", body="nach § 81 Abs. 4 AufenthG"),
        doc("guide:11", "Verpflichtungserklärung prüfen", body="Bonität der Gastgeber"),
        doc("guide:12", "Visum beantragen", body="Die Botschaft entscheidet."),
        doc("guide:13", "Wohnsitzauflage", body="Auflage im eAT eintragen."),
    )


@pytest.mark.parametrize(
    ("typed", "corrected", "expected"),
    [
        ("Fiktionsbeschinigung", "fiktionsbescheinigung", "guide:10"),  # one letter left out
        ("Verpflichtngserklärug", "verpflichtungserklärung", "guide:11"),  # two, long word
        ("Botschfat", "botschaft", "guide:12"),  # letters swapped
        ("Fiktionsbeschinigung ausstellen", "fiktionsbescheinigung ausstellen", "guide:10"),
    ],
)
def test_a_typo_is_corrected_and_its_results_shown(words, typed, corrected, expected):
    results = search(typed)
    assert results.corrected is not None
    assert results.corrected.lower() == corrected
    assert keys_of(results)[:1] == [expected]
    assert results.suggestion is None


@pytest.mark.parametrize(
    "typed",
    [
        "Visa1",  # a number in it: a reference, not a word
        "Vsum",  # short words are not corrected
        "AufenhG",  # abbreviations are not
        "§ 18l",  # nor legal references
        "Wohnsitzauflagexyzq",  # more edits than allowed
    ],
)
def test_short_words_abbreviations_and_references_are_not_corrected(words, typed):
    assert search(typed).corrected is None


def test_five_to_eight_letters_get_one_edit_only(words):
    # "Botschaft" (9 letters) allows two; "Visum" (5) one: "Vsiumm" is two away
    assert search("Vsiumm").corrected is None
    assert search("Vsium").corrected.lower() == "visum"


def test_exactly_as_typed_is_not_corrected(words):
    results = search("Fiktionsbeschinigung", exact=True)
    assert results.corrected is None
    assert results.hits == []


def test_corrections_come_only_from_what_the_reader_may_see():
    index(
        doc("guide:20", "Amselbericht", keys={"g1"}),
        doc("guide:21", "Amselgericht"),
    )
    # one edit from the restricted word, two from the visible one
    typed = "Amselbericjt"
    assert search(typed, READER).corrected.lower() == "amselbericht"
    outside = search(typed, OUTSIDER)
    assert outside.corrected.lower() == "amselgericht"
    assert keys_of(outside) == ["guide:21"]
    # and a word only the restricted document has is never offered to the outsider
    only_secret = search("Amselberich", OUTSIDER)
    assert (only_secret.corrected or "").lower() != "amselbericht"
    assert "guide:20" not in keys_of(only_secret)


# -- 3. German word variants -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("digitalisieren", "guide:30"),
        ("Digitalisierung", "guide:31"),
        ("digital", "guide:30"),
        ("buchen", "guide:32"),
        ("Buchung", "guide:33"),
        ("Einrichtung", "guide:34"),
        ("Terminbuchung", "guide:33"),  # an unknown compound: Termin + Buchung
        ("Papierakten", "guide:35"),  # split against the index's own words
        ("eAkte", "guide:36"),
        ("E-Akte", "guide:36"),
        ("elektronische Akte", "guide:36"),
        ("Service-Point", "guide:37"),
        ("Servicepoint", "guide:37"),
    ],
)
def test_word_variants_meet(query, expected):
    index(
        doc("guide:30", "Die Digitalisierung der Behörde"),
        doc("guide:31", "Akten digitalisieren", body="Scannen und digital ablegen."),
        doc("guide:32", "Buchung von Räumen"),
        doc("guide:33", "Termine online buchen"),
        doc("guide:34", "Empfang einrichten"),
        doc("guide:35", "Umgang mit Papier", body="Alte Akten aufbewahren."),
        doc("guide:36", "E-Akte: Anbieter"),
        doc("guide:37", "Der ServicePoint"),
    )
    assert expected in keys_of(search(query)), query


# -- 4. English and language names -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("opening hours", "guide:40"),
        ("opening hours ServicePoint", "guide:40"),
        ("residence permit", "guide:41"),
        ("Aufenthaltserlaubnis", "guide:42"),
        ("Checkliste türkisch", "document:43"),
        ("checklist Turkish", "document:43"),
        ("Türkçe", "document:43"),
        ("arabisch", "document:44"),
        ("Arabic", "document:44"),
    ],
)
def test_english_and_language_names(query, expected):
    index(
        doc("guide:40", "ServicePoint: neue Öffnungszeiten"),
        doc("guide:41", "Aufenthaltserlaubnis verlängern"),
        doc("guide:42", "Residence permit for students", language="en"),
        doc("document:43", "Checkliste ServicePoint", kind="document", body=language_names("tr")),
        doc("document:44", "Merkblatt Wohnsitz", kind="document", body=language_names("ar")),
        doc("document:45", "Checkliste ServicePoint", kind="document", body=language_names("de")),
    )
    found = keys_of(search(query))
    assert expected in found, (query, found)
    # the other language's version of the same checklist is not found by the language
    if expected == "document:43":
        assert "document:45" not in found, (query, found)


# -- 5. periods and people ----------------------------------------------------------


@pytest.fixture
def dated():
    index(
        doc(
            "minutes:50",
            "Protokoll Vernetzungstreffen",
            kind="minutes",
            date=datetime(2026, 10, 14, 10, tzinfo=BERLIN),
        ),
        doc(
            "minutes:51",
            "Protokoll Workshop",
            kind="minutes",
            date=datetime(2026, 11, 3, 10, tzinfo=BERLIN),
        ),
        doc(
            "minutes:52",
            "Protokoll Arbeitsgruppe",
            kind="minutes",
            date=datetime(2025, 10, 30, 10, tzinfo=BERLIN),
        ),
    )


@pytest.mark.parametrize(
    "query",
    ["Protokoll Oktober 2026", "Protokoll 10/2026", "Protokoll Okt 2026", "Protokoll 2026-10"],
)
def test_a_month_narrows_to_that_period(dated, query):
    results = search(query)
    assert keys_of(results) == ["minutes:50"], query
    assert results.total == 1


def test_a_month_with_nothing_in_it_searches_the_words(dated):
    # nothing in March 2024: the words as words (none has "März" or "2024" either)
    assert search("Protokoll März 2024").total >= 0
    assert keys_of(search("Workshop November 2026")) == ["minutes:51"]


def test_people_by_function_and_topics():
    index(
        doc(
            "person:60",
            "Daniel Wolf",
            kind="person",
            summary="Projektleitung E-Akte, ABH Weidenbrück",
            body="E-Akte / Digitalisierung",
        ),
        doc("guide:61", "E-Akte einführen", body="Die E-Akte und die E-Akte-Anbieter."),
        doc("person:62", "Lukas Weber", kind="person", summary="IT-Administration, Ministerium"),
    )
    assert keys_of(search("Ansprechpartner E-Akte"))[:1] == ["person:60"]
    assert keys_of(search("wer ist zuständig für die E-Akte"))[:1] == ["person:60"]
    assert keys_of(search("IT"))[:1] == ["person:62"]
    assert keys_of(search("Admin"))[:1] == ["person:62"]


# -- 6. ranking --------------------------------------------------------------------


def test_guides_rank_above_their_decisions_and_action_items():
    index(
        doc("decision:70", "Beschluss 1: ServicePoint", kind="decision", body="ServicePoint"),
        doc("action_item:71", "ServicePoint-Flyer drucken", kind="action_item"),
        doc(
            "guide:72",
            "Einen offenen ServicePoint einrichten",
            body="Der ServicePoint nimmt Unterlagen an. " * 5,
        ),
    )
    assert keys_of(search("ServicePoint"))[0] == "guide:72"


def test_a_title_equal_to_the_query_ranks_above_mentions():
    index(
        doc("guide:80", "Hinweise zur Praxis", summary="Zur Wohnsitzauflage und Wohnsitzauflage"),
        doc("document:81", "Wohnsitzauflage", kind="document"),
        doc("guide:82", "Neues zur Wohnsitzauflage und zum Umzug in andere Länder"),
    )
    assert keys_of(search("Wohnsitzauflage"))[0] == "document:81"


def test_an_unknown_compound_falls_back_to_its_longest_known_part():
    index(doc("guide:90", "Online-Terminvergabe einführen"), doc("guide:91", "Formulare"))
    # "System" is no word of the index: the known part stands for the word
    results = search("Terminvergabesystem")
    assert keys_of(results) == ["guide:90"]
    assert results.corrected is None


def test_a_typo_is_corrected_before_a_part_of_it_is_used():
    index(
        doc("guide:92", "Fiktionsbescheinigung ausstellen"),
        doc("guide:93", "Fiktion und Wirklichkeit"),
    )
    # "Fiktions…" contains the known word "Fiktion", but the typo is one edit away
    results = search("Fiktionsbeschinigung")
    assert results.corrected.lower() == "fiktionsbescheinigung"
    assert keys_of(results) == ["guide:92"]


def test_partial_matches_beyond_the_first_page_keep_their_missing_words():
    # many items with one of two words, none with both
    index(*(doc(f"guide:{100 + n}", f"Merkblatt {n}") for n in range(25)))
    first = search("Merkblatt Quxzyvolk", per_page=10)
    third = search("Merkblatt Quxzyvolk", per_page=10, page=3)
    assert first.partial
    assert first.total == 25
    assert len(third.hits) == 5
    assert not set(keys_of(first)) & set(keys_of(third))
    assert all(hit.missing == ("Quxzyvolk",) for hit in first.hits + third.hits)
