"""Index management and writes of the Elasticsearch backend, against the recording
fake at the transport layer (tests/search/fake_elasticsearch.py): what the real client
sends, in what order. No Elasticsearch server runs here."""

import pytest

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import BulkError, ElasticsearchBackend, synonym_rules
from search.backends.es_mapping import GC_DELETES, index_body
from search.documents import SearchDocument

ALIAS = "idx"


@pytest.fixture
def fake():
    from tests.search.fake_elasticsearch import FakeServer

    return FakeServer()


@pytest.fixture
def backend(fake):
    return ElasticsearchBackend("http://unused", index_name=ALIAS, client=fake.client())


def make_doc(key, title=""):
    return SearchDocument(
        key=key,
        kind="guide",
        title=title or key,
        url=f"/{key}/",
        audience_keys=frozenset({"member"}),
    )


# -- creating ------------------------------------------------------------------------


def test_ensure_index_stores_the_synonyms_then_creates_the_index_behind_the_alias(fake, backend):
    assert backend.ensure_index() is True
    assert fake.paths()[:2] == [f"HEAD /_alias/{ALIAS}", f"PUT /_synonyms/{ALIAS}-synonyms"]
    create = fake.requests[2]
    assert create.method == "PUT"
    assert create.path.startswith(f"/{ALIAS}-")
    assert create.body["aliases"] == {ALIAS: {"is_write_index": True}}
    assert create.body["mappings"] == index_body()["mappings"]
    # the synonyms set exists before the index that names it
    rules = [rule["synonyms"] for rule in fake.requests[1].body["synonyms_set"]]
    assert rules == synonym_rules()
    synonyms = create.body["settings"]["analysis"]["filter"]["abh_synonyms"]
    assert synonyms == {
        "type": "synonym_graph",
        "synonyms_set": f"{ALIAS}-synonyms",
        "updateable": True,
        "lenient": True,
    }
    # deleted documents' versions are remembered long enough to refuse late writes
    assert create.body["settings"]["gc_deletes"] == GC_DELETES


def test_ensure_index_checks_again_only_after_a_while_or_a_failed_write(fake, backend):
    backend.ensure_index()
    fake.requests.clear()
    # the sync task calls it before every batch: no requests while the last check holds
    assert backend.ensure_index() is False
    assert fake.requests == []
    # a write that finds the index gone makes the next call check (and create) again
    fake.lose_index(ALIAS)
    with pytest.raises(SearchUnavailable) as lost:
        backend.bulk_upsert([make_doc("guide:1")])
    assert lost.value.index_missing
    assert backend.ensure_index() is True


# -- synonyms --------------------------------------------------------------------------


def test_changed_synonyms_are_reloaded_without_closing_the_index(fake, backend):
    # given an index whose synonyms set holds an older list
    backend.ensure_index()
    fake.synonyms[f"{ALIAS}-synonyms"] = [{"id": "r0", "synonyms": "a, b"}]
    fake.requests.clear()
    backend._ensured_at = None
    # when the backend checks the index
    assert backend.ensure_index() is False
    # then the set is replaced, the search analyzers reloaded and the request cache
    # cleared; the index is never closed
    assert fake.paths() == [
        f"HEAD /_alias/{ALIAS}",
        f"GET /_synonyms/{ALIAS}-synonyms",
        f"PUT /_synonyms/{ALIAS}-synonyms",
        f"POST /{ALIAS}/_reload_search_analyzers",
        f"POST /{ALIAS}/_cache/clear",
    ]
    assert fake.requests[1].params == {"size": "10000"}
    assert fake.requests[-1].params == {"request": "true"}
    assert [r["synonyms"] for r in fake.synonyms[f"{ALIAS}-synonyms"]] == synonym_rules()
    assert not any(p.endswith(("/_close", "/_open", "/_settings")) for p in fake.paths())


def test_unchanged_synonyms_are_left_alone(fake, backend):
    backend.ensure_index()
    backend._ensured_at = None
    fake.requests.clear()
    backend.ensure_index()
    assert fake.paths() == [f"HEAD /_alias/{ALIAS}", f"GET /_synonyms/{ALIAS}-synonyms"]


# -- writing ---------------------------------------------------------------------------


def test_bulk_upsert_writes_versioned_through_the_alias_and_waits_for_visibility(fake, backend):
    backend.ensure_index()
    fake.requests.clear()
    backend.bulk_upsert([make_doc("guide:1"), make_doc("guide:2")])
    # is a rebuild filling another index? then it gets the writes too
    assert fake.paths()[0] == f"HEAD /_alias/{ALIAS}-building"
    (bulk,) = fake.bulks()
    # the pending mark is cleared after this returns: the new copy must be searchable;
    # a missing alias must fail, not auto-create an index without our mapping
    assert bulk.params == {"refresh": "wait_for", "require_alias": "true"}
    assert [(a, m["_id"], m["version_type"]) for a, m in bulk.operations] == [
        ("index", "guide:1", "external"),
        ("index", "guide:2", "external"),
    ]


def test_nothing_is_sent_for_no_documents(fake, backend):
    backend.bulk_upsert([])
    backend.delete([])
    assert fake.requests == []


def test_refused_documents_are_reported_by_key(fake, backend):
    backend.ensure_index()
    fake.refuse["guide:2"] = {"type": "mapper_parsing_exception", "reason": "bad date"}
    with pytest.raises(BulkError) as caught:
        backend.bulk_upsert([make_doc("guide:1"), make_doc("guide:2")])
    assert caught.value.failed == {"guide:2": "index 400: bad date"}
    assert set(fake.docs(ALIAS)) == {"guide:1"}


def test_delete_tolerates_documents_already_gone(fake, backend):
    backend.ensure_index()
    backend.delete(["guide:1"])
    ((action, meta),) = fake.bulks()[0].operations
    assert (action, meta["_id"], meta["version_type"]) == ("delete", "guide:1", "external")


def test_recreate_index_switches_the_alias_atomically(fake, backend):
    backend.ensure_index()
    (old,) = fake.alias_targets(ALIAS)
    fake.requests.clear()
    new = backend.recreate_index()
    paths = fake.paths()
    switch = fake.requests[paths.index("POST /_aliases")]
    assert switch.body["actions"] == [
        {"remove": {"index": old, "alias": ALIAS}},
        {"add": {"index": new, "alias": ALIAS, "is_write_index": True}},
        {"remove": {"index": new, "alias": f"{ALIAS}-building"}},
    ]
    # the new index exists before the alias moves, the old one goes after
    assert (
        paths.index(f"PUT /{new}") < paths.index("POST /_aliases") < paths.index(f"DELETE /{old}")
    )
    assert fake.alias_targets(ALIAS) == {new}
    assert old not in fake.indices
