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
from dataclasses import replace

from django.db import connection
from django.db.models import Count

from .. import analysis
from ..interpret import Meaning, interpret
from ..models import SearchEntry, SearchEntryTopic, SearchWord
from ..query import ParsedQuery, parse
from . import nearby, words
from .base import (
    COUNT_CAP,
    FACETS,
    FacetCount,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    sort_facet_counts,
)
from .db_matches import PERIOD as _PERIOD
from .db_matches import Matches, any_match
from .db_matches import facet_rows as _facet_rows
from .db_matches import filter_entries as _filter
from .db_matches import filter_sql as _filter_sql
from .db_matches import grouped as _grouped
from .db_writes import DatabaseWrites
from .dialects import dialect as _dialect
from .dialects import valid_term as _valid_term

SNIPPET_CHARS = 240
# the first this many hits by score are reordered by title, kind and person (words.prior)
RERANK_WINDOW = 100
# partial matches: at most this many per word are looked at and ranked
PARTIAL_WINDOW = 500
# vocabulary words tried (each with one query) for a word that matches nothing
MAX_CORRECTION_TRIES = 5
# ways to split an unknown compound tried (each with one query)
MAX_SPLIT_TRIES = 4
# a broad search (PostgreSQL): this many best title matches (scored by the title
# alone) join the counted matches as the candidates its ranked window is scored among
TITLE_CANDIDATES = 500


