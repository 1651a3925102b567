"""The Elasticsearch backend without a server: index settings, mapping, request bodies
and how responses become results; plus a live section that runs only where
ELASTICSEARCH_URL points at a server (none can be installed on the development
machines, see docs/search-elasticsearch.md).

The stand-in clients below are small real classes that record what they are asked and
answer with fixed bodies; they check what we send, not how Elasticsearch behaves.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.utils.safestring import SafeString
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, NotFoundError

from search import analysis
from search.backends.base import SearchQuery, SearchUnavailable
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_search,
    build_spelling,
    build_suggest,
    document_source,
    index_body,
    synonym_rules,
)
from search.documents import FacetValue, SearchDocument
from search.registry import kind_label

READER = frozenset({"member", "u7", "g3"})

PARTS = ["Behörde", "Erlaubnis", "Aufenthalt"]
SYNONYMS = ["AufenthG, Aufenthaltsgesetz", "ABH, Ausländerbehörde"]


# --- stand-in clients ---------------------------------------------------------------


class RefusingClient:
    """Fails the test on any use: proves a request was never made."""

    def __init__(self):
        self.used = []

    def __getattr__(self, name):
        self.used.append(name)
        raise AssertionError(f"the client was used: {name}")


class CannedClient:
    """Answers ``search`` with the given bodies in turn and records each request."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests = []

    def search(self, **kwargs):
        self.requests.append(kwargs)
        return self.responses.pop(0)


class FailingClient:
    """Raises the given error from ``search``, as the real client does."""

    def __init__(self, error):
        self.error = error

    def search(self, **kwargs):
        raise self.error


def api_error(cls, status, body):
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "localhost", 9200),
    )
    return cls("error", meta=meta, body=body)


def inner_bool(body):
    return body["query"]["function_score"]["query"]["bool"]


def query(text="Aufenthalt", **kwargs):
    kwargs.setdefault("reader_keys", READER)
    return SearchQuery(text=text, **kwargs)


# --- index settings and mapping ------------------------------------------------------


