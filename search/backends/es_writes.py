"""Bulk writes to the Elasticsearch copy: versioned operations, cut into batches by
count and by bytes, and the outcome of each item.

Every operation carries the version of the database change (external versioning):
Elasticsearch applies it only when it is higher than the version it has, so a late or
repeated write is refused with 409 and counts as done (a newer version is there).
Deletes are versioned too; Elasticsearch remembers a deleted document's version for
``index.gc_deletes`` (set to ``GC_DELETES`` in the index settings), so an older write
arriving after the delete cannot bring the document back within that time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..documents import SearchDocument
from .es_mapping import document_source

# Documents per bulk request, and bytes per request: well below the server's
# http.max_content_length (100 MB by default) and in the range Elasticsearch
# recommends for bulk requests (a few MB).
BULK_COUNT = 500
BULK_BYTES = 5 * 1024 * 1024
# One operation larger than this is never sent (the server's default request limit).
MAX_REQUEST_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class Operation:
    """Store ``document`` under ``key`` at ``version``, or delete the key (None)."""

    key: str
    version: int
    document: SearchDocument | None = None


def _dumps(data: dict) -> bytes:
    # as the client serializes a bulk line (JsonSerializer: no ASCII escapes, compact)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def encode(operation: Operation, target: str) -> list[dict]:
    """The bulk lines of one operation against ``target`` (an alias)."""
    meta = {
        "_index": target,
        "_id": operation.key,
        "version": operation.version,
        "version_type": "external",
    }
    if operation.document is None:
        return [{"delete": meta}]
    return [{"index": meta}, document_source(operation.document)]


def size(lines: list[dict]) -> int:
    return sum(len(_dumps(line)) + 1 for line in lines)  # + the newline


@dataclass
class Item:
    key: str
    target: str
    lines: list[dict]
    bytes: int


def items(operations: Iterable[Operation], targets: list[str]) -> Iterator[Item]:
    for operation in operations:
        for target in targets:
            lines = encode(operation, target)
            yield Item(operation.key, target, lines, size(lines))


def batches(
    pending: Iterable[Item], max_count: int = BULK_COUNT, max_bytes: int = BULK_BYTES
) -> Iterator[list[Item]]:
    """Items in batches of at most ``max_count`` items and ``max_bytes`` bytes (a
    single larger item goes alone)."""
    batch: list[Item] = []
    used = 0
    for item in pending:
        if batch and (len(batch) >= max_count or used + item.bytes > max_bytes):
            yield batch
            batch, used = [], 0
        batch.append(item)
        used += item.bytes
    if batch:
        yield batch


def outcome(operation: str, result: dict) -> tuple[str, str | None]:
    """("ok" | "missing_index" | "failed", reason) of one bulk response item."""
    error = result.get("error")
    status = result.get("status", 200)
    if not error:
        # a delete of a document that is not there is done too (404 "not_found")
        return "ok", None
    kind = error.get("type", "") if isinstance(error, dict) else ""
    if status == 409 or kind == "version_conflict_engine_exception":
        return "ok", None  # Elasticsearch has this version or a newer one
    if kind == "index_not_found_exception":
        return "missing_index", error.get("reason") or kind
    reason = (error.get("reason") or kind) if isinstance(error, dict) else str(error)
    return "failed", f"{operation} {status}: {reason}"
