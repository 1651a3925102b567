"""The Elasticsearch copy, correct by construction (search/replica.py).

Run against the recording fake at the transport layer (tests/search/fake_elasticsearch.py):
each test asserts what the real client sends, in what order, with which versions.
No Elasticsearch server runs here.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from search import replica, services
from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import ReplicaPending, SearchEntry
from tests.search.fake_elasticsearch import FakeServer
from tests.search.helpers import doc, index

pytestmark = pytest.mark.django_db

ALIAS = "abhnetz-test-replica"


@pytest.fixture
def fake():
    return FakeServer()


@pytest.fixture
def es(fake, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://fake-elasticsearch:9200"
    backend = ElasticsearchBackend(
        settings.ELASTICSEARCH_URL, index_name=ALIAS, client=fake.client()
    )
    monkeypatch.setattr(services, "elasticsearch", lambda: backend)
    # the index exists (as after the first start); what that took is not under test
    backend.ensure_index()
    fake.requests.clear()
    return backend


def copied(fake):
    """key -> (version, title) in the index behind the alias."""
    return {key: (version, source["title"]) for key, (version, source) in fake.docs(ALIAS).items()}


def row(key):
    return ReplicaPending.objects.get(key=key)


def unindex(key):
    """Remove a document as deleting its object does (in one transaction)."""
    with transaction.atomic():
        services._mark_pending(services.database.remove([key]))


def entry_version(key):
    return SearchEntry.objects.get(key=key).replica_version


# -- versions ------------------------------------------------------------------------


def test_every_write_carries_the_database_version_deletes_too(es, fake):
    # given a document stored and copied
    index(doc("guide:1", "Leitfaden Passersatz"))
    version = row("guide:1").version
    assert entry_version("guide:1") == version > 0
    services.sync_replica()
    assert copied(fake) == {"guide:1": (version, "Leitfaden Passersatz")}
    (bulk,) = fake.bulks()
    assert bulk.params == {"refresh": "wait_for", "require_alias": "true"}
    assert bulk.operations == [
        (
            "index",
            {"_index": ALIAS, "_id": "guide:1", "version": version, "version_type": "external"},
        )
    ]
    assert not ReplicaPending.objects.exists()
    # when it is removed, the delete carries a newer version
    unindex("guide:1")
    newer = row("guide:1").version
    services.sync_replica()
    # then
    assert newer > version
    assert fake.bulks()[-1].operations == [
        (
            "delete",
            {"_index": ALIAS, "_id": "guide:1", "version": newer, "version_type": "external"},
        )
    ]
    assert copied(fake) == {}


def test_a_late_copy_run_cannot_bring_back_an_older_text_or_a_deleted_document(es, fake):
    # given run A has read the pending row and the entry of the first text
    index(doc("guide:1", "Leitfaden alt"))
    stale = replica._operations(list(ReplicaPending.objects.all()))
    # when the text changes and run B copies it before A writes
    index(doc("guide:1", "Leitfaden neu"))
    services.sync_replica()
    refused = es.write(stale)
    # then Elasticsearch refused A's older version (409), which counts as done
    assert refused == {}
    assert copied(fake)["guide:1"][1] == "Leitfaden neu"
    # and when the document is deleted and copied, the stale write cannot revive it
    unindex("guide:1")
    services.sync_replica()
    assert es.write(stale) == {}
    assert copied(fake) == {}


def test_a_copy_run_clears_only_the_version_it_copied(es, fake):
    # given a run that read version 1 of a row
    index(doc("guide:1", "eins"))
    rows = list(ReplicaPending.objects.all())
    # when the row is marked again (version 2) before the run clears it
    index(doc("guide:1", "zwei"))
    ReplicaPending.objects.filter(replica._same_version(rows)).delete()
    # then version 2 is still pending
    assert row("guide:1").version > rows[0].version


# -- reading while pending -----------------------------------------------------------


def test_a_pending_document_the_reader_may_see_is_answered_by_the_database(es, fake, network):
    # given one document copied and a second one stored but not yet copied
    index(doc("guide:1", "Leitfaden Passersatz"))
    services.sync_replica()
    index(doc("guide:2", "Passersatz beantragen"))
    fake.requests.clear()
    # when a member searches
    results = services.search(network.office_staff, "Passersatz")
    # then the database answers, with both, and Elasticsearch was not asked
    assert results.backend == "database"
    assert sorted(hit.key for hit in results.hits) == ["guide:1", "guide:2"]
    assert results.notice is None
    assert fake.requests == []


def test_pending_documents_the_reader_may_not_see_are_left_out_of_elasticsearch(es, fake, network):
    # given a document copied with the members' audience, then narrowed to a group the
    # reader is not in (not copied yet: the copy still has the wide audience)
    index(doc("guide:1", "Leitfaden Passersatz"))
    services.sync_replica()
    index(doc("guide:1", "Leitfaden Passersatz", keys={"g999"}))
    # when a member searches
    results = services.search(network.office_staff, "Passersatz")
    # then Elasticsearch answers, told to leave the pending key out
    assert results.backend == "elasticsearch"
    assert results.hits == []
    # (the first request: the search; a spelling request follows for no hits)
    search = next(r for r in fake.requests if r.path.endswith("/_search"))
    must_not = search.body["query"]["function_score"]["query"]["bool"]["must_not"]
    assert {"terms": {"key": ["guide:1"]}} in must_not


def test_suggestions_follow_the_same_rule(es, fake, network):
    index(doc("guide:2", "Passersatz beantragen"))
    fake.requests.clear()
    assert [h.key for h in services.suggest(network.office_staff, "Passers")] == ["guide:2"]
    assert fake.requests == []


# -- failures ------------------------------------------------------------------------


def test_a_refused_document_is_set_aside_with_its_error_and_the_rest_is_copied(es, fake, network):
    # given three documents, one of which Elasticsearch refuses
    fake.refuse["guide:2"] = {"type": "mapper_parsing_exception", "reason": "failed to parse"}
    index(doc("guide:1", "eins"), doc("guide:2", "zwei"), doc("guide:3", "drei"))
    # when copied
    assert services.sync_replica() == 2
    # then the others are there, the refused one waits with its error and a backoff
    assert set(copied(fake)) == {"guide:1", "guide:3"}
    refused = row("guide:2")
    assert (refused.state, refused.attempts) == (ReplicaPending.State.PENDING, 1)
    assert (
        "mapper_parsing_exception" in refused.last_error or "failed to parse" in refused.last_error
    )
    assert refused.retry_after is not None
    # and a run before its time does not send it again
    sent = len(fake.bulks())
    services.sync_replica()
    assert len(fake.bulks()) == sent
    # after the last attempt it is set aside, visible to operators
    ReplicaPending.objects.filter(key="guide:2").update(
        attempts=replica.MAX_ATTEMPTS - 1, retry_after=None
    )
    services.sync_replica()
    assert row("guide:2").state == ReplicaPending.State.FAILED
    services.sync_replica()
    assert row("guide:2").attempts == replica.MAX_ATTEMPTS  # not retried without end
    out = StringIO()
    call_command("search_replica", stdout=out)
    assert "set aside: 1" in out.getvalue()
    assert "guide:2\tfailed" in out.getvalue()
    # and once the cause is fixed, an operator queues it again
    del fake.refuse["guide:2"]
    call_command("search_replica", "--retry-failed", "--sync", stdout=StringIO())
    assert set(copied(fake)) == {"guide:1", "guide:2", "guide:3"}
    assert not ReplicaPending.objects.exists()


def test_batches_are_cut_by_count_and_by_bytes(es, fake):
    es.bulk_count, es.bulk_bytes = 3, 2_000
    # given seven documents of about 700 bytes each
    index(*(doc(f"guide:{n}", f"Titel {n}", body="x" * 600) for n in range(7)))
    services.sync_replica()
    sizes = [
        sum(len(json.dumps(line, ensure_ascii=False, separators=(",", ":"))) + 1 for line in b.body)
        for b in fake.bulks()
    ]
    counts = [len(b.operations) for b in fake.bulks()]
    assert max(counts) <= 3
    assert max(sizes) <= 2_000
    assert sum(counts) == 7
    assert len(copied(fake)) == 7


def test_a_request_too_large_for_the_server_is_split_and_an_oversized_document_set_aside(es, fake):
    # given a server that takes at most 3,000 bytes per request, and a document larger
    # than our own request limit
    fake.max_content_length = 3_000
    es.max_request_bytes = 50_000
    index(
        *(doc(f"guide:{n}", f"Titel {n}", body="x" * 1_000) for n in range(4)),
        doc("guide:big", "Riesig", body="y" * 60_000),
    )
    # when copied
    services.sync_replica()
    # then the 413 was answered by halving the batch, everything else arrived
    assert set(copied(fake)) == {f"guide:{n}" for n in range(4)}
    assert [len(b.operations) for b in fake.bulks()][:3] == [4, 2, 2]
    # and the oversized document was never sent, but set aside with the reason
    assert all("guide:big" not in json.dumps(b.body) for b in fake.bulks())
    assert "larger than the request limit" in row("guide:big").last_error


def test_a_request_refused_as_a_whole_is_narrowed_down_to_the_document_at_fault(es, fake):
    # given a server that refuses any request containing one document
    fake.refuse_requests_with = "Giftig"
    index(*(doc(f"guide:{n}", f"Titel {n}") for n in range(4)), doc("guide:x", "Giftig"))
    # when copied
    services.sync_replica()
    # then the others arrived and only that one waits, with the reason
    assert set(copied(fake)) == {f"guide:{n}" for n in range(4)}
    assert set(ReplicaPending.objects.values_list("key", flat=True)) == {"guide:x"}
    assert "request refused" in row("guide:x").last_error


def test_an_unreachable_server_keeps_everything_pending_without_counting_attempts(es, fake):
    index(doc("guide:1", "eins"))
    fake.down = True
    assert services.sync_replica() == 0
    assert (row("guide:1").attempts, row("guide:1").state) == (0, ReplicaPending.State.PENDING)


# -- a lost index, a rebuild -----------------------------------------------------------


def test_a_lost_index_is_created_again_and_refilled_from_the_database(es, fake):
    # given two documents copied, then the index lost
    index(doc("guide:1", "eins"), doc("guide:2", "zwei"))
    services.sync_replica()
    fake.lose_index(ALIAS)
    # when the next change is copied
    index(doc("guide:3", "drei"))
    services.sync_replica()
    # then the index was created again and all three are in it
    assert set(copied(fake)) == {"guide:1", "guide:2", "guide:3"}
    assert not ReplicaPending.objects.exists()


def test_a_search_that_meets_a_lost_index_asks_for_the_copy(
    es, fake, network, django_capture_on_commit_callbacks
):
    index(doc("guide:1", "Leitfaden Passersatz"))
    services.sync_replica()
    fake.lose_index(ALIAS)
    with django_capture_on_commit_callbacks(execute=True):
        results = services.search(network.office_staff, "Passersatz")
    assert results.backend == "database"
    assert [h.key for h in results.hits] == ["guide:1"]
    # the copy task ran and refilled the new index
    assert set(copied(fake)) == {"guide:1"}


def test_a_rebuild_fills_a_new_index_before_the_alias_moves_to_it(es, fake):
    # given an index in use
    index(doc("guide:1", "eins"), doc("guide:2", "zwei"))
    services.sync_replica()
    (old,) = fake.alias_targets(ALIAS)
    fake.requests.clear()
    # when the copy is rebuilt
    assert services.refill_replica() == 2
    # then: a new index behind the building alias only, filled with each entry's
    # version, then one atomic alias switch, then the old index dropped
    (new,) = fake.alias_targets(ALIAS)
    assert new != old
    paths = fake.paths()
    create = paths.index(f"PUT /{new}")
    assert fake.requests[create].body["aliases"] == {f"{ALIAS}-building": {}}
    fill = [i for i, r in enumerate(fake.requests) if r.path == "/_bulk"]
    switch = paths.index("POST /_aliases")
    drop = paths.index(f"DELETE /{old}")
    assert create < min(fill)
    assert max(fill) < switch < drop
    # (through the building alias, which only the new index has)
    assert {m["_index"] for b in fake.bulks() for _, m in b.operations} == {f"{ALIAS}-building"}
    assert sorted((m["_id"], m["version"]) for b in fake.bulks() for _, m in b.operations) == [
        ("guide:1", entry_version("guide:1")),
        ("guide:2", entry_version("guide:2")),
    ]
    assert fake.requests[switch].body["actions"] == [
        {"remove": {"index": old, "alias": ALIAS}},
        {"add": {"index": new, "alias": ALIAS, "is_write_index": True}},
        {"remove": {"index": new, "alias": f"{ALIAS}-building"}},
    ]
    assert set(copied(fake)) == {"guide:1", "guide:2"}


def test_changes_during_a_rebuild_reach_the_old_and_the_new_index(es, fake):
    # given a rebuild has created its new index and is filling it
    index(doc("guide:1", "eins"))
    services.sync_replica()
    new = es.create_building_index()
    # when a change is copied meanwhile
    index(doc("guide:1", "eins, geändert"))
    services.sync_replica()
    # then it went to the serving alias and to the index being built
    assert {m["_index"] for _, m in fake.bulks()[-1].operations} == {ALIAS, f"{ALIAS}-building"}
    assert fake.indices[new].docs["guide:1"][1]["title"] == "eins, geändert"
    # and the fill's older version of it is refused there
    assert es.write(replica._operations(list(ReplicaPending.objects.all())), targets=[new]) == {}


# -- settings --------------------------------------------------------------------------


def test_tests_never_write_to_the_sites_alias(settings):
    assert settings.ELASTICSEARCH_INDEX.startswith("abhnetz-test-")
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert services.elasticsearch().index_name == settings.ELASTICSEARCH_INDEX


def test_a_rebuild_that_fails_leaves_the_serving_index_and_drops_the_new_one(es, fake):
    # given an index in use
    index(doc("guide:1", "eins"))
    services.sync_replica()
    (old,) = fake.alias_targets(ALIAS)
    # when the server refuses the fill (as if full)
    original = fake.handle

    def refuse_bulk(method, target, body):
        if target.startswith("/_bulk"):
            raise FakeServer.Down("fake server down")
        return original(method, target, body)

    fake.handle = refuse_bulk
    with pytest.raises(SearchUnavailable):
        services.refill_replica()
    fake.handle = original
    # then searches still use the old index, and no half-filled index stays behind
    assert fake.alias_targets(ALIAS) == {old}
    assert fake.alias_targets(f"{ALIAS}-building") == set()
    assert set(fake.indices) == {old}


def test_the_rebuild_command_fills_a_new_index_after_the_database_index(es, fake, guide):
    # given a guide in the database index and its copy
    services.sync_replica()
    (old,) = fake.alias_targets(ALIAS)
    # when the index is rebuilt with a new Elasticsearch index
    out = StringIO()
    call_command("rebuild_search_index", "--recreate-elasticsearch", stdout=out)
    # then the alias points at a new index that holds the guide
    (new,) = fake.alias_targets(ALIAS)
    assert new != old
    assert f"guide:{guide.pk}" in fake.indices[new].docs
    assert "New Elasticsearch index filled with" in out.getvalue()
