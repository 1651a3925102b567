"""Search requests for the Elasticsearch copy, built with ``elasticsearch.dsl`` as plain
dicts (``build_search()``, ``build_spelling()``, ``build_suggest()``), and their
responses read back into the contract's shapes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch.dsl import Q, Search

from .. import analysis
from ..query import ParsedQuery, parse
from ..registry import kind_label
from .base import (
    FACETS,
    FacetCount,
    Hit,
    SearchQuery,
    facet_years,
    sort_facet_counts,
)

# Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default).
MAX_RESULT_WINDOW = 10_000

QUERY_FIELDS = ("title^3", "summary^2", "body")
SNIPPET_CHARS = 240
SUGGEST_SNIPPET_CHARS = 160

# facet name -> (field filtered on, field aggregated on)
FACET_FIELDS = {
    "kind": ("kind", "kind"),
    "topic": ("topics", "topics_facet"),
    "organisation": ("organisation", "organisation_facet"),
    "working_group": ("working_group", "working_group_facet"),
    "year": ("year", "year"),
}
FACET_SIZES = {"kind": 20, "topic": 50, "organisation": 50, "working_group": 50, "year": 30}


# --- Queries ------------------------------------------------------------------------


def _clause_query(clause) -> Q:
    # a plain clause of several words ("E-Mail") is a phrase too, as in the database
    if clause.phrase or len(analysis.tokens(clause.text)) > 1:
        return Q("multi_match", query=clause.text, fields=list(QUERY_FIELDS), type="phrase")
    return Q(
        "multi_match",
        query=clause.text,
        fields=list(QUERY_FIELDS),
        type="cross_fields",
        operator="and",
    )


def _positive_query(clause) -> Q:
    query = _clause_query(clause)
    # Should Elasticsearch's tokenizer find no word where ours found one, the clause
    # matches everything (as if left out) instead of nothing. Not for negated clauses:
    # that would exclude everything.
    query.zero_terms_query = "all"
    return query


def _positive_queries(parsed: ParsedQuery) -> list[Q]:
    """One query per searched clause, in order. A run of plain words that is a
    multi-word synonym ("elektronischer Aufenthaltstitel" typed without quotes) is
    also searched as one phrase: only then does the search analyzer's
    ``synonym_graph`` see the words together and add "eAT"."""
    clauses = list(parsed.clauses)
    queries = []
    i = 0
    while i < len(clauses):
        clause = clauses[i]
        if clause.negated:
            i += 1
            continue
        run = []
        for following in clauses[i:]:
            if following.negated or following.phrase:
                break
            run.append(following.text)
        length = analysis.synonym_run(run)[0] if len(run) > 1 else 0
        if length > 1:
            own = [_positive_query(c) for c in _searchable(clauses[i : i + length])]
            together = Q(
                "multi_match",
                query=" ".join(run[:length]),
                fields=list(QUERY_FIELDS),
                type="phrase",
            )
            alternatives = [Q("bool", must=own), together] if own else [together]
            queries.append(Q("bool", should=alternatives, minimum_should_match=1))
            i += length
            continue
        if _searchable([clause]):
            queries.append(_positive_query(clause))
        i += 1
    return queries


def _audience(reader_keys) -> Q:
    return Q("terms", audience_keys=sorted(reader_keys))


def _facet_filters(filters: dict) -> dict[str, Q]:
    """facet -> the filter of its chosen values (alternatives), for chosen facets only."""
    result = {}
    for facet in FACETS:
        chosen = filters.get(facet) or ()
        if facet == "year":
            # an invalid year matches nothing (not everything)
            values = facet_years(chosen) or ([-1] if chosen else [])
        else:
            values = sorted({str(v) for v in chosen})
        if values:
            result[facet] = Q("terms", **{FACET_FIELDS[facet][0]: list(values)})
    return result


def _filters(reader_keys, filters: dict) -> list[Q]:
    """The audience filter (always first) and every chosen facet's filter."""
    return [_audience(reader_keys), *_facet_filters(filters).values()]


def _searchable(clauses) -> list:
    """The clauses that say something, as the database backend reads them: a plain word
    on the stopword list, or one without letters or digits ("§"), is left out. The
    index keeps every word, so phrases match with their stopwords."""
    kept = []
    for clause in clauses:
        words = [t.surface for t in analysis.tokens(clause.text)]
        if words and (clause.phrase or not all(map(analysis.is_stopword, words))):
            kept.append(clause)
    return kept


