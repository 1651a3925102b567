"""The Elasticsearch copy of the database index: the outbox, copying, refilling.

The database index is the source. Every change to it upserts a ``ReplicaPending`` row
in the same transaction, with a new version, and stamps the entry with that version
(``mark_pending``). ``sync`` copies pending rows; ``rebuild_copy`` fills a new index
and swaps the alias. Correct by construction:

- **Versions.** Every write to Elasticsearch, index and delete alike, carries the
  version of the change as an external version (``version_type=external``), so
  Elasticsearch keeps the highest and refuses older writes (409, counted as done):
  overlapping or late copy runs cannot bring back an older text, a wider audience or a
  deleted document. A version is the database clock in microseconds taken when the row
  is written (after the entry's own writes, so writers of one key are ordered by
  their row locks), and never below the previous pending version + 1.
- **Order of reads.** A copy run reads the pending rows first and the entries after:
  an entry is then at least as new as the version it is sent with (a newer text sent
  with an older version is replaced when its own row is copied).
- **Reading while pending** (``exclusions_for``): Elasticsearch answers a reader only
  when no pending key is visible to that reader in the database index; its copies of
  the pending keys are excluded from the query (they may be stale, e.g. still open to
  a narrowed-away audience). Otherwise the database answers the whole request: a
  pending document is never missing and a stale copy never shown.
- **Failures.** Batches are cut by count and by bytes; a request too large for the
  server is split; a refused document is retried with backoff and set aside with its
  error after ``MAX_ATTEMPTS``, and the rest is copied.
- **A lost index** is created again and refilled from the database entries; a rebuild
  fills a new index first and then moves the alias in one step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from .backends.base import SearchUnavailable
from .backends.es_writes import Operation
from .models import ReplicaPending, SearchEntry, SearchEntryKey

logger = logging.getLogger(__name__)

# Above this many changes not yet copied, the database answers every search.
MAX_PENDING_EXCLUDED = 1000
SYNC_BATCH = 500
# When Elasticsearch is unreachable, the copy tries again after this long.
SYNC_RETRY_SECONDS = 60
# A refused document is tried this often (backoff 1, 2, 4 … minutes, at most 6 hours
# apart: about a day in all), then set aside for an operator.
MAX_ATTEMPTS = 10
BACKOFF_SECONDS = 60
MAX_BACKOFF_SECONDS = 6 * 3600
# rows per upsert statement (SQLite allows 999 parameters in older builds)
_UPSERT_CHUNK = 300


# -- marking ---------------------------------------------------------------------


def _upsert_sql(rows: int) -> str:
    table = ReplicaPending._meta.db_table
    if connection.vendor == "postgresql":
        # the database's clock when the statement runs (clock_timestamp(), not now(),
        # which is the transaction's start), in microseconds
        version = "(extract(epoch from clock_timestamp()) * 1000000)::bigint"
        highest = "GREATEST"
    else:
        version = "%s"
        highest = "max"
    values = ", ".join([f"(%s, {version}, 'pending', 0, '', NULL, %s)"] * rows)
    # interpolated: our table name and fixed fragments; keys and times are parameters
    return (
        f"INSERT INTO {table} (key, version, state, attempts, last_error, "  # noqa: S608
        f"retry_after, created_at) VALUES {values} "
        f"ON CONFLICT (key) DO UPDATE SET "
        f"version = {highest}(excluded.version, {table}.version + 1), "
        "state = 'pending', attempts = 0, last_error = '', retry_after = NULL"
    )


def mark_pending(keys: Iterable[str]) -> None:
    """Record that these keys changed (inside the changing transaction): one upsert per
    chunk, so two transactions marking the same key never collide, and the entries get
    the new version too."""
    keys = sorted(set(keys))
    if not keys:
        return
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(keys), _UPSERT_CHUNK):
            chunk = keys[start : start + _UPSERT_CHUNK]
            params: list = []
            for key in chunk:
                if connection.vendor == "postgresql":
                    params += [key, now]
                else:
                    # SQLite runs one writer at a time, and this one holds the lock
                    params += [key, time.time_ns() // 1000, now]
            cursor.execute(_upsert_sql(len(chunk)), params)
            SearchEntry.objects.filter(key__in=chunk).update(
                replica_version=Subquery(
                    ReplicaPending.objects.filter(key=OuterRef("key")).values("version")[:1]
                )
            )


# -- reading while pending -------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """How one reader's search is answered while changes are pending."""

    # keys the Elasticsearch query leaves out; None: the database answers
    excluded: list[str] | None
    # so many changes pending that the copy is far behind (worth a notice)
    behind: bool = False


def reading_for(reader_keys: Iterable[str]) -> Reading:
    """Elasticsearch answers this reader only when no pending entry is visible to the
    reader in the database index (its copy may be missing or stale), leaving out the
    copies of all pending keys; otherwise the database answers. One query."""
    visible = SearchEntryKey.objects.filter(entry__key=OuterRef("key"), key__in=list(reader_keys))
    rows = list(
        ReplicaPending.objects.annotate(visible=Exists(visible)).values_list("key", "visible")[
            : MAX_PENDING_EXCLUDED + 1
        ]
    )
    if len(rows) > MAX_PENDING_EXCLUDED:
        return Reading(None, behind=True)
    if any(seen for _key, seen in rows):
        return Reading(None)
    return Reading([key for key, _seen in rows])