class TestIndexSettings:
    def setup_method(self):
        self.body = index_body(PARTS, SYNONYMS)
        self.analysis = self.body["settings"]["analysis"]
        self.filters = self.analysis["filter"]
        self.analyzers = self.analysis["analyzer"]

    def test_index_analyzer_decompounds_with_the_word_list(self):
        chain = self.analyzers["abh_german_index"]
        assert chain["tokenizer"] == "standard"
        assert chain["filter"][0] == "lowercase"
        assert "abh_decompound" in chain["filter"]
        decompound = self.filters["abh_decompound"]
        assert decompound["type"] == "dictionary_decompounder"
        assert decompound["min_subword_size"] == 4
        assert decompound["only_longest_match"] is False
        # lowercased (the filter runs after lowercase), also spelled with ae/oe/ue and
        # without umlauts (it runs before german_normalization)
        assert decompound["word_list"] == [
            "aufenthalt",
            "behoerde",
            "behorde",
            "behörde",
            "erlaubnis",
        ]

    def test_long_word_list_entries_are_not_dropped_by_the_decompounder(self):
        # max_subword_size defaults to 15: longer entries would never be split off
        body = index_body(["Staatsangehörigkeit", "Behörde"], SYNONYMS)
        decompound = body["settings"]["analysis"]["filter"]["abh_decompound"]
        assert decompound["max_subword_size"] == len("staatsangehoerigkeit") == 20
        assert self.filters["abh_decompound"]["max_subword_size"] == 15
        lexicon = index_body()["settings"]["analysis"]["filter"]["abh_decompound"]
        assert lexicon["max_subword_size"] == max(15, *(len(w) for w in lexicon["word_list"]))

    def test_both_analyzers_normalise_stem_and_fold_in_that_order(self):
        assert self.filters["abh_german_stemmer"] == {"type": "stemmer", "language": "light_german"}
        normalise = ["german_normalization", "abh_german_stemmer", "asciifolding"]
        assert self.analyzers["abh_german_index"]["filter"][-3:] == normalise
        assert self.analyzers["abh_german_search"]["filter"][-4:-1] == normalise
        # every word is indexed, so phrases match with their stopwords
        assert not any(f["type"] == "stop" for f in self.filters.values())

    def test_synonyms_apply_at_search_time_only(self):
        search_chain = self.analyzers["abh_german_search"]["filter"]
        index_chain = self.analyzers["abh_german_index"]["filter"]
        assert "abh_synonyms" in search_chain
        assert "abh_synonyms" not in index_chain
        assert "abh_decompound" not in search_chain
        # last: the rules are read through the filters before them, so a rule and a query
        # meet whatever their case, umlaut spelling or inflection
        assert search_chain[-1] == "abh_synonyms"
        synonyms = self.filters["abh_synonyms"]
        assert synonyms["type"] == "synonym_graph"
        assert synonyms["synonyms"] == SYNONYMS

    def test_synonym_rules_join_each_group(self):
        assert synonym_rules([["eAT", "elektronischer Aufenthaltstitel"], ["ABH", "Amt"]]) == [
            "eAT, elektronischer Aufenthaltstitel",
            "ABH, Amt",
        ]

    def test_the_lists_default_to_the_lexicon(self):
        assert index_body() == index_body(
            analysis.compound_parts(), synonym_rules(analysis.synonym_groups())
        )

    def test_empty_lists_leave_their_filters_out(self):
        # Elasticsearch refuses a decompounder or synonym filter without entries
        body = index_body([], [])
        filters = body["settings"]["analysis"]["filter"]
        assert "abh_decompound" not in filters
        assert "abh_synonyms" not in filters
        for chain in body["settings"]["analysis"]["analyzer"].values():
            assert "abh_decompound" not in chain["filter"]
            assert "abh_synonyms" not in chain["filter"]

    def test_autocomplete_analyzers(self):
        prefix = self.analyzers["abh_prefix_index"]["filter"]
        assert prefix[-1] == "abh_edge_ngram"
        assert "abh_decompound" in prefix
        assert self.filters["abh_edge_ngram"]["type"] == "edge_ngram"
        gram = self.filters["abh_edge_ngram"]["max_gram"]
        assert self.filters["abh_prefix_truncate"] == {"type": "truncate", "length": gram}
        # typed text is not cut into grams itself
        assert "abh_edge_ngram" not in self.analyzers["abh_prefix_search"]["filter"]


class TestMapping:
    def setup_method(self):
        self.mapping = index_body(PARTS, SYNONYMS)["mappings"]
        self.fields = self.mapping["properties"]

    def test_dynamic_fields_are_refused(self):
        assert self.mapping["dynamic"] == "strict"

    def test_text_fields_use_the_german_analyzers(self):
        for name in ("title", "summary", "body"):
            field = self.fields[name]
            assert field["type"] == "text"
            assert field["analyzer"] == "abh_german_index"
            assert field["search_analyzer"] == "abh_german_search"
            assert field["copy_to"] == "spell"
        assert self.fields["body"]["index_options"] == "offsets"
        assert self.fields["title"]["fields"]["prefix"] == {
            "type": "text",
            "analyzer": "abh_prefix_index",
            "search_analyzer": "abh_prefix_search",
        }
        assert self.fields["spell"] == {"type": "text", "analyzer": "abh_spell"}

    def test_keyword_and_other_field_types(self):
        keywords = [
            "key",
            "kind",
            "organisation",
            "organisation_facet",
            "working_group",
            "working_group_facet",
            "topics",
            "topics_facet",
            "language",
            "audience_keys",
            "audience_scope",
        ]
        for name in keywords:
            assert self.fields[name] == {"type": "keyword"}, name
        for name in ("url", "organisation_label", "working_group_label"):
            assert self.fields[name] == {"type": "keyword", "index": False, "doc_values": False}
        assert self.fields["date"] == {"type": "date"}
        assert self.fields["year"] == {"type": "integer"}
        assert self.fields["boost"] == {"type": "float"}

    def test_every_stored_field_is_mapped(self):
        doc = SearchDocument(key="guide:1", kind="guide", title="T", url="/", audience_keys=READER)
        assert set(document_source(doc)) <= set(self.fields)