def _exclusions(exclude_keys) -> list[Q]:
    return [Q("terms", key=sorted(exclude_keys))] if exclude_keys else []


def _with_boost(query: Q) -> Q:
    """Multiply relevance by the document's ``boost`` (reviewed guides above overdue)."""
    return Q(
        "function_score",
        query=query,
        functions=[{"field_value_factor": {"field": "boost", "missing": 1}}],
        boost_mode="multiply",
    )


def build_search(
    query: SearchQuery, exclude_keys: Iterable[str] = (), parsed: ParsedQuery | None = None
) -> Search:
    """The search request for ``query`` (unexecuted; ``.to_dict()`` is the body).

    The reader's keys and the pending keys restrict the query itself, so neither hits,
    totals nor any facet count can include a document the reader may not see. The
    chosen facet values restrict the hits through ``post_filter``, and each facet is
    counted with the other facets' choices only: values of one facet are alternatives,
    so choosing one does not hide the others (as in the database backend).
    """
    parsed = parsed if parsed is not None else parse(query.text)
    bool_query = Q(
        "bool",
        must=_positive_queries(parsed),
        must_not=[_clause_query(c) for c in _searchable(parsed.negative)]
        + _exclusions(exclude_keys),
        filter=[_audience(query.reader_keys)],
    )
    s = Search().query(_with_boost(bool_query))
    chosen = _facet_filters(query.filters)
    if chosen:
        s = s.post_filter(Q("bool", filter=list(chosen.values())))
    # the key breaks ties, so pages do not overlap
    if query.sort == "date":
        s = s.sort(
            {"date": {"order": "desc", "missing": "_last"}},
            {"_score": {"order": "desc"}},
            {"key": {"order": "asc"}},
        )
    else:
        s = s.sort({"_score": {"order": "desc"}}, {"key": {"order": "asc"}})

    page = max(1, int(query.page))
    per_page = max(1, int(query.per_page))
    start = min((page - 1) * per_page, MAX_RESULT_WINDOW - per_page)
    s = s.extra(
        from_=max(0, start),
        size=per_page,
        track_total_hits=True,
        _source={"excludes": ["body"]},
    )
    s = s.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", type="unified"
    )
    s = s.highlight("title", number_of_fragments=0)
    s = s.highlight("summary", number_of_fragments=0)
    s = s.highlight(
        "body",
        fragment_size=SNIPPET_CHARS,
        number_of_fragments=1,
        no_match_size=SNIPPET_CHARS,
    )
    for facet in FACETS:
        others = [f for name, f in chosen.items() if name != facet]
        s.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket(
            "values", "terms", field=FACET_FIELDS[facet][1], size=FACET_SIZES[facet]
        )
    return s


def _plain_words(parsed: ParsedQuery) -> list:
    """The clauses a spelling suggestion may correct: plain words that were searched."""
    return [c for c in parsed.positive if not c.phrase and analysis.tokens(c.text)]


def build_spelling(
    query: SearchQuery, exclude_keys: Iterable[str] = (), parsed: ParsedQuery | None = None
) -> Search | None:
    """A phrase suggester for the plain words of ``query``, or None if there are none.

    ``collate`` runs each candidate as a query restricted like the search itself
    (reader's keys, pending keys, chosen filters) on the words as written, and
    ``prune: false`` drops every candidate that finds nothing there: a word that only
    occurs in documents the reader may not see is never offered.
    """
    parsed = parsed if parsed is not None else parse(query.text)
    words = " ".join(c.text for c in _plain_words(parsed))
    if not words:
        return None
    check = Q(
        "bool",
        filter=[
            *_filters(query.reader_keys, query.filters),
            Q("match", spell={"query": "{{suggestion}}", "operator": "and"}),
        ],
        must_not=_exclusions(exclude_keys),
    )
    s = Search().extra(size=0, track_total_hits=False)
    return s.suggest(
        "spelling",
        words,
        phrase={
            "field": "spell",
            "size": 5,
            "max_errors": 2,
            # every candidate, also ones the whole index rates below the input: the
            # collate check decides, on what the reader may see
            "confidence": 0,
            "direct_generator": [
                {"field": "spell", "suggest_mode": "always", "min_word_length": 3}
            ],
            "collate": {"query": {"source": check.to_dict()}, "prune": False},
        },
    )


