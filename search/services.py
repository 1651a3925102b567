"""Writes to the index and the one way to query it.

The database index is always written (it is what the embedded setup searches, and
what search falls back to when Elasticsearch is unreachable). With
``ELASTICSEARCH_URL`` set, every change is also recorded in ``ReplicaPending`` in the
same transaction, and ``sync_replica`` copies it to Elasticsearch; until it has,
Elasticsearch queries leave that document out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.audiences.rules import search_reader_keys

from . import registry
from .backends.base import SearchQuery, SearchResults, SearchUnavailable
from .backends.database import DatabaseBackend
from .models import ReplicaPending, SearchEntry

logger = logging.getLogger(__name__)

database = DatabaseBackend()
# Above this many changes not yet copied, Elasticsearch is too far behind to answer.
MAX_PENDING_EXCLUDED = 1000
SYNC_BATCH = 500
SYNC_RETRY_SECONDS = 60


@cache
def _elasticsearch(url: str):
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url)


def elasticsearch():
    """The Elasticsearch backend when ``ELASTICSEARCH_URL`` is set, else None."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _elasticsearch(url) if url else None


# -- writing -------------------------------------------------------------------


def _mark_pending(keys) -> None:
    if elasticsearch() is None or not keys:
        return
    # a fresh row (new id) per change: a copy running now deletes only the rows it read
    ReplicaPending.objects.filter(key__in=list(keys)).delete()
    ReplicaPending.objects.bulk_create([ReplicaPending(key=key) for key in keys])
    from .signals import enqueue_after_commit

    enqueue_after_commit("sync_replica")


def store(owners: dict[str, list]) -> None:
    """Replace the entries of these owners with their documents."""
    with transaction.atomic():
        previous = list(
            SearchEntry.objects.filter(owner__in=list(owners)).values_list("key", flat=True)
        )
        database.store(owners)
        _mark_pending(set(previous) | {doc.key for docs in owners.values() for doc in docs})


def reindex_owner(indexer_name: str, pk) -> None:
    """Index one object as it is in the database now (nothing if it is gone or hidden)."""
    indexer = registry.get_indexer(indexer_name)
    obj = indexer.load(pk)
    documents = list(indexer.documents(obj)) if obj is not None else []
    store({indexer.owner(pk): documents})


def index_object(obj) -> None:
    for indexer in registry.indexers_for_model(type(obj)):
        reindex_owner(indexer.name, obj.pk)


def remove_owner(indexer_name: str, pk) -> None:
    with transaction.atomic():
        removed = database.remove([registry.get_indexer(indexer_name).owner(pk)])
        _mark_pending(removed)


def apply_audience(source: tuple[int, int], keys: frozenset[str]) -> None:
    """Called inside the transaction that stores an object's audience."""
    with transaction.atomic():
        _mark_pending(database.set_audience(source, keys))


def reindex_page_subtree(page_id: int) -> None:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator():
        for indexer in registry.indexers_for_model(type(descendant)):
            reindex_owner(indexer.name, descendant.pk)


def rebuild(
    progress: Callable[[str, int, int], None] | None = None,
    batch_size: int = 200,
    indexer_names: list[str] | None = None,
) -> int:
    """Reindex everything, batch by batch; safe while the site serves.

    Each batch replaces its owners' entries in one transaction, so readers always
    see an old or a new entry. Entries whose owner no longer yields anything (e.g.
    deleted while the index was down) are removed at the end.
    """
    started = timezone.now()
    done = 0
    chosen = [i for i in registry.indexers() if indexer_names is None or i.name in indexer_names]
    for indexer in chosen:
        queryset = indexer.queryset()
        total = queryset.count()
        batch: dict[str, list] = {}
        position = 0
        for obj in queryset.iterator(chunk_size=batch_size):
            batch[indexer.owner(obj.pk)] = list(indexer.documents(obj))
            position += 1
            if len(batch) >= batch_size:
                store(batch)
                batch = {}
                if progress:
                    progress(indexer.name, position, total)
        if batch:
            store(batch)
        if progress:
            progress(indexer.name, position, total)
        done += position
        stale = SearchEntry.objects.filter(
            owner__startswith=f"{indexer.name}:", updated_at__lt=started
        ).values_list("owner", flat=True)
        with transaction.atomic():
            _mark_pending(database.remove(set(stale)))
    if indexer_names is None:
        known = [f"{i.name}:" for i in registry.indexers()]
        orphans = {
            owner
            for owner in SearchEntry.objects.values_list("owner", flat=True).distinct()
            if not any(owner.startswith(prefix) for prefix in known)
        }
        with transaction.atomic():
            _mark_pending(database.remove(orphans))
        database.purge_orphans()
    es = elasticsearch()
    if es is not None:
        try:
            es.ensure_index()
        except SearchUnavailable:
            logger.warning("Elasticsearch unreachable; its copy is filled when it is back.")
    return done