def test_document_source():
    doc = SearchDocument(
        key="guide:12",
        kind="guide",
        title="Fiktionsbescheinigung",
        url="/wissen/fiktion/",
        audience_keys=frozenset({"g3", "u7"}),
        summary="Kurz",
        body="Lang",
        organisation=FacetValue("abh-musterstadt", "Ausländerbehörde Musterstadt"),
        topics=(FacetValue("visa", "Visa"), FacetValue("work", "Arbeit | Beruf")),
        # 23:30 UTC on New Year's Eve is already the new year in Berlin
        date=datetime(2024, 12, 31, 23, 30, tzinfo=UTC),
        boost=1.5,
        audience_scope="selected",
    )
    source = document_source(doc)
    assert source["organisation"] == "abh-musterstadt"
    assert source["organisation_facet"] == "abh-musterstadt|Ausländerbehörde Musterstadt"
    assert source["working_group"] is None
    assert source["working_group_facet"] is None
    assert source["topics"] == ["visa", "work"]
    assert source["topics_facet"] == ["visa|Visa", "work|Arbeit | Beruf"]
    assert source["audience_keys"] == ["g3", "u7"]
    assert source["year"] == 2025
    assert datetime.fromisoformat(source["date"]) == doc.date
    assert source["boost"] == 1.5
    assert source["audience_scope"] == "selected"


# --- search requests ----------------------------------------------------------------