def build_suggest(
    text: str, reader_keys, limit: int = 6, exclude_keys: Iterable[str] = ()
) -> Search:
    """Search as you type: titles with words starting with every typed word (typed
    stopwords before the last word are left out, as in the database backend)."""
    words = [t.surface for t in analysis.tokens(text)]
    typed = " ".join([w for w in words[:-1] if not analysis.is_stopword(w)] + words[-1:])
    bool_query = Q(
        "bool",
        must=[Q("match", **{"title.prefix": {"query": typed, "operator": "and"}})],
        # whole words typed so far rank first
        should=[Q("match", title={"query": typed, "operator": "and"})],
        must_not=_exclusions(exclude_keys),
        filter=_filters(reader_keys, {}),
    )
    s = Search().query(_with_boost(bool_query))
    s = s.extra(size=limit, _source={"excludes": ["body"]})
    s = s.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", type="unified"
    )
    return s.highlight("title.prefix", number_of_fragments=0)


# --- Responses ----------------------------------------------------------------------


def _parse_date(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _first_fragment(highlight: dict, field: str) -> str | None:
    fragments = highlight.get(field) or []
    return fragments[0] if fragments else None


def _hit(raw: dict, snippet_field: str = "body") -> Hit:
    source = raw.get("_source", {})
    highlight = raw.get("highlight", {})
    title = source.get("title", "")
    title_html = _first_fragment(highlight, "title") or _first_fragment(highlight, "title.prefix")
    # Highlights come from Elasticsearch with encoder=html: the text is escaped, only
    # our <mark> tags are markup.
    body = _first_fragment(highlight, "body")
    summary_html = _first_fragment(highlight, "summary")
    summary = source.get("summary") or ""
    if body and "<mark>" in body:
        snippet = body
    elif summary_html and "<mark>" in summary_html:
        snippet = summary_html
    elif summary:
        limit = SNIPPET_CHARS if snippet_field == "body" else SUGGEST_SNIPPET_CHARS
        snippet = escape(summary[:limit])
    else:
        snippet = body or ""
    return Hit(
        key=source.get("key") or raw.get("_id", ""),
        kind=source.get("kind", ""),
        title=title,
        url=source.get("url", ""),
        title_html=mark_safe(title_html) if title_html else escape(title),  # noqa: S308
        snippet_html=SafeString(snippet),
        organisation=source.get("organisation_label") or source.get("organisation") or "",
        working_group=source.get("working_group_label") or source.get("working_group") or "",
        date=_parse_date(source.get("date")),
        audience_scope=source.get("audience_scope") or "member",
        score=float(raw.get("_score") or 0.0),
    )


def _facets(aggregations: dict, filters: dict) -> dict[str, list[FacetCount]]:
    """Facet counts, ordered as the database backend orders them: years newest first,
    the others by count, then label."""
    facets = {}
    for facet in FACETS:
        chosen = {str(v) for v in filters.get(facet) or ()}
        counts = []
        for bucket in aggregations.get(facet, {}).get("values", {}).get("buckets", []):
            raw = str(bucket["key"])
            if facet == "kind":
                value, label = raw, str(kind_label(raw))
            elif facet == "year":
                value = label = raw
            else:
                value, _, label = raw.partition("|")
                label = label or value
            counts.append(FacetCount(value, label, bucket["doc_count"], value in chosen))
        facets[facet] = sort_facet_counts(facet, counts)
    return facets


def _body(response) -> dict:
    return getattr(response, "body", response)


def _clause_text(clause) -> str:
    text = f'"{clause.text}"' if clause.phrase else clause.text
    return f"-{text}" if clause.negated else text


def _corrected_query(parsed: ParsedQuery, corrected: str) -> str | None:
    """The query with its plain words replaced by the suggester's (lowercased) words,
    clauses in their order, unchanged words as typed; None if nothing changed."""
    plain = {
        id(c): [t.surface.lower() for t in analysis.tokens(c.text)] for c in _plain_words(parsed)
    }
    words = corrected.split()
    typed = [w for own in plain.values() for w in own]
    if words == typed:
        return None
    if len(words) != len(typed):
        # the suggester split the words differently: corrected words first, then the rest
        rest = [_clause_text(c) for c in parsed.clauses if id(c) not in plain]
        return " ".join([corrected, *rest])
    remaining = iter(words)
    out = []
    for clause in parsed.clauses:
        own = plain.get(id(clause))
        if own is None:
            out.append(_clause_text(clause))
            continue
        new = [next(remaining) for _ in own]
        out.append(clause.text if new == own else " ".join(new))
    return " ".join(out)