# -- copying ---------------------------------------------------------------------


@dataclass
class SyncReport:
    copied: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    unavailable: bool = False
    refilled: int = 0


def _due():
    now = timezone.now()
    return ReplicaPending.objects.filter(state=ReplicaPending.State.PENDING).filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=now)
    )


def _operations(rows: list[ReplicaPending]) -> list[Operation]:
    # read after the rows: each entry is at least as new as its row's version
    entries = {
        e.key: e
        for e in SearchEntry.objects.filter(key__in=[r.key for r in rows]).prefetch_related(
            "audience_keys"
        )
    }
    return [
        Operation(
            key=row.key,
            version=row.version,
            document=entries[row.key].as_document() if row.key in entries else None,
        )
        for row in rows
    ]


def _same_version(rows) -> Q:
    # a row marked again meanwhile has a higher version and stays pending
    return reduce(or_, (Q(pk=row.pk, version=row.version) for row in rows))


def _set_aside(rows: list[ReplicaPending], failed: dict[str, str]) -> None:
    now = timezone.now()
    for row in rows:
        if row.key not in failed:
            continue
        attempts = row.attempts + 1
        delay = min(BACKOFF_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
        ReplicaPending.objects.filter(pk=row.pk, version=row.version).update(
            attempts=attempts,
            last_error=failed[row.key][:1000],
            retry_after=now + timedelta(seconds=delay),
            state=(
                ReplicaPending.State.FAILED
                if attempts >= MAX_ATTEMPTS
                else ReplicaPending.State.PENDING
            ),
        )


def refill(es) -> int:
    """Mark every database entry pending (the index behind the alias is new and
    empty); until copied, search answers from the database."""
    keys = list(SearchEntry.objects.values_list("key", flat=True))
    mark_pending(keys)
    return len(keys)


def ensure_copy(es) -> int:
    """Make sure the index exists; a missing one is created and refilled (returns the
    number of entries queued for it)."""
    if es.ensure_index():
        logger.warning("Elasticsearch index %s was missing: created, refilling.", es.index_name)
        return refill(es)
    return 0


def sync(es) -> SyncReport:
    """Copy the due pending rows, batch by batch, until none are left or Elasticsearch
    is unreachable."""
    report = SyncReport()
    checked_twice = False
    while True:
        try:
            report.refilled += ensure_copy(es)
        except SearchUnavailable:
            report.unavailable = True
            return report
        rows = list(_due().order_by("id")[:SYNC_BATCH])
        if not rows:
            return report
        try:
            failed = es.write(_operations(rows))
        except SearchUnavailable as error:
            if getattr(error, "index_missing", False) and not checked_twice:
                checked_twice = True  # check the index again (ensure_copy) once
                continue
            report.unavailable = True
            return report
        done = [row for row in rows if row.key not in failed]
        if done:
            ReplicaPending.objects.filter(_same_version(done)).delete()
        _set_aside(rows, failed)
        report.copied += len(done)
        report.failed.update(failed)


def next_retry():
    """When the earliest refused document is due again (None if none waits)."""
    return (
        ReplicaPending.objects.filter(state=ReplicaPending.State.PENDING, retry_after__isnull=False)
        .order_by("retry_after")
        .values_list("retry_after", flat=True)
        .first()
    )


def rebuild_copy(es, batch_size: int = SYNC_BATCH) -> int:
    """Fill a new index from the database entries (each with its own version), then
    move the alias to it in one step and drop the old index. While it fills, copy runs
    write to both (``es.write`` adds the index being built), so no change is lost;
    searches use the old index meanwhile. Entries it cannot copy are marked pending."""
    new = es.create_building_index()
    try:
        copied, refused = _fill(es, batch_size)
        es.swap_to(new)
    except SearchUnavailable:
        # the serving index is untouched; the half-filled one would only slow copies
        es.drop_building_index()
        raise
    if refused:
        mark_pending(refused)
    return copied


def _fill(es, batch_size: int) -> tuple[int, dict[str, str]]:
    copied = 0
    refused: dict[str, str] = {}
    last = 0
    while True:
        entries = list(
            SearchEntry.objects.filter(pk__gt=last)
            .order_by("pk")
            .prefetch_related("audience_keys")[:batch_size]
        )
        if not entries:
            break
        last = entries[-1].pk
        operations = [
            Operation(key=e.key, version=e.replica_version, document=e.as_document())
            for e in entries
        ]
        refused.update(es.write(operations, targets=[es.building_name]))
        copied += len(entries) - len(set(refused) & {e.key for e in entries})
    return copied, refused


def status() -> dict:
    """Counts for operators: waiting, waiting after a refusal, set aside."""
    rows = ReplicaPending.objects
    return {
        "pending": rows.filter(state=ReplicaPending.State.PENDING).count(),
        "retrying": rows.filter(state=ReplicaPending.State.PENDING, attempts__gt=0).count(),
        "failed": rows.filter(state=ReplicaPending.State.FAILED).count(),
    }


def retry_failed(keys: Iterable[str] | None = None) -> int:
    """Put documents set aside back in the queue (after fixing their cause)."""
    rows = ReplicaPending.objects.filter(state=ReplicaPending.State.FAILED)
    if keys is not None:
        rows = rows.filter(key__in=list(keys))
    return rows.update(state=ReplicaPending.State.PENDING, attempts=0, retry_after=None)
