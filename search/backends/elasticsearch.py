"""The search contract on Elasticsearch (8 or 9, through the 8.x Python client).

The database index stays the source of truth: every change is written there first and
copied here through the ``ReplicaPending`` outbox. While a key is pending its copy here
may be stale (for example still carry a wider audience), so every query excludes the
pending keys it is given (``exclude_keys``); the database answers for them.

Mapping and queries are built with ``elasticsearch.dsl`` (shipped in the client) and
are plain dicts (``index_body()``, ``build_search()``, ``build_suggest()``), so they are
unit-tested without a server. Every call to the server is wrapped: a dead, slow or
misconfigured server raises ``SearchUnavailable`` and the caller falls back to the
database.

Analysis (see docs/search-elasticsearch.md):

- index: standard tokenizer, lowercase, ``dictionary_decompounder`` with the compound
  parts of ``search/lexicon/compounds.txt`` (the whole word is kept too; its parts
  share its position and offsets), ``german_normalization``, the ``light_german``
  stemmer, ``asciifolding``. Every word is indexed, stopwords too, so phrases match;
- search: the same without the decompounder (a query word matches the whole compound
  or one of its indexed parts), ending in a ``synonym_graph`` filter of
  ``search/lexicon/synonyms.txt``. Synonyms apply at search time only, so editing the
  list needs no reindex: ``ensure_index()`` updates a changed list in place.
  A plain query word on ``search/lexicon/stopwords.txt`` is left out before the query
  is built (``analysis.is_stopword``), as the database backend does.

Umlaut folding: ``german_normalization`` (Lucene's GermanNormalizationFilter) maps
ß→ss, ä/ö/ü→a/o/u and also ae→a, oe→o, and ue→u unless the ``ue`` follows a vowel or q
(the German2 Snowball heuristics). So "Ausländerbehörde", "Auslaenderbehoerde" and
"Auslanderbehorde" all become "auslanderbehorde" before stemming, in the index and in
queries alike: no char filter of our own is needed. (The rule also turns "Israel" into
"isral", on both sides alike, so it still matches.)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import (
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from .. import analysis
from ..documents import SearchDocument
from ..query import ParsedQuery, parse
from ..registry import kind_label
from .base import (
    FACETS,
    FacetCount,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    facet_years,
    sort_facet_counts,
)

logger = logging.getLogger(__name__)

# A dead server must not hang a page: searches give up after this many seconds.
SEARCH_TIMEOUT = 2.0
# Writes and index management may take longer (bulk batches, creating an index).
WRITE_TIMEOUT = 30.0
BULK_CHUNK = 500
# ensure_index() trusts its last check for this long
ENSURE_EVERY = 300.0
# Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default).
MAX_RESULT_WINDOW = 10_000

QUERY_FIELDS = ("title^3", "summary^2", "body")
SNIPPET_CHARS = 240
SUGGEST_SNIPPET_CHARS = 160
# Prefixes longer than this are cut at query time, matching the longest indexed gram.
PREFIX_MAX_GRAM = 20

# facet name -> (field filtered on, field aggregated on)
FACET_FIELDS = {
    "kind": ("kind", "kind"),
    "topic": ("topics", "topics_facet"),
    "organisation": ("organisation", "organisation_facet"),
    "working_group": ("working_group", "working_group_facet"),
    "year": ("year", "year"),
}
FACET_SIZES = {"kind": 20, "topic": 50, "organisation": 50, "working_group": 50, "year": 30}

_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_STRIPPED = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


# --- Index settings and mapping -----------------------------------------------------


def _word_list(parts: Iterable[str]) -> list[str]:
    """Compound parts, lowercased (the decompounder runs after ``lowercase``), each also
    spelled with ae/oe/ue and without umlauts: the decompounder sees the text before
    ``german_normalization``, so "Auslaenderbehoerde" needs "behoerde" in the list."""
    words = set()
    for part in parts:
        word = part.strip().lower()
        if word:
            words |= {word, word.translate(_SPELLED), word.translate(_STRIPPED)}
    return sorted(words)


def synonym_rules(groups: Iterable[Iterable[str]] | None = None) -> list[str]:
    """The synonym groups as Solr rules ("AufenthG, Aufenthaltsgesetz")."""
    if groups is None:
        groups = analysis.synonym_groups()
    return [", ".join(group) for group in groups if group]


def _analyzers(compound_parts=None, synonyms=None):
    """(index analyzer, search analyzer, prefix index analyzer, prefix search analyzer,
    spelling analyzer) as DSL objects; the index collects their filters from them."""
    words = _word_list(analysis.compound_parts() if compound_parts is None else compound_parts)
    rules = synonym_rules() if synonyms is None else list(synonyms)

    stemmer = token_filter("abh_german_stemmer", "stemmer", language="light_german")
    # An empty word list or synonym list is refused by Elasticsearch, so a filter
    # without entries is left out of the chain.
    decompound = (
        [
            token_filter(
                "abh_decompound",
                "dictionary_decompounder",
                word_list=words,
                min_subword_size=4,
                only_longest_match=False,
            )
        ]
        if words
        else []
    )
    synonym = (
        [
            # lenient: a rule the analyzer cannot parse is skipped, not an error
            token_filter("abh_synonyms", "synonym_graph", synonyms=rules, lenient=True)
        ]
        if rules
        else []
    )
    normalise = ["german_normalization", stemmer, "asciifolding"]

    german_index = analyzer(
        "abh_german_index",
        tokenizer="standard",
        filter=["lowercase", *decompound, *normalise],
    )
    german_search = analyzer(
        "abh_german_search",
        tokenizer="standard",
        # Synonyms last: Elasticsearch reads each rule through the filters before it, so
        # rules and queries meet in the same form ("Auslaenderbehoerde" and
        # "Aufenthaltsgesetzes" trigger their rules; case, umlauts, inflection aside).
        filter=["lowercase", *normalise, *synonym],
    )
    # Search as you type: every word of a title (and its known parts) indexed by its
    # beginnings; not stemmed, since an unfinished word has no stem yet.
    prefix_index = analyzer(
        "abh_prefix_index",
        tokenizer="standard",
        filter=[
            "lowercase",
            *decompound,
            "german_normalization",
            "asciifolding",
            token_filter("abh_edge_ngram", "edge_ngram", min_gram=2, max_gram=PREFIX_MAX_GRAM),
        ],
    )
    prefix_search = analyzer(
        "abh_prefix_search",
        tokenizer="standard",
        filter=[
            "lowercase",
            "german_normalization",
            "asciifolding",
            token_filter("abh_prefix_truncate", "truncate", length=PREFIX_MAX_GRAM),
        ],
    )
    # Spelling suggestions offer words as written (lowercased), never stems.
    spell = analyzer("abh_spell", tokenizer="standard", filter=["lowercase"])
    return german_index, german_search, prefix_index, prefix_search, spell


def build_mapping(compound_parts=None, synonyms=None) -> Mapping:
    german_index, german_search, prefix_index, prefix_search, spell = _analyzers(
        compound_parts, synonyms
    )

    def german(**kwargs):
        return Text(analyzer=german_index, search_analyzer=german_search, copy_to="spell", **kwargs)

    m = Mapping()
    # strict: a document with an unexpected field is refused instead of growing the mapping
    m.meta("dynamic", "strict")
    m.field("key", Keyword())
    m.field("kind", Keyword())
    m.field(
        "title",
        german(fields={"prefix": Text(analyzer=prefix_index, search_analyzer=prefix_search)}),
    )
    m.field("summary", german())
    # offsets in the postings: the highlighter need not re-analyse long PDF texts
    m.field("body", german(index_options="offsets"))
    m.field("spell", Text(analyzer=spell))
    m.field("url", Keyword(index=False, doc_values=False))
    for name in ("organisation", "working_group"):
        m.field(name, Keyword())
        m.field(f"{name}_label", Keyword(index=False, doc_values=False))
        # "value|label": one terms aggregation yields both
        m.field(f"{name}_facet", Keyword())
    m.field("topics", Keyword())
    m.field("topics_facet", Keyword())
    m.field("date", Date())
    m.field("year", Integer())
    m.field("language", Keyword())
    m.field("boost", Float())
    m.field("audience_keys", Keyword())
    m.field("audience_scope", Keyword())
    return m


def index_body(compound_parts=None, synonyms=None) -> dict:
    """Settings and mappings of a new index (``{"settings": ..., "mappings": ...}``);
    the lexicon lists default to search/lexicon."""
    index = Index("abhnetz-search")
    index.settings(number_of_shards=1, auto_expand_replicas="0-1")
    index.mapping(build_mapping(compound_parts, synonyms))
    return index.to_dict()


# --- Documents ----------------------------------------------------------------------


def _facet(value) -> str | None:
    return f"{value.value}|{value.label}" if value else None


def document_source(doc: SearchDocument) -> dict:
    """What Elasticsearch stores for one document."""
    date = doc.date
    return {
        "key": doc.key,
        "kind": doc.kind,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url,
        "organisation": doc.organisation.value if doc.organisation else None,
        "organisation_label": doc.organisation.label if doc.organisation else None,
        "organisation_facet": _facet(doc.organisation),
        "working_group": doc.working_group.value if doc.working_group else None,
        "working_group_label": doc.working_group.label if doc.working_group else None,
        "working_group_facet": _facet(doc.working_group),
        "topics": [t.value for t in doc.topics],
        "topics_facet": [_facet(t) for t in doc.topics],
        "date": date.isoformat() if date else None,
        # the year as the site shows it (Europe/Berlin), like the database index
        "year": timezone.localtime(date).year if date else None,
        "language": doc.language,
        "boost": doc.boost,
        "audience_keys": sorted(doc.audience_keys),
        "audience_scope": doc.audience_scope,
    }


class BulkError(SearchUnavailable):
    """Some documents of a bulk request were refused; the others were applied.

    ``failed`` maps each refused key to the reason: keep those pending (retry later),
    clear the rest.
    """

    def __init__(self, failed: dict[str, str]):
        self.failed = failed
        super().__init__(f"Elasticsearch refused {len(failed)} document(s): {failed}")


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
        must=[_positive_query(c) for c in _searchable(parsed.positive)],
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


# --- The backend --------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_name: str = "abhnetz-search",
        client=None,
        timeout: float = SEARCH_TIMEOUT,
    ):
        self.url = url
        # an alias: the concrete index behind it is replaced by recreate_index()
        self.index_name = index_name
        if client is None:
            client = Elasticsearch(
                url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
            )
        self.client = client
        # when ensure_index() last found the index in order (monotonic seconds)
        self._ensured_at: float | None = None

    # -- calling the server

    def _call(self, action: str, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TransportError as error:
            # connection refused, timeout, TLS: the server is not there for us now
            logger.warning("Elasticsearch %s failed: %s", action, error)
            raise SearchUnavailable(str(error)) from error
        except ApiError as error:
            status = getattr(error.meta, "status", 0)
            if status >= 500 or status in (404, 408, 429):
                logger.warning("Elasticsearch %s failed: %s", action, error)
            else:
                # a request it refuses is our mistake: log it loudly, still degrade
                logger.error("Elasticsearch refused %s: %s", action, error)
            raise SearchUnavailable(str(error)) from error

    def _writer(self):
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    # -- index management

    def _new_index_name(self) -> str:
        return f"{self.index_name}-{time.time_ns()}"

    def ensure_index(self) -> bool:
        """Create the index (behind the alias ``index_name``) if it does not exist;
        otherwise bring a changed synonym list up to date. True if created.

        Checked at most every ``ENSURE_EVERY`` seconds per backend object (the sync
        task calls this before each batch); a failed write checks again.
        """
        now = time.monotonic()
        if self._ensured_at is not None and now - self._ensured_at < ENSURE_EVERY:
            return False
        client = self._writer()
        if self._call("checking the index", client.indices.exists_alias, name=self.index_name):
            self.update_synonyms()
            self._ensured_at = now
            return False
        body = index_body()
        self._call(
            "creating the index",
            client.indices.create,
            index=self._new_index_name(),
            aliases={self.index_name: {"is_write_index": True}},
            **body,
        )
        self._ensured_at = now
        return True

    def recreate_index(self) -> str:
        """A new empty index behind the alias (new mapping and lexicon); the old ones
        are dropped. Returns the new index's name; refill it afterwards."""
        client = self._writer()
        new = self._new_index_name()
        self._call("creating the index", client.indices.create, index=new, **index_body())
        old = self._indices()
        actions = [{"remove": {"index": name, "alias": self.index_name}} for name in old]
        actions.append({"add": {"index": new, "alias": self.index_name, "is_write_index": True}})
        # one atomic switch: searches see the old index or the new one, never none
        self._call("switching the alias", client.indices.update_aliases, actions=actions)
        for name in old:
            self._call("dropping the old index", client.indices.delete, index=name)
        self._ensured_at = time.monotonic()
        return new

    def delete_index(self) -> None:
        """Drop the alias and every index behind it (tests, uninstalling)."""
        client = self._writer()
        self._ensured_at = None
        for name in self._indices():
            self._call("dropping the index", client.indices.delete, index=name)

    def _indices(self) -> list[str]:
        client = self._writer()
        if not self._call("checking the index", client.indices.exists_alias, name=self.index_name):
            return []
        return list(
            _body(self._call("reading the alias", client.indices.get_alias, name=self.index_name))
        )

    def update_synonyms(self) -> bool:
        """Apply a changed synonym list to the existing index (no reindex: synonyms are
        used at search time only). Closes the index for a moment; searches meanwhile
        fall back to the database. True if something changed."""
        client = self._writer()
        wanted = index_body()["settings"]["analysis"]
        for name in self._indices():
            current = _body(self._call("reading settings", client.indices.get_settings, index=name))
            analysis_now = current[name]["settings"]["index"].get("analysis", {})
            now_rules = analysis_now.get("filter", {}).get("abh_synonyms", {}).get("synonyms")
            wanted_rules = wanted.get("filter", {}).get("abh_synonyms", {}).get("synonyms")
            if (now_rules or None) == (wanted_rules or None):
                continue
            settings = {
                "analysis": {
                    "analyzer": {"abh_german_search": wanted["analyzer"]["abh_german_search"]},
                    "filter": {
                        key: value
                        for key, value in wanted["filter"].items()
                        if key == "abh_synonyms" or key in analysis_now.get("filter", {})
                    },
                }
            }
            self._call("closing the index", client.indices.close, index=name)
            try:
                self._call(
                    "updating synonyms", client.indices.put_settings, index=name, settings=settings
                )
            finally:
                self._call("opening the index", client.indices.open, index=name)
            return True
        return False

    def refresh(self) -> None:
        self._call("refreshing", self._writer().indices.refresh, index=self.index_name)

    # -- writing

    def bulk_upsert(self, documents: list[SearchDocument], refresh="wait_for") -> None:
        """Store (replace) the documents under their keys.

        ``refresh="wait_for"`` returns only once searches see the new versions: the
        caller clears the pending mark afterwards, and a stale copy (say with a wider
        audience) must not become searchable again in between. Raises
        ``SearchUnavailable`` (``BulkError`` if only some were refused).
        """
        self._bulk(
            (
                (
                    {"index": {"_index": self.index_name, "_id": doc.key}},
                    document_source(doc),
                )
                for doc in documents
            ),
            refresh,
        )

    def delete(self, keys: Iterable[str], refresh="wait_for") -> None:
        """Remove the documents with these keys (missing ones are fine)."""
        self._bulk(
            (({"delete": {"_index": self.index_name, "_id": key}}, None) for key in keys), refresh
        )

    def _bulk(self, operations: Iterator[tuple[dict, dict | None]], refresh) -> None:
        try:
            self._bulk_batches(operations, refresh)
        except SearchUnavailable:
            self._ensured_at = None  # the index may be gone: check before the next write
            raise

    def _bulk_batches(self, operations, refresh) -> None:
        failed: dict[str, str] = {}
        batch: list[dict] = []
        count = 0

        def send():
            if not batch:
                return
            response = _body(
                self._call(
                    "writing",
                    self._writer().bulk,
                    operations=list(batch),
                    refresh=refresh,
                    # never let a missing alias auto-create an index without our mapping
                    require_alias=True,
                )
            )
            if response.get("errors"):
                for item in response.get("items", []):
                    ((op, result),) = item.items()
                    error = result.get("error")
                    if op == "delete" and not error and result.get("status") == 404:
                        continue  # already gone
                    if error:
                        reason = error.get("reason") or error.get("type") or str(error)
                        failed[result.get("_id", "")] = reason
            batch.clear()

        for action, source in operations:
            batch.append(action)
            if source is not None:
                batch.append(source)
            count += 1
            if count % BULK_CHUNK == 0:
                send()
        send()
        if failed:
            logger.warning("Elasticsearch refused documents: %s", failed)
            raise BulkError(failed)

    # -- reading

    def _empty(self, query: SearchQuery) -> SearchResults:
        return SearchResults(query=query, hits=[], total=0, facets={}, backend=self.name)

    def search(self, query: SearchQuery, exclude_keys: Iterable[str] = ()) -> SearchResults:
        parsed = parse(query.text)
        # No keys may see nothing; no searchable words match nothing. Neither asks the
        # server (and nothing about the index can leak from a request not made).
        if not query.reader_keys or not _searchable(parsed.positive):
            return self._empty(query)
        exclude_keys = tuple(exclude_keys)
        request = build_search(query, exclude_keys, parsed)
        response = _body(
            self._call(
                "searching", self.client.search, index=self.index_name, body=request.to_dict()
            )
        )
        total = response["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else int(total)
        if total == 0:
            # like the database backend: no facets without hits, perhaps a correction
            results = self._empty(query)
            results.suggestion = self._spelling(query, exclude_keys, parsed)
            return results
        return SearchResults(
            query=query,
            hits=[_hit(raw) for raw in response["hits"]["hits"]],
            total=total,
            facets=_facets(response.get("aggregations", {}), query.filters),
            backend=self.name,
        )

    def _spelling(self, query: SearchQuery, exclude_keys, parsed: ParsedQuery) -> str | None:
        """A corrected query with hits for this reader, or None (asked only on no hits)."""
        request = build_spelling(query, exclude_keys, parsed)
        if request is None:
            return None
        try:
            response = _body(
                self._call(
                    "suggesting spelling",
                    self.client.search,
                    index=self.index_name,
                    body=request.to_dict(),
                )
            )
        except SearchUnavailable:
            return None  # the results stand without a suggestion
        for entry in response.get("suggest", {}).get("spelling", []):
            for option in entry.get("options", []):
                # prune=False: only candidates the collate query verified are here
                corrected = _corrected_query(parsed, option["text"])
                if option.get("collate_match", True) and corrected is not None:
                    return corrected
        return None

    def suggest(
        self,
        text: str,
        reader_keys: frozenset[str],
        limit: int = 6,
        exclude_keys: Iterable[str] = (),
    ) -> list[Hit]:
        if not reader_keys or not analysis.tokens(text or ""):
            return []
        request = build_suggest(text[:200], reader_keys, limit, tuple(exclude_keys))
        response = _body(
            self._call(
                "suggesting", self.client.search, index=self.index_name, body=request.to_dict()
            )
        )
        return [_hit(raw, snippet_field="summary") for raw in response["hits"]["hits"]]


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
