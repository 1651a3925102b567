"""The database backend's writing side: entries, their keys and topics, the full-text
rows and the vocabulary (``DatabaseWrites``, a mixin of ``DatabaseBackend``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django.db import connection, models, transaction
from django.utils import timezone

from .. import analysis
from ..documents import SearchDocument
from ..models import SearchEntry, SearchEntryKey, SearchEntryTopic, SearchWord
from .dialects import dialect as _dialect

# tsvector has a size limit (1 MB); the start of a very long text is enough to find it
MAX_INDEXED_CHARS = 200_000
_KEYS = SearchEntryKey._meta.db_table
_TOPICS = SearchEntryTopic._meta.db_table
_WORDS = SearchWord._meta.db_table


class DatabaseWrites:
    def store(self, owners: dict[str, Iterable[SearchDocument]]) -> None:
        """Replace the entries of each owner with its documents, in one transaction."""
        dialect = _dialect()
        with transaction.atomic(), connection.cursor() as cursor:
            old = list(
                SearchEntry.objects.filter(owner__in=list(owners)).values_list("id", flat=True)
            )
            if old:
                dialect.delete(cursor, old)
                SearchEntry.objects.filter(id__in=old).delete()
            entries, docs = [], []
            for owner, documents in owners.items():
                for doc in documents:
                    entries.append(_entry(owner, doc))
                    docs.append(doc)
            if not entries:
                return
            if connection.vendor == "postgresql":
                _copy_entries(cursor, entries)
            else:
                _insert_entries(cursor, entries)
            # plain rows, no model instances: at thousands of keys per batch building
            # and compiling instances was a third of store() (docs/performance.md)
            dialect.insert_rows(
                cursor,
                _KEYS,
                ("entry_id", "key"),
                [
                    (entry.id, key)
                    for entry, doc in zip(entries, docs, strict=True)
                    for key in sorted(doc.audience_keys)
                ],
            )
            dialect.insert_rows(
                cursor,
                _TOPICS,
                ("entry_id", "value", "label"),
                [
                    (entry.id, topic.value, topic.label)
                    for entry, doc in zip(entries, docs, strict=True)
                    # once per topic, so the facet counts rows without DISTINCT
                    for topic in dict.fromkeys(doc.topics)
                ],
            )
            # one pass over each document's words: every word is analysed once per
            # process (_word is cached), its terms serve the columns and the vocabulary
            rows, words = [], set()
            for entry, doc in zip(entries, docs, strict=True):
                row, vocabulary = _fts_row(entry, doc)
                rows.append(row)
                words.update(vocabulary)
            dialect.write(cursor, rows)
            # known words are skipped by the database (the word is unique)
            dialect.insert_words(
                cursor, _WORDS, [(w, w[0], len(w), analysis.term(w)[:64]) for w in sorted(words)]
            )

    def remove(self, owners: Iterable[str]) -> list[str]:
        """Remove the entries of ``owners``; returns the removed keys."""
        entries = list(SearchEntry.objects.filter(owner__in=list(owners)).values_list("id", "key"))
        if entries:
            with transaction.atomic(), connection.cursor() as cursor:
                _dialect().delete(cursor, [i for i, _ in entries])
                SearchEntry.objects.filter(id__in=[i for i, _ in entries]).delete()
        return [key for _, key in entries]

    def purge_orphans(self) -> None:
        """Drop full-text rows without an entry (left by a flush of the entry table)."""
        column = _dialect().id_column
        # NOT EXISTS, not NOT IN: PostgreSQL turns NOT IN over a subquery larger than
        # work_mem into a subplan per row (minutes at 400,000 rows); NOT EXISTS is an
        # anti-join on both databases
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE NOT EXISTS (SELECT 1 FROM search_searchentry "
                f"WHERE search_searchentry.id = search_fts.{column})"
            )

    def set_audience(self, source: tuple[int, int], keys: frozenset[str]) -> list[str]:
        """Give every entry that follows ``source`` these audience keys; returns their keys."""
        entries = list(
            SearchEntry.objects.filter(
                audience_source_type=source[0], audience_source_id=source[1]
            ).values_list("id", "key")
        )
        if entries:
            ids = [i for i, _ in entries]
            SearchEntryKey.objects.filter(entry_id__in=ids).delete()
            SearchEntryKey.objects.bulk_create(
                SearchEntryKey(entry_id=i, key=key) for i in ids for key in sorted(keys)
            )
            with connection.cursor() as cursor:
                _dialect().set_keys(cursor, ids, keys)
        return [key for _, key in entries]


# every column but the id, and the fields whose values Django must convert (dates, JSON);
# the others go to the driver as they are
_FIELDS = [f for f in SearchEntry._meta.concrete_fields if not f.primary_key]
_CONVERTED = {
    i for i, f in enumerate(_FIELDS) if isinstance(f, models.DateTimeField | models.JSONField)
}
_ROWS_PER_INSERT = 1000


def _insert_entries(cursor, entries: list[SearchEntry]) -> None:
    """Insert ``entries`` with multi-row ``INSERT … RETURNING``, 1,000 rows a statement,
    and give each its id.

    Instead of ``bulk_create``: its field preparation was a fifth of store() and on
    SQLite it sends 47 rows a statement (Django assumes 999 parameters); the values are
    the ones ``bulk_create`` writes (tests/search/test_bulk_build.py).
    """
    now = timezone.now()
    for entry in entries:
        entry.updated_at = now  # auto_now, as a save would set it
    columns = ", ".join(connection.ops.quote_name(f.column) for f in _FIELDS)
    placeholder = "(" + ", ".join(["%s"] * len(_FIELDS)) + ")"
    rows_per_insert = min(_ROWS_PER_INSERT, _max_parameters() // len(_FIELDS))
    for first in range(0, len(entries), rows_per_insert):
        chunk = entries[first : first + rows_per_insert]
        params = []
        for entry in chunk:
            values = [getattr(entry, f.attname) for f in _FIELDS]
            for i in _CONVERTED:
                values[i] = _FIELDS[i].get_db_prep_save(values[i], connection)
            params.extend(values)
        cursor.execute(
            f"INSERT INTO {SearchEntry._meta.db_table} ({columns}) VALUES "
            + ", ".join([placeholder] * len(chunk))
            + " RETURNING id, key",
            params,
        )
        # matched by key (unique), not by the order of the returned rows
        ids = {key: pk for pk, key in cursor.fetchall()}
        for entry in chunk:
            entry.id = ids[entry.key]
            entry._state.adding = False


def _copy_entries(cursor, entries: list[SearchEntry]) -> None:
    """PostgreSQL: ``_insert_entries`` with ``COPY``: the ids drawn from the table's
    sequence in one statement, then the rows streamed (no statement of 21,000
    parameters for the driver to split and the server to parse)."""
    now = timezone.now()
    table = SearchEntry._meta.db_table
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        (table, len(entries)),
    )
    ids = [pk for (pk,) in cursor.fetchall()]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in _FIELDS)
    # psycopg's own cursor: Django's wrapper has no copy()
    with cursor.cursor.copy(f"COPY {table} (id, {columns}) FROM STDIN") as copy:
        for entry, pk in zip(entries, ids, strict=True):
            entry.updated_at = now  # auto_now, as a save would set it
            values = [getattr(entry, f.attname) for f in _FIELDS]
            for i in _CONVERTED:
                values[i] = _FIELDS[i].get_db_prep_save(values[i], connection)
            copy.write_row([pk, *values])
            entry.id = pk
            entry._state.adding = False


def _max_parameters() -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        # the compiled limit (250,000 on Debian's SQLite 3.40), not Django's assumed 999
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return 65_535  # PostgreSQL's wire protocol


def _entry(owner: str, doc: SearchDocument) -> SearchEntry:
    source = doc.audience_source or (None, None)
    return SearchEntry(
        key=doc.key,
        owner=owner,
        kind=doc.kind,
        title=doc.title,
        summary=doc.summary,
        body=doc.body[:MAX_INDEXED_CHARS],
        url=doc.url,
        organisation=doc.organisation.value if doc.organisation else "",
        organisation_label=doc.organisation.label if doc.organisation else "",
        working_group=doc.working_group.value if doc.working_group else "",
        working_group_label=doc.working_group.label if doc.working_group else "",
        topics=[[t.value, t.label] for t in doc.topics],
        date=doc.date,
        year=doc.date.year if doc.date else None,
        language=doc.language,
        boost=doc.boost,
        audience_scope=doc.audience_scope,
        audience_source_type=source[0],
        audience_source_id=source[1],
        details={"versions": doc.extra["versions"]} if doc.extra.get("versions") else {},
    )


def _fts_row(entry: SearchEntry, doc: SearchDocument) -> tuple[tuple, set[str]]:
    """The full-text row of ``entry`` and its vocabulary words.

    The same as ``analysis.index_text`` per column, and compound parts then derived
    roots (``analysis.compound_text``, ``analysis.derived_text``) of the whole text for
    the low-weight column, but with one regex pass and one cached lookup per word
    (tests/search/test_bulk_build.py holds it to those functions).
    """
    columns, parts, roots, vocabulary = [], [], [], set()
    for text in (entry.title, entry.summary, entry.body):
        words = analysis._WORD.findall(text or "")
        if not words:
            columns.append("")
            continue
        # transposed in C (zip, filter): per word Python was most of this function
        terms, word_parts, word_roots, surfaces = zip(*map(_word, words), strict=True)
        columns.append(" ".join(filter(None, terms)))
        parts.extend(word_parts)
        roots.extend(word_roots)
        vocabulary.update(surfaces)
    vocabulary.discard("")
    extra = f"{' '.join(filter(None, parts))} {' '.join(filter(None, roots))}".strip()
    return (entry.id, *columns, extra, doc.audience_keys), vocabulary


@lru_cache(maxsize=1 << 17)
def _word(word: str) -> tuple[str, str, str, str]:
    """Of one word: its term, its compound parts' terms, its root when that differs
    from its term, and the word for the vocabulary ("" when it does not belong there)."""
    word_term = analysis.term(word)
    word_root = analysis.root(word)
    lowered = word.lower()
    return (
        word_term,
        " ".join(analysis._part_terms(word)),
        word_root if word_root and word_root != word_term else "",
        lowered if 4 <= len(lowered) <= 40 and not lowered.isdigit() else "",
    )