class DatabaseBackend(DatabaseWrites, SearchBackend):
    name = "database"

    # -- reading ---------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        empty = SearchResults(query=query, hits=[], total=0, facets={}, backend=self.name)
        if not query.reader_keys:
            return empty
        parsed = parse(query.text)
        # what the words may mean, most specific first: a month narrowing the period,
        # person words as words (a title may say "Ansprechpartnerin"), then without
        attempts = list(
            dict.fromkeys(
                interpret(parsed, periods=periods, person_words=person_words)
                for periods in (True, False)
                for person_words in (True, False)
            )
        )
        first_partial, found = None, empty
        for meaning in attempts:
            found = self._search(query, meaning)
            if found.total and not found.partial:
                return found
            if found.total and first_partial is None:
                first_partial = found
        return first_partial or found

    def _search(self, query: SearchQuery, meaning: Meaning) -> SearchResults:
        empty = SearchResults(query=query, hits=[], total=0, facets={}, backend=self.name)
        parsed = meaning.parsed
        filters = dict(query.filters)
        if meaning.period is not None:
            filters[_PERIOD] = (meaning.period,)
        units = words.units(parsed)
        negative = words.negative(parsed)
        if not units:
            return empty
        dialect = _dialect()
        keys = query.reader_keys
        expression = dialect.combine([u.expression for u in units], negative)
        matching = Matches.of(expression, keys, COUNT_CAP)
        grouped = _grouped(matching.ids(filters))
        total = sum(row[-1] for row in grouped)
        corrected = None
        if not total and not query.exact:
            # exactly as typed: no correction, no split either
            # the whole expression is known to find nothing: not asked again
            units, corrected = self._near(
                parsed, units, negative, keys, filters, query.exact, empty=expression
            )
            if corrected is not None or any(u.split for u in units):
                expression = dialect.combine([u.expression for u in units], negative)
                matching = Matches.of(expression, keys, COUNT_CAP)
                grouped = _grouped(matching.ids(filters))
                total = sum(row[-1] for row in grouped)
        if total:
            # more than COUNT_CAP: rank the title matches first (the cheap first pass)
            broad = _broad(total, negative)
            ranked = self._ranked(
                expression,
                query,
                filters,
                units,
                meaning,
                broad=broad,
                counted=_counted(matching, filters, total, broad),
            )
        elif len(units) > 1:
            return self._partial(query, meaning, units, negative, filters, corrected)
        else:
            empty.suggestion = self._spelling(parsed, query)
            return empty
        return self._results(query, parsed, ranked, total, matching, filters, grouped, corrected)

    def _results(
        self,
        query,
        parsed,
        ranked,
        total,
        matching,
        filters,
        grouped,
        corrected,
        missing=None,
        partial=False,
        unmatched=(),
    ):
        shown_parsed = parse(corrected) if corrected else parsed
        entries = SearchEntry.objects.in_bulk([i for i, _ in ranked])
        hits = [
            _hit(entries[i], shown_parsed, score, missing=(missing or {}).get(i, ()))
            for i, score in ranked
            if i in entries
        ]
        facet_filters = {k: v for k, v in filters.items() if k != _PERIOD}
        period = filters.get(_PERIOD)
        if period:
            matching = matching.within({_PERIOD: period})
        capped = total > COUNT_CAP
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            capped=capped,
            facets=self._facets(matching, facet_filters, grouped),
            backend=self.name,
            corrected=corrected,
            partial=partial,
            unmatched=tuple(unmatched),
        )

    def _ranked(
        self,
        expression,
        query,
        filters,
        units,
        meaning,
        limit=None,
        offset=None,
        broad=False,
        counted=None,
    ):
        """(id, score) of the page: the database ranks, then the first RERANK_WINDOW
        are reordered by what BM25/ts_rank cannot see (title equal to or starting with
        the query, the kind, a person asked for).

        ``broad`` (more matches than COUNT_CAP; with an excluded word on PostgreSQL
        only, ``_broad``): the first pages are ranked among the hits with the words
        in their title when those fill the window (a title hit outweighs body text
        tenfold), so not every match is scored; otherwise among all matches.

        ``counted``: the counted matches (ids, filtered) when they are every match or
        the search is broad. Where the dialect ranks candidates (PostgreSQL), the
        window is then scored among them (and, when broad, the TITLE_CANDIDATES best
        title matches) in one query, without matching again; when they are every
        match, any page and the date order too."""
        dialect = _dialect()
        order = "e.date DESC, score DESC, e.id" if query.sort == "date" else "score DESC, e.id"
        filter_sql, filter_params = _filter_sql(filters, "e.id")
        start = (query.page - 1) * query.per_page
        rerank = query.sort != "date" and start + query.per_page <= RERANK_WINDOW
        fetch_limit, fetch_offset = (RERANK_WINDOW, 0) if rerank else (query.per_page, start)
        if limit is not None:
            fetch_limit, fetch_offset, rerank = limit, offset or 0, query.sort != "date"

        def fetch(searched):
            sql, params = dialect.ranked(
                searched,
                query.reader_keys,
                filter_sql,
                filter_params,
                order,
                fetch_limit,
                fetch_offset,
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        # the counted ids hold every match unless the search is broad: then any page
        # and order is scored among them; a broad search's only for the first pages
        if dialect.ranks_candidates and counted is not None and (rerank or not broad):
            among = list(counted)
            if broad:
                title_sql, title_params = _filter_sql(filters, "f.entry_id")
                titles = dialect.title_candidates(
                    expression, query.reader_keys, title_sql, title_params, TITLE_CANDIDATES
                )
                among = list(dict.fromkeys(titles + among))
            sql, params = dialect.ranked_among(
                expression, query.reader_keys, among, order, fetch_limit, fetch_offset
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        else:
            rows = fetch(dialect.in_titles(expression)) if broad and rerank else []
            if len(rows) < fetch_limit:
                rows = fetch(expression)
        if not rerank:
            return rows
        shapes = {
            i: (title, kind)
            for i, title, kind in SearchEntry.objects.filter(
                id__in=[i for i, _ in rows]
            ).values_list("id", "title", "kind")
        }
        wanted = [u.terms for u in units if u.terms]
        scored = [
            (i, float(score or 0.0) * words.prior(shapes.get(i), wanted, meaning))
            for i, score in rows
        ]
        if meaning.wants_person:
            # "Ansprechpartner …": the people who match come first
            people = {i for i, shape in shapes.items() if shape[1] == "person"}
            scored.sort(key=lambda row: (row[0] not in people, -row[1], row[0]))
        else:
            scored.sort(key=lambda row: (-row[1], row[0]))
        if limit is not None:
            return scored
        return scored[start : start + query.per_page]

    def _partial(self, query, meaning, units, negative, filters, corrected) -> SearchResults:
        """No hit has every word: the hits with the most of them, each with the words it
        lacks. Within the first PARTIAL_WINDOW by score, ranked by how many words a hit
        has, then by score; pages beyond keep the score order."""
        dialect = _dialect()
        keys = query.reader_keys
        empty = SearchResults(query=query, hits=[], total=0, facets={}, backend=self.name)
        expression = dialect.combine([dialect.any_of([u.expression for u in units])], negative)
        matching = Matches.of(expression, keys, COUNT_CAP)
        grouped = _grouped(matching.ids(filters))
        total = sum(row[-1] for row in grouped)
        if not total:
            empty.suggestion = self._spelling(meaning.parsed, query)
            return empty
        start = (query.page - 1) * query.per_page
        windowed = start + query.per_page <= PARTIAL_WINDOW
        if windowed:
            scored = self._ranked(
                expression,
                query,
                filters,
                units,
                meaning,
                limit=PARTIAL_WINDOW,
                broad=_broad(total, negative),
                counted=_counted(matching, filters, total, _broad(total, negative)),
            )
        else:
            scored = self._ranked(expression, query, filters, units, meaning)
        candidates = [i for i, _ in scored]
        # which words each candidate has: one indexed query per word, among the candidates
        covered: dict[int, set[int]] = {}
        unmatched = []
        for position, unit in enumerate(units):
            having = SearchEntry.objects.filter(id__in=dialect.matching_ids(unit.expression, keys))
            ids = list(having.filter(id__in=candidates).values_list("id", flat=True))
            for i in ids:
                covered.setdefault(i, set()).add(position)
            if not ids and not any_match(_filter(having, filters), COUNT_CAP):
                unmatched.append(unit.label)
        if windowed:
            if query.sort != "date":
                scored.sort(key=lambda row: (-len(covered.get(row[0], ())), -row[1], row[0]))
            scored = scored[start : start + query.per_page]
        missing = {
            i: tuple(u.label for n, u in enumerate(units) if n not in covered.get(i, ()))
            for i, _ in scored
        }
        return self._results(
            query,
            meaning.parsed,
            scored,
            total,
            matching,
            filters,
            grouped,
            corrected,
            missing=missing,
            partial=True,
            unmatched=unmatched,
        )

    def _near(self, parsed, units, negative, keys, filters, exact, empty=None):
        """For each word that matches nothing the reader may see: a split into two
        words of the vocabulary (silently), else the closest vocabulary word that finds
        something visible (shown as a correction), else one long known part of it
        (silently). Returns the units and the corrected query text (None when nothing
        was corrected). ``empty``: an expression known to find nothing (the whole
        query's), so a one-word query is not searched twice."""
        dialect = _dialect()
        known = {empty: False} if empty else {}

        def finds(expression: str) -> bool:
            if expression not in known:
                visible = SearchEntry.objects.filter(id__in=dialect.matching_ids(expression, keys))
                known[expression] = any_match(_filter(visible, filters), COUNT_CAP)
            return known[expression]

        def split_expression(pairs) -> str | None:
            for left, right in pairs:
                parts = [
                    sorted({analysis.term(part), analysis.root(part)} - {""})
                    for part in (left, right)
                    if part
                ]
                if not all(_valid_term(t) for alternatives in parts for t in alternatives):
                    continue
                split = dialect.combine(
                    [dialect.any_of([dialect.sequence((t,)) for t in a]) for a in parts], []
                )
                if finds(split):
                    return split
            return None

        def correction(unit):
            if exact or not nearby.correctable(unit.clause.text, unit.previous):
                return None
            for candidate in nearby.corrections(unit.clause.text)[:MAX_CORRECTION_TRIES]:
                alternatives = [
                    a for a in analysis.query_alternatives(candidate) if all(map(_valid_term, a))
                ]
                if not alternatives:
                    continue
                expression = dialect.any_of([dialect.sequence(a) for a in alternatives])
                if finds(expression):
                    return replace(
                        unit, expression=expression, label=candidate, terms=alternatives[0]
                    )
            return None

        replaced: dict[int, str] = {}
        result = []
        for unit in units:
            if unit.clause is None or finds(unit.expression):
                result.append(unit)
                continue
            splits = nearby.splits(unit.clause.text)
            whole = [pair for pair in splits if pair[0] and pair[1]][:MAX_SPLIT_TRIES]
            alone = [pair for pair in splits if not (pair[0] and pair[1])][:MAX_SPLIT_TRIES]
            split = split_expression(whole)
            if split is None:
                corrected = correction(unit)
                if corrected is not None:
                    replaced[unit.index] = corrected.label
                    result.append(corrected)
                    continue
                split = split_expression(alone)
            if split is not None:
                result.append(
                    replace(unit, expression=dialect.any_of([unit.expression, split]), split=True)
                )
            else:
                result.append(unit)
        if not replaced:
            return result, None
        words = [replaced.get(i, _clause_text(clause)) for i, clause in enumerate(parsed.clauses)]
        return result, " ".join(words)

    def _expression(self, parsed: ParsedQuery) -> str | None:
        units = words.units(parsed)
        if not units:
            return None
        return _dialect().combine([u.expression for u in units], words.negative(parsed))

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
        matching = dialect.suggested_ids(parts, dialect.any_of(prefixes), reader_keys)
        visible = SearchEntry.objects.filter(id__in=matching)
        entries = visible.order_by("-boost", "title")[:limit]
        parsed = parse(" ".join(words))
        return [_hit(entry, parsed, 0.0, prefix=True) for entry in entries]

    # -- helpers ---------------------------------------------------------------

    def _facets(self, matching, filters, grouped) -> dict[str, list[FacetCount]]:
        """Counts per facet value among the visible matches, each facet counted with the
        other facets' filters (values of one facet are alternatives).

        One grouped scan serves every facet without a filter of its own (``grouped`` is
        that scan of the fully filtered matches); a facet with a filter gets its own.
        The counted ids of each filter set are matched once (``db_matches.Matches``): without a
        filter the topic facet counts the ids the groups counted.
        """
        facets = {}
        for facet in FACETS:
            chosen = set(filters.get(facet, ()))
            others = {name: values for name, values in filters.items() if name != facet}
            if facet == "topic":
                rows = (
                    SearchEntryTopic.objects.filter(
                        entry__in=_dialect().id_list(matching.ids(others))
                    )
                    .values_list("value", "label")
                    .annotate(n=Count("entry"))
                    .order_by()
                )
            else:
                groups = grouped if not chosen else _grouped(matching.ids(others))
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
        return text if any_match(_filter(visible, query.filters), COUNT_CAP) else None


def _broad(total: int, negative) -> bool:
    """Whether the first pages are ranked among candidates, not among every match
    (decision 0061): more matches than COUNT_CAP. With an excluded word only where
    the dialect ranks candidates (PostgreSQL tests the excluded word on the whole
    vector; SQLite's title pass would test it in the title column only)."""
    return total > COUNT_CAP and (not negative or _dialect().ranks_candidates)


def _counted(matching: Matches, filters, total: int, broad: bool) -> list[int] | None:
    """The counted ids the ranked window may be scored among: every match (the total
    is below the cap), or the first COUNT_CAP + 1 of a broad search (decision 0061:
    its first pages need not rank every match)."""
    if total <= COUNT_CAP or broad:
        return matching.ids(filters)
    return None


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


def _hit(
    entry: SearchEntry,
    parsed: ParsedQuery,
    score: float,
    prefix: bool = False,
    missing: tuple[str, ...] = (),
) -> Hit:
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
        missing=missing,
        versions=tuple(tuple(v) for v in (entry.details or {}).get("versions", ())),
    )