class TestSearchRequest:
    def body(self, q, exclude=()):
        return build_search(q, exclude).to_dict()

    def test_plain_words_must_each_match_across_the_weighted_fields(self):
        must = inner_bool(self.body(query("Aufenthalt Erlaubnis")))["must"]
        assert must == [
            {
                "multi_match": {
                    "query": word,
                    "fields": ["title^3", "summary^2", "body"],
                    "type": "cross_fields",
                    "operator": "and",
                    "zero_terms_query": "all",
                }
            }
            for word in ("Aufenthalt", "Erlaubnis")
        ]

    def test_stopwords_and_signs_are_left_out_of_plain_words_only(self):
        must = inner_bool(self.body(query('Antrag für § "Antrag für Visum"')))["must"]
        assert [(c["multi_match"]["query"], c["multi_match"]["type"]) for c in must] == [
            ("Antrag", "cross_fields"),
            ("Antrag für Visum", "phrase"),
        ]
        excluded = inner_bool(self.body(query("Antrag -der -Visum")))["must_not"]
        assert [c["multi_match"]["query"] for c in excluded] == ["Visum"]

    def test_a_multi_word_synonym_typed_without_quotes_is_also_one_phrase(self):
        # "eAT, elektronischer Aufenthaltstitel": each word alone never reaches the
        # synonym_graph filter as the two-word rule; the run as one phrase does
        must = inner_bool(self.body(query("Antrag elektronischer Aufenthaltstitel Kosten")))["must"]
        assert [c["multi_match"]["query"] for c in (must[0], must[2])] == ["Antrag", "Kosten"]
        run = must[1]["bool"]
        assert run["minimum_should_match"] == 1
        each, together = run["should"]
        assert [c["multi_match"]["query"] for c in each["bool"]["must"]] == [
            "elektronischer",
            "Aufenthaltstitel",
        ]
        assert together == {
            "multi_match": {
                "query": "elektronischer Aufenthaltstitel",
                "fields": ["title^3", "summary^2", "body"],
                "type": "phrase",
            }
        }

    def test_a_run_with_a_stopword_inside_keeps_it_in_the_phrase(self):
        must = inner_bool(self.body(query("Bundesamt für Migration und Flüchtlinge")))["must"]
        ((_, together),) = [c["bool"]["should"] for c in must]
        assert together["multi_match"]["query"] == "Bundesamt für Migration und Flüchtlinge"

    def test_a_plain_word_of_several_parts_is_a_phrase(self):
        (clause,) = inner_bool(self.body(query("E-Mail")))["must"]
        assert clause["multi_match"]["type"] == "phrase"

    def test_phrase(self):
        must = inner_bool(self.body(query('"elektronischer Aufenthaltstitel"')))["must"]
        assert must == [
            {
                "multi_match": {
                    "query": "elektronischer Aufenthaltstitel",
                    "fields": ["title^3", "summary^2", "body"],
                    "type": "phrase",
                    "zero_terms_query": "all",
                }
            }
        ]

    def test_minus_excludes_words_and_phrases(self):
        bool_query = inner_bool(self.body(query('Visum -Schengen -"nationales Visum"')))
        assert [c["multi_match"]["query"] for c in bool_query["must"]] == ["Visum"]
        excluded = [c["multi_match"] for c in bool_query["must_not"]]
        assert [(c["query"], c["type"]) for c in excluded] == [
            ("Schengen", "cross_fields"),
            ("nationales Visum", "phrase"),
        ]
        # an excluded stopword must not exclude everything
        assert all("zero_terms_query" not in c for c in excluded)

    def test_the_audience_filter_is_always_in_the_query(self):
        for q in (query(), query(filters={"kind": ("guide",)}), query(sort="date")):
            body = self.body(q)
            assert inner_bool(body)["filter"] == [
                {"terms": {"audience_keys": ["g3", "member", "u7"]}}
            ]
            # never in the post_filter: aggregations would count restricted documents
            assert "audience_keys" not in str(body.get("post_filter"))

    def test_pending_keys_are_excluded(self):
        bool_query = inner_bool(self.body(query(), exclude=["guide:2", "decision:1"]))
        assert {"terms": {"key": ["decision:1", "guide:2"]}} in bool_query["must_not"]
        assert "must_not" not in inner_bool(self.body(query()))

    def test_filters_narrow_the_hits(self):
        q = query(
            filters={
                "kind": ("minutes", "guide"),
                "organisation": ("abh-musterstadt",),
                "working_group": ("digital",),
                "topic": ("visa",),
                "year": ("2024", "2023"),
                "unknown": ("x",),
            }
        )
        assert self.body(q)["post_filter"] == {
            "bool": {
                "filter": [
                    {"terms": {"kind": ["guide", "minutes"]}},
                    {"terms": {"topics": ["visa"]}},
                    {"terms": {"organisation": ["abh-musterstadt"]}},
                    {"terms": {"working_group": ["digital"]}},
                    {"terms": {"year": [2023, 2024]}},
                ]
            }
        }
        assert "post_filter" not in self.body(query())

    def test_an_invalid_year_matches_nothing_instead_of_everything(self):
        body = self.body(query(filters={"year": ("zwanzig",)}))
        assert body["post_filter"] == {"bool": {"filter": [{"terms": {"year": [-1]}}]}}

    def test_relevance_is_multiplied_by_the_boost(self):
        score = self.body(query())["query"]["function_score"]
        assert score["functions"] == [{"field_value_factor": {"field": "boost", "missing": 1}}]
        assert score["boost_mode"] == "multiply"

    def test_sort(self):
        assert self.body(query())["sort"] == [
            {"_score": {"order": "desc"}},
            {"key": {"order": "asc"}},
        ]
        assert self.body(query(sort="date"))["sort"] == [
            {"date": {"order": "desc", "missing": "_last"}},
            {"_score": {"order": "desc"}},
            {"key": {"order": "asc"}},
        ]

    def test_pagination(self):
        body = self.body(query(page=3, per_page=20))
        assert (body["from"], body["size"]) == (40, 20)
        assert body["track_total_hits"] is True
        # never beyond what Elasticsearch allows (index.max_result_window)
        far = self.body(query(page=10_000, per_page=20))
        assert far["from"] + far["size"] == 10_000

    def test_highlight(self):
        highlight = self.body(query())["highlight"]
        assert highlight["pre_tags"] == ["<mark>"]
        assert highlight["post_tags"] == ["</mark>"]
        assert highlight["encoder"] == "html"
        assert highlight["fields"]["title"] == {"number_of_fragments": 0}
        assert highlight["fields"]["body"] == {
            "fragment_size": 240,
            "number_of_fragments": 1,
            "no_match_size": 240,
        }

    def test_each_facet_is_counted_with_the_other_facets_choices(self):
        body = self.body(query(filters={"kind": ("guide",), "year": ("2024",)}))
        aggs = body["aggs"]
        assert list(aggs) == ["kind", "topic", "organisation", "working_group", "year"]
        kind_filter = {"terms": {"kind": ["guide"]}}
        year_filter = {"terms": {"year": [2024]}}
        # a facet's own choice does not narrow its counts (its values are alternatives)
        assert aggs["kind"]["filter"] == {"bool": {"filter": [year_filter]}}
        assert aggs["year"]["filter"] == {"bool": {"filter": [kind_filter]}}
        assert aggs["topic"]["filter"] == {"bool": {"filter": [kind_filter, year_filter]}}
        fields = {name: agg["aggs"]["values"]["terms"]["field"] for name, agg in aggs.items()}
        assert fields == {
            "kind": "kind",
            "topic": "topics_facet",
            "organisation": "organisation_facet",
            "working_group": "working_group_facet",
            "year": "year",
        }