def refill_replica() -> int:
    """A new, empty Elasticsearch index (new analysis settings, e.g. a changed
    compounds list) filled from the database index; searches use the database for
    what is not copied yet."""
    es = elasticsearch()
    if es is None:
        return 0
    es.recreate_index()
    keys = list(SearchEntry.objects.values_list("key", flat=True))
    with transaction.atomic():
        _mark_pending(keys)
    return len(keys)


def sync_replica() -> int:
    """Copy pending changes to Elasticsearch; re-enqueues itself while it cannot."""
    es = elasticsearch()
    if es is None:
        ReplicaPending.objects.all().delete()
        return 0
    copied = 0
    while True:
        pending = list(ReplicaPending.objects.order_by("id")[:SYNC_BATCH])
        if not pending:
            return copied
        keys = [p.key for p in pending]
        entries = SearchEntry.objects.filter(key__in=keys).prefetch_related("audience_keys")
        documents = [entry.as_document() for entry in entries]
        gone = set(keys) - {doc.key for doc in documents}
        try:
            es.ensure_index()
            if documents:
                es.bulk_upsert(documents)
            if gone:
                es.delete(sorted(gone))
        except SearchUnavailable:
            ReplicaPending.objects.filter(id__in=[p.id for p in pending]).update(
                attempts=F("attempts") + 1
            )
            from .tasks import sync_replica as task

            # django-tasks has no retries: come back later (where the backend can defer)
            try:
                task.using(
                    run_after=timezone.now() + timedelta(seconds=SYNC_RETRY_SECONDS)
                ).enqueue()
            except Exception:
                logger.warning("Elasticsearch unreachable; %s changes wait.", len(pending))
            return copied
        # only what was copied: a change recorded meanwhile has a newer row
        ReplicaPending.objects.filter(id__in=[p.id for p in pending]).delete()
        copied += len(pending)


# -- reading -------------------------------------------------------------------


def _pending_keys() -> list[str] | None:
    """Keys Elasticsearch must leave out (its copy may be stale); None when there are
    so many that the database should answer instead."""
    pending = list(ReplicaPending.objects.values_list("key", flat=True)[: MAX_PENDING_EXCLUDED + 1])
    return pending if len(pending) <= MAX_PENDING_EXCLUDED else None


def search(
    user,
    text: str,
    filters: dict | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    exact: bool = False,
) -> SearchResults:
    query = SearchQuery(
        text=text,
        reader_keys=search_reader_keys(user),
        filters={k: tuple(v) for k, v in (filters or {}).items()},
        sort=sort,
        page=max(1, page),
        per_page=per_page,
        exact=exact,
    )
    es = elasticsearch()
    if es is not None and query.reader_keys:
        pending = list(
            ReplicaPending.objects.values_list("key", flat=True)[: MAX_PENDING_EXCLUDED + 1]
        )
        if len(pending) <= MAX_PENDING_EXCLUDED:
            try:
                return _with_typed_case(es.search(query, exclude_keys=pending))
            except SearchUnavailable:
                logger.warning("Elasticsearch unreachable; the database answers.")
        results = _with_typed_case(database.search(query))
        results.notice = _(
            "The search service is not available right now; these results come from the "
            "simpler built-in search."
        )
        return results
    return _with_typed_case(database.search(query))


def _with_typed_case(results: SearchResults) -> SearchResults:
    results.suggestion = _typed_case(results.query.text, results.suggestion)
    if getattr(results, "corrected", None):
        results.corrected = _typed_case(results.query.text, results.corrected)
    return results


def _typed_case(typed: str, suggestion: str | None) -> str | None:
    """The suggestion in the searcher's capitalisation ("Dienstplann" → "Dienstplan";
    the vocabulary is lower case, German nouns are not)."""
    if not suggestion:
        return suggestion
    typed_words, words = typed.split(), suggestion.split()
    if len(typed_words) != len(words):
        return suggestion
    return " ".join(
        word[:1].upper() + word[1:] if original[:1].isupper() and word[:1].islower() else word
        for original, word in zip(typed_words, words, strict=True)
    )


def suggest(user, text: str, limit: int = 6):
    keys = search_reader_keys(user)
    es = elasticsearch()
    if es is not None and keys:
        pending = list(
            ReplicaPending.objects.values_list("key", flat=True)[: MAX_PENDING_EXCLUDED + 1]
        )
        if len(pending) <= MAX_PENDING_EXCLUDED:
            try:
                return es.suggest(text, keys, limit=limit, exclude_keys=pending)
            except SearchUnavailable:
                pass
    return database.suggest(text, keys, limit=limit)
