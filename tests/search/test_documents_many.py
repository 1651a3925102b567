"""The indexers' bulk path (``Indexer.documents_many``, what ``rebuild`` calls per batch)
gives what ``documents`` gives per object, with a number of queries per batch that does
not grow with the batch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from abhnetz.audiences.rules import document_keys, document_keys_many
from abhnetz.core import scale
from forums.models import Post, Thread
from knowledge.guides.models import GuidePage
from search import registry

FACTOR = 0.002  # 40 guides, 10 minutes, 12 events, some hundred forum posts

# per batch: the queries of each indexer's documents_many (the objects themselves and
# the queryset's prefetches come from the rebuild's iterator, not counted here)
QUERIES = {
    # the audiences' stored keys, the threads' topics, their visible posts
    "forum_thread": 3,
    # the audiences' stored keys, the working groups of the pages' spaces
    "guide": 2,
    "minutes": 2,
    # the audiences' stored keys
    "event": 1,
}


@pytest.fixture
def scaled(db, monkeypatch):
    # no ANALYZE: its table sizes outlive the test's rollback (pg_class is updated in
    # place) and would mislead the planner in the tests after this one
    monkeypatch.setattr(scale, "analyze", lambda: None)
    network = scale.seed(factor=FACTOR, stdout=scale._Out(), index=False)
    # the forum's rarer cases: a hidden reply, a narrowed reply, a hidden accepted answer
    replies = Post.objects.filter(is_opening=False, thread__category__isnull=False)
    Post.objects.filter(pk=replies[0].pk).update(is_hidden=True)  # not shown: test data
    Post.objects.filter(pk=replies[1].pk).update(is_narrowed=True)  # not shown: test data
    solved = Thread.objects.filter(accepted_post__isnull=False).first()  # not shown: test data
    Post.objects.filter(pk=solved.accepted_post_id).update(is_hidden=True)  # not shown: test
    return network


def _objects(indexer):
    return list(indexer.queryset().order_by("pk"))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_documents_many_equals_documents_per_object(scaled, name):
    indexer = registry.get_indexer(name)
    objs = _objects(indexer)
    assert len(objs) >= 10
    # per object, on freshly loaded objects (nothing cached from the bulk path)
    single = {indexer.owner(obj.pk): list(indexer.documents(obj)) for obj in _objects(indexer)}
    many = indexer.documents_many(objs)
    assert many == single
    assert sum(len(docs) for docs in many.values()) >= len(objs)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_queries_of_a_batch_do_not_grow_with_it(scaled, name):
    indexer = registry.get_indexer(name)
    Site.get_site_root_paths()  # the pages' URLs: cached once per process, not per batch
    counts = []
    for size in (1, 5, 10):
        objs = _objects(indexer)[:size]
        with CaptureQueriesContext(connection) as captured:
            indexer.documents_many(objs)
        counts.append(len(captured))
    assert counts == [QUERIES[name]] * 3, [q["sql"] for q in captured.captured_queries]


def test_document_keys_many_equals_document_keys(scaled):
    threads = list(Thread.objects.all())  # not shown: test data
    many = document_keys_many(threads)
    assert many == {thread.pk: document_keys(thread) for thread in threads}
    assert any(many.values())
    assert document_keys_many([]) == {}


def test_document_keys_many_refuses_mixed_content_types(scaled):
    thread = Thread.objects.first()  # not shown: test data
    guide = GuidePage.objects.live().first()  # not shown: test data
    with pytest.raises(ValueError, match="one content type"):
        document_keys_many([thread, guide])