class TestSpellingRequest:
    def test_candidates_are_checked_against_what_the_reader_may_see(self):
        q = query('Aufenthaltserlaubnsi Fiktoin "ganz genau" -Visum', filters={"kind": ("guide",)})
        phrase = build_spelling(q, ["guide:2"]).to_dict()["suggest"]["spelling"]
        # only the plain words are corrected
        assert phrase["text"] == "Aufenthaltserlaubnsi Fiktoin"
        settings = phrase["phrase"]
        assert settings["field"] == "spell"
        collate = settings["collate"]
        assert collate["prune"] is False
        check = collate["query"]["source"]["bool"]
        assert check["filter"][0] == {"terms": {"audience_keys": ["g3", "member", "u7"]}}
        assert {"terms": {"kind": ["guide"]}} in check["filter"]
        assert {"match": {"spell": {"query": "{{suggestion}}", "operator": "and"}}} in check[
            "filter"
        ]
        assert check["must_not"] == [{"terms": {"key": ["guide:2"]}}]

    def test_nothing_to_correct_without_plain_words(self):
        assert build_spelling(query('"ganz genau"')) is None


class TestSuggestRequest:
    def test_prefix_match_on_titles_for_the_reader(self):
        body = build_suggest("Aufenthalts erl", READER, 4, ["guide:2"]).to_dict()
        bool_query = inner_bool(body)
        assert bool_query["must"] == [
            {"match": {"title.prefix": {"query": "Aufenthalts erl", "operator": "and"}}}
        ]
        assert bool_query["filter"] == [{"terms": {"audience_keys": ["g3", "member", "u7"]}}]
        assert bool_query["must_not"] == [{"terms": {"key": ["guide:2"]}}]
        assert body["size"] == 4
        assert body["highlight"]["fields"] == {"title.prefix": {"number_of_fragments": 0}}
        assert body["highlight"]["encoder"] == "html"


# --- the backend against stand-in clients ---------------------------------------------


def test_no_reader_keys_sends_nothing():
    client = RefusingClient()
    backend = ElasticsearchBackend("http://unused", client=client)
    results = backend.search(query(reader_keys=frozenset()))
    assert (results.hits, results.total, results.backend) == ([], 0, "elasticsearch")
    assert all(counts == [] for counts in results.facets.values())
    assert backend.suggest("Aufent", frozenset()) == []
    assert client.used == []


def test_no_positive_words_sends_nothing():
    client = RefusingClient()
    backend = ElasticsearchBackend("http://unused", client=client)
    for text in ("-Visum", "   ", "der die das", "§ -Visum"):
        assert backend.search(query(text)).total == 0
    assert backend.suggest("  ", READER) == []
    assert client.used == []


def response(hits=(), total=None, aggregations=None):
    return {
        "hits": {
            "total": {"value": len(hits) if total is None else total, "relation": "eq"},
            "hits": list(hits),
        },
        "aggregations": aggregations or {},
    }


