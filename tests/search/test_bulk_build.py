"""The bulk index build writes what writing one document at a time writes.

store() analyses each word once (search.backends.db_writes._word) and writes keys,
topics, full-text rows and vocabulary in bulk (executemany on SQLite, COPY and one
statement over arrays on PostgreSQL); these tests hold it to the analysis functions
and to the row-by-row path, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from search import analysis
from search.backends.database import DatabaseBackend
from search.backends.db_writes import _entry, _fts_row
from search.documents import FacetValue
from search.models import SearchEntry, SearchEntryKey, SearchEntryTopic, SearchWord
from tests.search.helpers import doc

BERLIN = ZoneInfo("Europe/Berlin")

TEXTS = [
    ("Leitfaden Wohnsitzauflage", "Zur Ausländerbehörde", "Die Digitalisierung der Buchung."),
    ("Auslaenderbehoerde Straße", "", "§ 12a AufenthG, 2026, Café und Œuvre, Ärger."),
    ("", "", ""),
    ("Ansprechpartnerinnen", "Terminvereinbarungen digitalisieren", "x " * 3 + "1234567"),
    ("Αθήνα и Москва", "Fachkräfteeinwanderungsgesetz", "Beschäftigungsduldung_Ende ok"),
]


def _documents(prefix: str):
    topics = (FacetValue("arbeit", "Arbeit"), FacetValue("familie", "Familie"))
    return [
        doc(
            f"{prefix}:{n}",
            title,
            keys={"member", f"g{n % 3}"},
            summary=summary,
            body=body,
            topics=topics[: n % 3],
            organisation=FacetValue("abh-a", "Ausländerbehörde A") if n % 2 else None,
            date=datetime(2026, 4, 18, 10, 0, tzinfo=BERLIN) if n % 2 else None,
        )
        for n, (title, summary, body) in enumerate(TEXTS)
    ]


@pytest.mark.parametrize(("title", "summary", "body"), TEXTS)
def test_the_one_pass_row_equals_the_analysis_functions(title, summary, body):
    # given a document
    document = doc("guide:1", title, summary=summary, body=body)
    entry = _entry("guide:1", document)
    entry.id = 7

    # when its full-text row is made in one pass
    row, vocabulary = _fts_row(entry, document)

    # then every column is what the analysis functions give for that text
    whole = f"{title} {summary} {body}"
    extra = f"{analysis.compound_text(whole)} {analysis.derived_text(whole)}".strip()
    assert row == (
        7,
        analysis.index_text(title),
        analysis.index_text(summary),
        analysis.index_text(body),
        extra,
        document.audience_keys,
    )
    assert vocabulary == {
        w
        for w in (t.surface.lower() for t in analysis.tokens(whole))
        if 4 <= len(w) <= 40 and not w.isdigit()
    }


def _fts_rows():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT e.key, f.vector::text, f.keys FROM search_fts f "
                "JOIN search_searchentry e ON e.id = f.entry_id"
            )
            return {key: (vector, sorted(keys)) for key, vector, keys in cursor.fetchall()}
        cursor.execute(
            "SELECT e.key, f.title, f.summary, f.body, f.extra, f.keys FROM search_fts f "
            "JOIN search_searchentry e ON e.id = f.rowid"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _snapshot():
    fields = [
        f.name
        for f in SearchEntry._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at"}
    ]
    entries = {e["key"]: e for e in SearchEntry.objects.values(*fields)}
    keys = sorted(SearchEntryKey.objects.values_list("entry__key", "key"))
    topics = sorted(SearchEntryTopic.objects.values_list("entry__key", "value", "label"))
    words = sorted(SearchWord.objects.values_list("word", "term", "initial", "length"))
    return entries, keys, topics, words, _fts_rows()


def _clear():
    DatabaseBackend().remove(list(SearchEntry.objects.values_list("owner", flat=True)))
    SearchWord.objects.all().delete()


def test_a_bulk_build_and_row_by_row_updates_give_the_same_index(db):
    backend = DatabaseBackend()
    documents = _documents("guide")

    # given the documents stored one owner at a time, as a single page's update does
    for document in documents:
        backend.store({document.key: [document]})
    one_by_one = _snapshot()
    _clear()

    # when they are stored in one batch, as a rebuild does
    backend.store({document.key: [document] for document in documents})

    # then entries, keys, topics, vocabulary and full-text rows are the same
    assert _snapshot() == one_by_one
    assert len(one_by_one[0]) == len(TEXTS)
    assert one_by_one[2], "some documents have topics"


def test_storing_again_replaces_and_leaves_no_duplicate_rows(db):
    # given an indexed batch
    backend = DatabaseBackend()
    documents = _documents("guide")
    backend.store({document.key: [document] for document in documents})
    first = _snapshot()

    # when the same batch is stored again (a second rebuild)
    backend.store({document.key: [document] for document in documents})

    # then nothing is doubled: known words are skipped, old rows replaced
    assert _snapshot() == first


def test_the_entries_insert_writes_what_bulk_create_writes(db):
    # given the entries Django's bulk_create writes for the documents
    documents = _documents("guide")
    SearchEntry.objects.bulk_create([_entry(d.key, d) for d in documents])
    by_django = _snapshot()[0]
    SearchEntry.objects.all().delete()

    # when the backend stores them with its own multi-row INSERT … RETURNING
    DatabaseBackend().store({d.key: [d] for d in documents})

    # then every column reads back the same (dates, JSON topics and details included)
    assert _snapshot()[0] == by_django
    stored = SearchEntry.objects.get(key="guide:1")
    assert stored.date == datetime(2026, 4, 18, 10, 0, tzinfo=BERLIN)
    assert stored.updated_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector")
def test_the_vector_built_in_python_equals_the_servers_to_tsvector(db):
    from search.backends.dialects import tsvector_literal

    # given the full-text rows of ordinary, empty, repetitive and very long texts
    texts = [*TEXTS, ("Frist " * 300, "", "Antrag " * 17_000), ("a b", "", "a " * 254 + "b")]
    rows = []
    for n, (title, summary, body) in enumerate(texts):
        document = doc(f"guide:{n}", title, summary=summary, body=body)
        entry = _entry(document.key, document)
        entry.id = n
        rows.append(_fts_row(entry, document)[0][1:5])

    # when the vector is built in Python, and by the server as store() did before
    built = [tsvector_literal(row) for row in rows]
    with connection.cursor() as cursor:
        for row, literal in zip(rows, built, strict=True):
            cursor.execute(
                "SELECT (setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') || "
                "setweight(to_tsvector('simple', %s), 'D'))::text, %s::tsvector::text",
                (*row, literal or ""),
            )
            server, ours = cursor.fetchone()
            # then where Python builds it, it is the server's vector
            if literal is not None:
                assert ours == server

    # and only the texts past PostgreSQL's caps (256 positions a word, position 16,383)
    # or with non-ASCII terms are left to the server
    assert [i for i, v in enumerate(built) if v is None] == [4, len(TEXTS)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY")
def test_copy_replaces_a_full_text_row_left_behind_under_a_new_id(db):
    # given a full-text row left behind (a flush of the entries) under the id that the
    # entries' sequence hands out next
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('search_searchentry', 'id')")
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", (sequence,))
        (next_id,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s, false)", (sequence, next_id))
        cursor.execute(
            "INSERT INTO search_fts (entry_id, vector, keys) VALUES (%s, 'alt'::tsvector, %s)",
            (next_id, ["g99"]),
        )

    # when a document is stored (its entry COPY'd under that id)
    DatabaseBackend().store({"guide:1": [doc("guide:1", "Wohnsitzauflage")]})

    # then its full-text row replaced the old one
    assert SearchEntry.objects.get(key="guide:1").id == next_id
    assert _fts_rows()["guide:1"][1] == ["member"]
