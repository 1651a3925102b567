"""The database backend's writing side: entries, their keys and topics, the full-text
rows and the vocabulary (``DatabaseWrites``, a mixin of ``DatabaseBackend``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from .. import analysis
from ..documents import SearchDocument
from ..models import SearchEntry, SearchEntryKey, SearchEntryTopic, SearchWord
from .dialects import dialect as _dialect

# tsvector has a size limit (1 MB); the start of a very long text is enough to find it
MAX_INDEXED_CHARS = 200_000


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
            SearchEntry.objects.bulk_create(entries)
            SearchEntryKey.objects.bulk_create(
                SearchEntryKey(entry=entry, key=key)
                for entry, doc in zip(entries, docs, strict=True)
                for key in sorted(doc.audience_keys)
            )
            SearchEntryTopic.objects.bulk_create(
                SearchEntryTopic(entry=entry, value=topic.value, label=topic.label)
                for entry, doc in zip(entries, docs, strict=True)
                # once per topic, so the facet counts rows without DISTINCT
                for topic in dict.fromkeys(doc.topics)
            )
            dialect.write(
                cursor,
                [_fts_row(entry, doc) for entry, doc in zip(entries, docs, strict=True)],
            )
            words = set()
            for entry in entries:
                words.update(_vocabulary(f"{entry.title} {entry.summary} {entry.body}"))
            SearchWord.objects.bulk_create(
                (
                    SearchWord(word=w, initial=w[0], length=len(w), term=analysis.term(w)[:64])
                    for w in sorted(words)
                ),
                ignore_conflicts=True,
                batch_size=500,
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
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE {column} NOT IN (SELECT id FROM search_searchentry)"
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


def _fts_row(entry: SearchEntry, doc: SearchDocument):
    return (
        entry.id,
        analysis.index_text(entry.title),
        analysis.index_text(entry.summary),
        analysis.index_text(entry.body),
        _extra_text(f"{entry.title} {entry.summary} {entry.body}"),
        doc.audience_keys,
    )


def _extra_text(text: str) -> str:
    """The low-weight column: known compound parts and roots of derived words."""
    return f"{analysis.compound_text(text)} {analysis.derived_text(text)}".strip()


def _vocabulary(text: str) -> set[str]:
    return {
        word
        for word in (t.surface.lower() for t in analysis.tokens(text))
        if 4 <= len(word) <= 40 and not word.isdigit()
    }
