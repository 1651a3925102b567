"""Writes to the index and the one way to query it.

The database index is always written (it is what the embedded setup searches, and
what search falls back to when Elasticsearch is unreachable). With
``ELASTICSEARCH_URL`` set, every change is also recorded in ``ReplicaPending`` in the
same transaction, and ``sync_replica`` copies it to Elasticsearch; until it has, the
database answers readers who may see that document, and Elasticsearch queries leave it
out for the others (search/replica.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.audiences.rules import search_reader_keys

from . import registry, replica
from .backends.base import SearchQuery, SearchResults, SearchUnavailable
from .backends.database import DatabaseBackend
from .models import ReplicaPending, SearchEntry

logger = logging.getLogger(__name__)

database = DatabaseBackend()
# Above this many changes not yet copied, Elasticsearch is too far behind to answer.
MAX_PENDING_EXCLUDED = replica.MAX_PENDING_EXCLUDED
SYNC_RETRY_SECONDS = replica.SYNC_RETRY_SECONDS


@cache
def _elasticsearch(url: str, index_name: str):
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url, index_name=index_name)


def elasticsearch():
    """The Elasticsearch backend when ``ELASTICSEARCH_URL`` is set, else None."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    index_name = getattr(settings, "ELASTICSEARCH_INDEX", "") or "abhnetz-search"
    return _elasticsearch(url, index_name) if url else None


# -- writing -------------------------------------------------------------------


def _mark_pending(keys) -> None:
    if elasticsearch() is None or not keys:
        return
    # an upsert with a new version: a copy running now clears only the versions it read
    replica.mark_pending(keys)
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


def _batches(objs: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for obj in objs:
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
        position = 0
        if progress:
            progress(indexer.name, 0, total)  # the indexer's clock starts here
        # the indexer loads what its documents need once per batch (documents_many)
        for objs in _batches(queryset.iterator(chunk_size=batch_size), batch_size):
            store(indexer.documents_many(objs))
            position += len(objs)
            if progress and len(objs) == batch_size:
                progress(indexer.name, position, total)
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
            with transaction.atomic():
                replica.ensure_copy(es)  # a lost index is created again and refilled
        except SearchUnavailable:
            logger.warning("Elasticsearch unreachable; its copy is filled when it is back.")
    return done


def refill_replica() -> int:
    """A new Elasticsearch index (new analysis settings, e.g. a changed compounds
    list), filled from the database index before the alias moves to it; searches use
    the old index meanwhile. Returns the number of entries copied."""
    es = elasticsearch()
    if es is None:
        return 0
    return replica.rebuild_copy(es)


def sync_replica() -> int:
    """Copy pending changes to Elasticsearch; comes back later for what waits."""
    es = elasticsearch()
    if es is None:
        ReplicaPending.objects.all().delete()
        return 0
    report = replica.sync(es)
    if report.unavailable:
        _sync_later(timezone.now() + timedelta(seconds=SYNC_RETRY_SECONDS))
    elif (due := replica.next_retry()) is not None:
        _sync_later(due)
    return report.copied


def _sync_later(when) -> None:
    from .tasks import sync_replica as task

    # django-tasks has no retries: come back later (where the backend can defer)
    try:
        task.using(run_after=when).enqueue()
    except Exception:
        logger.warning("Elasticsearch copy waits; run sync_replica again later.")


# -- reading -------------------------------------------------------------------


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
        reading = replica.reading_for(query.reader_keys)
        if reading.excluded is not None:
            try:
                return _with_typed_case(es.search(query, exclude_keys=reading.excluded))
            except SearchUnavailable as error:
                _unavailable(error)
        elif not reading.behind:
            # a pending change is visible to this reader: the database has it right
            return _with_typed_case(database.search(query))
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
        excluded = replica.reading_for(keys).excluded
        if excluded is not None:
            try:
                return es.suggest(text, keys, limit=limit, exclude_keys=excluded)
            except SearchUnavailable as error:
                _unavailable(error)
    return database.suggest(text, keys, limit=limit)


def _unavailable(error: SearchUnavailable) -> None:
    logger.warning("Elasticsearch unavailable; the database answers.")
    if getattr(error, "index_missing", False):
        # a lost index: the copy task creates it again and refills it
        from .signals import enqueue_after_commit

        enqueue_after_commit("sync_replica")