GUIDE_HIT = {
    "_id": "guide:12",
    "_score": 3.5,
    "_source": {
        "key": "guide:12",
        "kind": "guide",
        "title": "Aufenthaltserlaubnis <Entwurf>",
        "url": "/wissen/ae/",
        "summary": "Kurz",
        "organisation": "abh-musterstadt",
        "organisation_label": "Ausländerbehörde Musterstadt",
        "date": "2024-05-03T10:00:00+02:00",
        "audience_scope": "offices",
    },
    "highlight": {
        "title": ["<mark>Aufenthaltserlaubnis</mark> &lt;Entwurf&gt;"],
        "body": ["Die <mark>Aufenthaltserlaubnis</mark> für Ärzte"],
    },
}


def buckets(*pairs):
    return {"doc_count": 9, "values": {"buckets": [{"key": k, "doc_count": n} for k, n in pairs]}}


def test_results_from_a_response():
    aggregations = {
        "kind": buckets(("guide", 1)),
        "organisation": buckets(
            ("abh-b|Ausländerbehörde B", 2), ("abh-musterstadt|Ausländerbehörde Musterstadt", 2)
        ),
        "topic": buckets(("work|Arbeit | Beruf", 1)),
        "working_group": buckets(),
        "year": buckets((2019, 3), (2024, 1)),
    }
    client = CannedClient(response([GUIDE_HIT], aggregations=aggregations))
    backend = ElasticsearchBackend("http://unused", index_name="idx", client=client)
    q = query(filters={"organisation": ("abh-musterstadt",), "year": ("2024",)})
    results = backend.search(q, exclude_keys=["guide:9"])

    (request,) = client.requests
    assert request["index"] == "idx"
    assert request["body"] == build_search(q, ["guide:9"]).to_dict()

    assert results.total == 1
    assert results.backend == "elasticsearch"
    assert results.suggestion is None
    (hit,) = results.hits
    assert hit.key == "guide:12"
    assert hit.url == "/wissen/ae/"
    assert hit.organisation == "Ausländerbehörde Musterstadt"
    assert hit.date == datetime.fromisoformat("2024-05-03T10:00:00+02:00")
    assert hit.audience_scope == "offices"
    assert hit.score == 3.5
    assert isinstance(hit.title_html, SafeString)
    assert hit.title_html == "<mark>Aufenthaltserlaubnis</mark> &lt;Entwurf&gt;"
    assert hit.snippet_html == "Die <mark>Aufenthaltserlaubnis</mark> für Ärzte"

    facets = results.facets
    assert [(f.value, f.label, f.count) for f in facets["kind"]] == [
        ("guide", str(kind_label("guide")), 1)
    ]
    # by count, then label (as the database backend orders them); labels from the facet
    assert [(f.value, f.label, f.count, f.selected) for f in facets["organisation"]] == [
        ("abh-b", "Ausländerbehörde B", 2, False),
        ("abh-musterstadt", "Ausländerbehörde Musterstadt", 2, True),
    ]
    # a label may contain the separator
    assert [(f.value, f.label) for f in facets["topic"]] == [("work", "Arbeit | Beruf")]
    assert facets["working_group"] == []
    # years newest first
    assert [(f.value, f.count, f.selected) for f in facets["year"]] == [
        ("2024", 1, True),
        ("2019", 3, False),
    ]


def test_unhighlighted_title_is_escaped_and_summary_is_the_fallback_snippet():
    raw = {
        "_id": "person:1",
        "_score": None,
        "_source": {"key": "person:1", "kind": "person", "title": "A & <B>", "summary": "<i>"},
        "highlight": {"body": ["no match here"]},
    }
    client = CannedClient(response([raw]))
    (hit,) = ElasticsearchBackend("http://unused", client=client).search(query()).hits
    assert hit.title_html == "A &amp; &lt;B&gt;"
    assert hit.snippet_html == "&lt;i&gt;"
    assert hit.score == 0.0


