"""The database backend: SQLite FTS5 locally, PostgreSQL full text in production.

Both store the same analysed terms (``search.analysis``: Snowball German stemming,
folding, compound parts), so a query finds the same documents on either; only the
full-text table and the query syntax differ (``_Sqlite`` and ``_Postgres`` below).
Everything else (audience keys, filters, facets) is plain Django ORM on
``SearchEntry``. The audience filter is part of every query, so hits, totals,
facet counts, suggestions and spelling suggestions only ever see what the reader
may see.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from .. import analysis
from ..documents import SearchDocument
from ..models import SearchEntry, SearchEntryKey, SearchEntryTopic, SearchWord
from ..query import ParsedQuery, parse
from ..registry import kind_label
from .base import (
    FACETS,
    FacetCount,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    facet_years,
    sort_facet_counts,
)

# Column weights: titles and summaries weigh more than body text; compound parts least.
WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "extra": 0.5}
# tsvector has a size limit (1 MB); the start of a very long text is enough to find it
MAX_INDEXED_CHARS = 200_000
SNIPPET_CHARS = 240


class _Sqlite:
    """FTS5: ``"term"`` is a term, ``"a b"`` a phrase, ``"pre"*`` a prefix."""

    id_column = "rowid"

    @staticmethod
    def write(cursor, rows):
        cursor.executemany(
            # OR REPLACE: a row left behind by a flush of the tables Django knows
            # (test databases) must not block a new entry with the same id
            "INSERT OR REPLACE INTO search_fts (rowid, title, summary, body, extra, keys) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(*row[:-1], " ".join(row[-1])) for row in rows],
        )

    @staticmethod
    def set_keys(cursor, ids, keys):
        cursor.executemany(
            "UPDATE search_fts SET keys = %s WHERE rowid = %s",
            [(" ".join(sorted(keys)), i) for i in ids],
        )

    @staticmethod
    def delete(cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])

    @staticmethod
    def sequence(terms: tuple[str, ...]) -> str:
        return '"' + " ".join(terms) + '"'

    @staticmethod
    def prefix(term: str) -> str:
        return f'"{term}"*'

    @staticmethod
    def any_of(parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    @staticmethod
    def combine(positive: list[str], negative: list[str]) -> str:
        expression = " AND ".join(positive)
        for part in negative:
            expression = f"({expression}) NOT {part}"
        return expression

    @staticmethod
    def titles_only(expression: str) -> str:
        return "{title} : (" + expression + ")"

    @staticmethod
    def _match(expression: str, keys) -> str:
        # the words in the text columns, and one of the reader's keys in the keys column:
        # FTS5 intersects both in the index, no row is looked at twice
        if not expression.startswith("{title}"):
            expression = "{title summary body extra} : (" + expression + ")"
        allowed = " OR ".join(f'"{key}"' for key in sorted(keys))
        return f"({expression}) AND keys : ({allowed})"

    @classmethod
    def matching_ids(cls, expression: str, keys) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            (cls._match(expression, keys),),
        )

    @classmethod
    def ranked(cls, expression, keys, filter_sql, filter_params, order, limit, offset):
        weights = ", ".join(str(w) for w in WEIGHTS.values())
        # bm25() is lower for better matches; the keys column does not count
        # interpolated: our weights, ORDER BY from a fixed pair, Django-compiled SQL
        sql = (
            f"SELECT e.id, -bm25(search_fts, {weights}, 0.0) * e.boost AS score "
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s {filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, (cls._match(expression, keys), *filter_params, limit, offset)


class _Postgres:
    """tsquery on our terms with the 'simple' configuration (the terms are analysed
    already); weights A–D are title, summary, body, compound parts."""

    id_column = "entry_id"

    @staticmethod
    def write(cursor, rows):
        cursor.executemany(
            "INSERT INTO search_fts (entry_id, vector, keys) VALUES (%s, "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') || "
            "setweight(to_tsvector('simple', %s), 'D'), %s) "
            "ON CONFLICT (entry_id) DO UPDATE SET vector = EXCLUDED.vector, keys = EXCLUDED.keys",
            [(*row[:-1], sorted(row[-1])) for row in rows],
        )

    @staticmethod
    def set_keys(cursor, ids, keys):
        cursor.execute(
            "UPDATE search_fts SET keys = %s WHERE entry_id = ANY(%s)", (sorted(keys), list(ids))
        )

    @staticmethod
    def delete(cursor, ids):
        cursor.execute("DELETE FROM search_fts WHERE entry_id = ANY(%s)", (list(ids),))

    @staticmethod
    def sequence(terms: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(f"'{t}'" for t in terms) + ")"

    @staticmethod
    def prefix(term: str) -> str:
        return f"'{term}':*"

    @staticmethod
    def any_of(parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    @staticmethod
    def combine(positive: list[str], negative: list[str]) -> str:
        return " & ".join(positive + [f"!{part}" for part in negative])

    @staticmethod
    def titles_only(expression: str) -> str:
        # prefixes restricted to weight A: ':*' becomes ':*A'
        return expression.replace(":*", ":*A")

    @staticmethod
    def matching_ids(expression: str, keys) -> RawSQL:
        # both conditions use a GIN index (the words, the keys), ANDed as bitmaps
        return RawSQL(
            "SELECT entry_id FROM search_fts "
            "WHERE vector @@ to_tsquery('simple', %s) AND keys && %s::text[]",
            (expression, sorted(keys)),
        )

    @staticmethod
    def ranked(expression, keys, filter_sql, filter_params, order, limit, offset):
        weights = "{" + ", ".join(str(w / 10) for w in reversed(WEIGHTS.values())) + "}"
        # ranked by the wanted words only: a negated word makes ts_rank 0 for every hit
        wanted = expression.split(" & !", 1)[0]
        # length normalisation (option 1) was measured worse on the relevance set
        sql = (
            f"SELECT e.id, ts_rank('{weights}', f.vector, r) * e.boost AS score "
            "FROM search_fts f JOIN search_searchentry e ON e.id = f.entry_id, "
            "to_tsquery('simple', %s) q, to_tsquery('simple', %s) r "
            f"WHERE f.vector @@ q AND f.keys && %s::text[] {filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, (expression, wanted, sorted(keys), *filter_params, limit, offset)


def _dialect():
    return _Postgres if connection.vendor == "postgresql" else _Sqlite


def _valid_term(term: str) -> bool:
    # terms are letters and digits only (search.analysis); anything else is not sent
    return bool(term) and term.isalnum()


class DatabaseBackend(SearchBackend):
    name = "database"

    # -- writing ---------------------------------------------------------------

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
                (SearchWord(word=w, initial=w[0], length=len(w)) for w in sorted(words)),
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

    # -- reading ---------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = parse(query.text)
        expression = self._expression(parsed)
        empty = SearchResults(query=query, hits=[], total=0, facets={}, backend=self.name)
        if not query.reader_keys or expression is None:
            return empty
        dialect = _dialect()
        matching = SearchEntry.objects.filter(
            id__in=dialect.matching_ids(expression, query.reader_keys)
        )
        filtered = _filter(matching, query.filters)
        grouped = _grouped(filtered)
        total = sum(row[-1] for row in grouped)
        if not total:
            empty.suggestion = self._spelling(parsed, query)
            empty.facets = {}
            return empty
        order = "e.date DESC, score DESC, e.id" if query.sort == "date" else "score DESC, e.id"
        filter_sql, filter_params = "", ()
        if any(query.filters.values()):
            only = _filter(SearchEntry.objects.all(), query.filters).values("id")
            ids_sql, filter_params = only.query.sql_with_params()
            filter_sql = f"AND e.id IN ({ids_sql})"
        offset = (query.page - 1) * query.per_page
        sql, params = dialect.ranked(
            expression,
            query.reader_keys,
            filter_sql,
            filter_params,
            order,
            query.per_page,
            offset,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ranked = cursor.fetchall()
        entries = SearchEntry.objects.in_bulk([i for i, _ in ranked])
        hits = [_hit(entries[i], parsed, score) for i, score in ranked if i in entries]
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            facets=self._facets(matching, query.filters, grouped),
            backend=self.name,
        )

    def suggest(self, text: str, reader_keys: frozenset[str], limit: int = 6) -> list[Hit]:
        words = [t.surface for t in analysis.tokens(text)]
        if not words or not reader_keys:
            return []
        dialect = _dialect()
        parts = [
            dialect.any_of([dialect.sequence(alt) for alt in analysis.query_alternatives(word)])
            for word in words[:-1]
            if analysis.query_alternatives(word)
        ]
        prefixes = [
            dialect.prefix(t) for t in sorted(analysis.prefix_terms(words[-1])) if _valid_term(t)
        ]
        if not prefixes:
            return []
        parts.append(dialect.any_of(prefixes))
        expression = dialect.titles_only(dialect.combine(parts, []))
        visible = SearchEntry.objects.filter(id__in=dialect.matching_ids(expression, reader_keys))
        entries = visible.order_by("-boost", "title")[:limit]
        parsed = parse(" ".join(words))
        return [_hit(entry, parsed, 0.0, prefix=True) for entry in entries]

    # -- helpers ---------------------------------------------------------------

    def _expression(self, parsed: ParsedQuery) -> str | None:
        dialect = _dialect()

        def compile_clause(clause) -> str | None:
            alternatives = [
                alt
                for alt in analysis.query_alternatives(clause.text, phrase=clause.phrase)
                if all(_valid_term(t) for t in alt)
            ]
            if not alternatives:
                return None
            return dialect.any_of([dialect.sequence(alt) for alt in alternatives])

        positive = []
        clauses = list(parsed.positive)
        while clauses:
            plain = []
            for clause in clauses:
                if clause.phrase:
                    break
                plain.append(clause.text)
            length, others = analysis.synonym_run(plain)
            if length:
                # words typed apart that form a multi-word synonym: all of them, or
                # another variant ("elektronischer Aufenthaltstitel" or "eAT")
                together = [c for c in map(compile_clause, clauses[:length]) if c]
                alternatives = [dialect.combine(together, [])] if together else []
                alternatives += [dialect.sequence(v) for v in others if all(map(_valid_term, v))]
                positive.append(dialect.any_of(alternatives))
                clauses = clauses[length:]
                continue
            compiled = compile_clause(clauses.pop(0))
            if compiled:
                positive.append(compiled)
        negative = [c for c in map(compile_clause, parsed.negative) if c]
        if not positive:
            return None
        return dialect.combine(positive, negative)

    def _facets(self, matching, filters, grouped) -> dict[str, list[FacetCount]]:
        """Counts per facet value among the visible matches, each facet counted with the
        other facets' filters (values of one facet are alternatives).

        One grouped scan serves every facet without a filter of its own (``grouped`` is
        that scan of the fully filtered matches); a facet with a filter gets its own.
        """
        facets = {}
        for facet in FACETS:
            chosen = set(filters.get(facet, ()))
            others = {name: values for name, values in filters.items() if name != facet}
            if facet == "topic":
                rows = (
                    SearchEntryTopic.objects.filter(
                        entry__in=_filter(matching, others).values("id")
                    )
                    .values_list("value", "label")
                    .annotate(n=Count("entry"))
                    .order_by()
                )
            else:
                groups = grouped if not chosen else _grouped(_filter(matching, others))
                rows = _facet_rows(facet, groups)
            counts = [
                FacetCount(
                    value=str(value), label=str(label), count=n, selected=str(value) in chosen
                )
                for value, label, n in rows
            ]
            facets[facet] = sort_facet_counts(facet, counts)
        return facets

    def _spelling(self, parsed: ParsedQuery, query: SearchQuery) -> str | None:
        """A corrected query that finds something the reader may see, or None."""
        corrected, changed = [], False
        for clause in parsed.clauses:
            if clause.phrase or clause.negated:
                corrected.append(_clause_text(clause))
                continue
            replacement = _closest_word(clause.text)
            if replacement and replacement != clause.text.lower():
                corrected.append(replacement)
                changed = True
            else:
                corrected.append(clause.text)
        if not changed:
            return None
        text = " ".join(corrected)
        expression = self._expression(parse(text))
        if expression is None:
            return None
        visible = SearchEntry.objects.filter(
            id__in=_dialect().matching_ids(expression, query.reader_keys)
        )
        return text if _filter(visible, query.filters).exists() else None


_GROUPED = (
    "kind",
    "organisation",
    "organisation_label",
    "working_group",
    "working_group_label",
    "year",
)


def _grouped(queryset) -> list[tuple]:
    """Counts of the matches per combination of the single-valued facets (one scan)."""
    return list(queryset.values_list(*_GROUPED).annotate(n=Count("id")).order_by())


def _facet_rows(facet: str, grouped: list[tuple]) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = {}
    for kind, organisation, organisation_label, group, group_label, year, n in grouped:
        if facet == "kind":
            value = (kind, str(kind_label(kind)))
        elif facet == "organisation":
            value = (organisation, organisation_label)
        elif facet == "working_group":
            value = (group, group_label)
        else:
            value = (str(year), str(year)) if year else ("", "")
        if value[0]:
            counts[value] = counts.get(value, 0) + n
    return [(value, label, n) for (value, label), n in counts.items()]


def _clause_text(clause) -> str:
    text = f'"{clause.text}"' if clause.phrase else clause.text
    return f"-{text}" if clause.negated else text


def _closest_word(word: str) -> str | None:
    lowered = word.lower()
    if len(lowered) < 4:
        return None
    candidates = SearchWord.objects.filter(
        initial=lowered[0], length__range=(len(lowered) - 2, len(lowered) + 2)
    ).values_list("word", flat=True)[:20_000]
    matches = difflib.get_close_matches(lowered, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _filter(queryset, filters):
    for facet, values in filters.items():
        values = [v for v in values if v]
        if not values or facet not in FACETS:
            continue
        if facet == "topic":
            queryset = queryset.filter(
                Exists(SearchEntryTopic.objects.filter(entry=OuterRef("pk"), value__in=values))
            )
        elif facet == "year":
            queryset = queryset.filter(year__in=facet_years(values))
        else:
            queryset = queryset.filter(Q(**{f"{facet}__in": values}))
    return queryset


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
    )


def _fts_row(entry: SearchEntry, doc: SearchDocument):
    return (
        entry.id,
        analysis.index_text(entry.title),
        analysis.index_text(entry.summary),
        analysis.index_text(entry.body),
        analysis.compound_text(f"{entry.title} {entry.summary} {entry.body}"),
        doc.audience_keys,
    )


def _vocabulary(text: str) -> set[str]:
    return {
        word
        for word in (t.surface.lower() for t in analysis.tokens(text))
        if 4 <= len(word) <= 40 and not word.isdigit()
    }


def _hit(entry: SearchEntry, parsed: ParsedQuery, score: float, prefix: bool = False) -> Hit:
    return Hit(
        key=entry.key,
        kind=entry.kind,
        title=entry.title,
        url=entry.url,
        # an unfinished last word is marked only while typing (suggestions)
        title_html=analysis.highlight(entry.title, parsed, prefix=prefix),
        snippet_html=analysis.highlight(
            f"{entry.summary} {entry.body}".strip(), parsed, limit=SNIPPET_CHARS, prefix=prefix
        ),
        organisation=entry.organisation_label,
        working_group=entry.working_group_label,
        date=entry.date,
        audience_scope=entry.audience_scope,
        score=float(score or 0.0),
    )
