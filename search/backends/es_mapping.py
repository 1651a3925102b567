"""Index settings, mapping and document shape of the Elasticsearch copy.

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

from collections.abc import Iterable

from django.utils import timezone
from elasticsearch.dsl import (
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

from .. import analysis
from ..documents import SearchDocument

# Prefixes longer than this are cut at query time, matching the longest indexed gram.
PREFIX_MAX_GRAM = 20

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


def _analyzers(compound_parts=None, synonyms=None, synonyms_set=None):
    """(index analyzer, search analyzer, prefix index analyzer, prefix search analyzer,
    spelling analyzer) as DSL objects; the index collects their filters from them.

    With ``synonyms_set`` the synonym filter reads that set of the Synonyms API
    (updateable, reloaded in place when the set changes); without, the rules inline.
    """
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
                # the default of 15 silently drops longer entries ("staatsangehorigkeit")
                max_subword_size=max(15, *(len(word) for word in words)),
                only_longest_match=False,
            )
        ]
        if words
        else []
    )
    # lenient: a rule the analyzer cannot parse is skipped, not an error
    source = {"synonyms_set": synonyms_set, "updateable": True} if synonyms_set else {}
    synonym = (
        [
            token_filter(
                "abh_synonyms",
                "synonym_graph",
                lenient=True,
                **(source or {"synonyms": rules}),
            )
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


def build_mapping(compound_parts=None, synonyms=None, synonyms_set=None) -> Mapping:
    german_index, german_search, prefix_index, prefix_search, spell = _analyzers(
        compound_parts, synonyms, synonyms_set
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


# How long Elasticsearch remembers a deleted document's version (default 60 s): an
# older write arriving later than this could bring the document back.
GC_DELETES = "1h"


def index_body(compound_parts=None, synonyms=None, synonyms_set=None) -> dict:
    """Settings and mappings of a new index (``{"settings": ..., "mappings": ...}``);
    the lexicon lists default to search/lexicon."""
    index = Index("abhnetz-search")
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", gc_deletes=GC_DELETES)
    index.mapping(build_mapping(compound_parts, synonyms, synonyms_set))
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