def test_spelling_is_asked_only_when_nothing_was_found():
    spelling = {
        "hits": {"total": {"value": 0}, "hits": []},
        "suggest": {
            "spelling": [
                {
                    "text": "antrag aufenthaltserlaubnsi",
                    "options": [{"text": "antrag aufenthaltserlaubnis", "score": 0.4}],
                }
            ]
        },
    }
    nothing = response([], aggregations={"kind": buckets(("guide", 4))})
    client = CannedClient(nothing, spelling)
    backend = ElasticsearchBackend("http://unused", client=client)
    q = query('Antrag -Visum Aufenthaltserlaubnsi "ganz genau"')
    results = backend.search(q, exclude_keys=["guide:2"])
    assert results.total == 0
    # no facets without hits (as in the database backend)
    assert results.facets == {}
    assert client.requests[1]["body"] == build_spelling(q, ["guide:2"]).to_dict()
    # the corrected word in its place, the other clauses as typed
    assert results.suggestion == 'Antrag -Visum aufenthaltserlaubnis "ganz genau"'

    found = CannedClient(response([GUIDE_HIT]))
    ElasticsearchBackend("http://unused", client=found).search(q)
    assert len(found.requests) == 1


def test_no_suggestion_that_only_repeats_the_query():
    spelling = {
        "hits": {"total": {"value": 0}, "hits": []},
        "suggest": {"spelling": [{"text": "visum", "options": [{"text": "visum"}]}]},
    }
    client = CannedClient(response([]), spelling)
    assert (
        ElasticsearchBackend("http://unused", client=client).search(query("Visum")).suggestion
        is None
    )


def test_a_failing_spelling_request_keeps_the_results():
    class SpellingFails(CannedClient):
        def search(self, **kwargs):
            if self.requests:
                raise api_error(ApiError, 503, {})
            return super().search(**kwargs)

    client = SpellingFails(response([]))
    results = ElasticsearchBackend("http://unused", client=client).search(query("Visum"))
    assert (results.total, results.suggestion) == (0, None)


def test_suggest_returns_hits_highlighted_by_prefix():
    raw = {
        "_id": "guide:12",
        "_score": 2.0,
        "_source": {"key": "guide:12", "kind": "guide", "title": "Aufenthaltserlaubnis"},
        "highlight": {"title.prefix": ["<mark>Aufenthaltserlaubnis</mark>"]},
    }
    client = CannedClient(response([raw]))
    hits = ElasticsearchBackend("http://unused", client=client).suggest(
        "aufent", READER, limit=3, exclude_keys=["guide:1"]
    )
    assert [h.title_html for h in hits] == ["<mark>Aufenthaltserlaubnis</mark>"]
    assert client.requests[0]["body"] == build_suggest("aufent", READER, 3, ["guide:1"]).to_dict()


def test_suggest_leaves_out_typed_stopwords_but_not_the_last_word():
    body = build_suggest("Antrag auf Aufent", READER).to_dict()
    assert inner_bool(body)["must"][0]["match"]["title.prefix"]["query"] == "Antrag Aufent"
    body = build_suggest("Antrag auf", READER).to_dict()
    assert inner_bool(body)["must"][0]["match"]["title.prefix"]["query"] == "Antrag auf"


# --- writing and index management: tests/search/test_elasticsearch_index.py ----------


def make_doc(key, title="", **kwargs):
    kwargs.setdefault("audience_keys", frozenset({"member"}))
    return SearchDocument(key=key, kind="guide", title=title or key, url=f"/{key}/", **kwargs)


# --- failures -----------------------------------------------------------------------


def test_an_unreachable_server_is_unavailable_quickly():
    # nothing listens on the discard port
    backend = ElasticsearchBackend("http://127.0.0.1:9", timeout=0.5)
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        backend.search(query())
    with pytest.raises(SearchUnavailable):
        backend.bulk_upsert([make_doc("guide:1")])
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "error",
    [
        api_error(NotFoundError, 404, {"error": {"type": "index_not_found_exception"}}),
        api_error(ApiError, 503, {"error": "unavailable"}),
        api_error(ApiError, 400, {"error": {"type": "parsing_exception"}}),
    ],
    ids=["missing index", "server error", "refused request"],
)
def test_api_errors_are_unavailable(error):
    backend = ElasticsearchBackend("http://unused", client=FailingClient(error))
    with pytest.raises(SearchUnavailable):
        backend.search(query())
    with pytest.raises(SearchUnavailable):
        backend.suggest("aufent", READER)


# --- live: only where ELASTICSEARCH_URL points at a server ----------------------------

LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.skipif(not LIVE_URL, reason="ELASTICSEARCH_URL is not set (no server here)")
class TestLiveServer:
    """Index a few documents into a throwaway index and search them as two readers."""

    @pytest.fixture
    def backend(self):
        backend = ElasticsearchBackend(
            LIVE_URL, index_name=f"abhnetz-test-{uuid.uuid4().hex[:12]}", timeout=10
        )
        backend.ensure_index()
        office = FacetValue("abh-a", "Ausländerbehörde A")
        backend.bulk_upsert(
            [
                make_doc(
                    "guide:1",
                    "Aufenthaltserlaubnis beantragen",
                    summary="Die Ausländerbehörde erteilt die Aufenthaltserlaubnis.",
                    body="Leitfäden zur Aufenthaltserlaubnis und zum Visum.",
                    organisation=office,
                    date=datetime(2024, 3, 1, tzinfo=UTC),
                ),
                make_doc(
                    "guide:2",
                    "Zwiebelkuchen für das Team",
                    audience_keys=frozenset({"g1"}),
                    summary="Geheimwort Zwiebelkuchen zur Aufenthaltserlaubnis.",
                    organisation=FacetValue("abh-b", "Ausländerbehörde B"),
                    date=datetime(2023, 3, 1, tzinfo=UTC),
                ),
                make_doc(
                    "guide:3", "Straßenverkehr", body="Straße und Leitfaden", organisation=office
                ),
            ]
        )
        yield backend
        backend.delete_index()

    def test_audience_limits_hits_totals_and_facets(self, backend):
        member = backend.search(query("Aufenthaltserlaubnis", reader_keys=frozenset({"member"})))
        assert [h.key for h in member.hits] == ["guide:1"]
        assert member.total == 1
        assert [f.value for f in member.facets["organisation"]] == ["abh-a"]
        assert [f.value for f in member.facets["year"]] == ["2024"]

        insider = backend.search(
            query("Aufenthaltserlaubnis", reader_keys=frozenset({"member", "g1"}))
        )
        assert {h.key for h in insider.hits} == {"guide:1", "guide:2"}
        assert insider.total == 2
        assert {f.value for f in insider.facets["organisation"]} == {"abh-a", "abh-b"}

    def test_pending_keys_are_left_to_the_database(self, backend):
        results = backend.search(
            query("Aufenthaltserlaubnis", reader_keys=frozenset({"member"})),
            exclude_keys=["guide:1"],
        )
        assert results.total == 0

    def test_suggest_and_spelling_respect_the_audience(self, backend):
        member = frozenset({"member"})
        assert [h.key for h in backend.suggest("Aufenth", member)] == ["guide:1"]
        assert backend.suggest("Zwiebel", member) == []
        assert [h.key for h in backend.suggest("Zwiebel", frozenset({"g1"}))] == ["guide:2"]
        # the restricted word is never offered to a reader who may not see it
        assert backend.search(query("Zwiebelkuchn", reader_keys=member)).suggestion is None
        assert (
            backend.search(query("Zwiebelkuchn", reader_keys=frozenset({"g1"}))).suggestion
            == "zwiebelkuchen"
        )

    def test_german_matching_and_highlight(self, backend):
        member = frozenset({"member"})
        for text in ("Auslaenderbehoerde", "Auslanderbehorde", "Leitfaden", "strasse"):
            assert backend.search(query(text, reader_keys=member)).total >= 1, text
        hit = backend.search(query("Straße", reader_keys=member)).hits[0]
        assert "<mark>Straße</mark>" in hit.snippet_html
