"""The search contract on Elasticsearch (8 or 9, through the 8.x Python client).

The database index stays the source of truth: every change is written there first and
copied here through the ``ReplicaPending`` outbox (search/replica.py), each write with
the change's version (external versioning). While a key is pending its copy here may
be stale (for example still carry a wider audience), so every query excludes the
pending keys it is given (``exclude_keys``); the database answers whenever a pending
key is visible to the reader.

Mapping and queries are built with ``elasticsearch.dsl`` (shipped in the client) and
are plain dicts (``index_body()``, ``build_search()``, ``build_suggest()``), so they are
unit-tested without a server. Every call to the server is wrapped: a dead, slow or
misconfigured server raises ``SearchUnavailable`` and the caller falls back to the
database.

The index settings and mapping are in ``es_mapping``, the requests in ``es_queries``, the
batching of bulk writes in ``es_writes``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

from .. import analysis
from ..documents import SearchDocument
from ..query import ParsedQuery, parse
from . import es_writes
from .base import (
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
)
from .es_mapping import (  # noqa: F401  (re-exported)
    build_mapping,
    document_source,
    index_body,
    synonym_rules,
)
from .es_queries import (
    _body,
    _corrected_query,
    _facets,
    _hit,
    _searchable,
    build_search,
    build_spelling,
    build_suggest,
)
from .es_writes import Operation

logger = logging.getLogger(__name__)

# A dead server must not hang a page: searches give up after this many seconds.
SEARCH_TIMEOUT = 2.0
# Writes and index management may take longer (bulk batches, creating an index).
WRITE_TIMEOUT = 30.0
# Synonyms API: the most rules one set holds (and one read returns)
MAX_SYNONYM_RULES = 10_000
# ensure_index() trusts its last check for this long
ENSURE_EVERY = 300.0


class BulkError(SearchUnavailable):
    """Some documents of a bulk request were refused; the others were applied.

    ``failed`` maps each refused key to the reason.
    """

    def __init__(self, failed: dict[str, str]):
        self.failed = failed
        super().__init__(f"Elasticsearch refused {len(failed)} document(s): {failed}")


class IndexMissing(SearchUnavailable):
    """The index behind the alias is gone (``index_not_found_exception``)."""

    index_missing = True


class RequestRefused(SearchUnavailable):
    """The server refused the request itself (400): something in it is wrong."""


class RequestTooLarge(RequestRefused):
    """The server refused the request's size (413, ``http.max_content_length``)."""


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_name: str = "abhnetz-search",
        client=None,
        timeout: float = SEARCH_TIMEOUT,
        bulk_count: int = es_writes.BULK_COUNT,
        bulk_bytes: int = es_writes.BULK_BYTES,
        max_request_bytes: int = es_writes.MAX_REQUEST_BYTES,
    ):
        self.url = url
        # an alias: the concrete index behind it is replaced by rebuilding the copy
        self.index_name = index_name
        # the alias of an index being filled (rebuild_copy): writes go there too
        self.building_name = f"{index_name}-building"
        # the synonyms set (Synonyms API) of the search analyzer, updated in place
        self.synonyms_set = f"{index_name}-synonyms"
        self.bulk_count = bulk_count
        self.bulk_bytes = bulk_bytes
        self.max_request_bytes = max_request_bytes
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
            if status >= 500 or status in (404, 408, 413, 429):
                logger.warning("Elasticsearch %s failed: %s", action, error)
            else:
                # a request it refuses is our mistake: log it loudly, still degrade
                logger.error("Elasticsearch refused %s: %s", action, error)
            if status == 413:
                raise RequestTooLarge(str(error)) from error
            if status == 400:
                raise RequestRefused(str(error)) from error
            if status == 404 and "index_not_found_exception" in str(error):
                self._ensured_at = None
                raise IndexMissing(str(error)) from error
            raise SearchUnavailable(str(error)) from error

    def _writer(self):
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    # -- index management

    def _new_index_name(self) -> str:
        return f"{self.index_name}-{time.time_ns()}"

    def _create(self, name: str, aliases: dict) -> None:
        rules = synonym_rules()
        if rules:
            # the set must exist before an index that names it
            self._put_synonyms(rules)
        body = index_body(synonyms=rules, synonyms_set=self.synonyms_set)
        self._call(
            "creating the index", self._writer().indices.create, index=name, aliases=aliases, **body
        )

    def ensure_index(self) -> bool:
        """Create the index (behind the alias ``index_name``) if it does not exist;
        otherwise bring a changed synonym list up to date. True if created: the caller
        refills it (``replica.ensure_copy``).

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
        self._create(self._new_index_name(), {self.index_name: {"is_write_index": True}})
        self._ensured_at = now
        return True

    def create_building_index(self) -> str:
        """A new empty index behind the building alias only (searches keep the old one);
        a building index left by an interrupted rebuild is dropped first."""
        self.drop_building_index()
        new = self._new_index_name()
        self._create(new, {self.building_name: {}})
        return new

    def drop_building_index(self) -> None:
        client = self._writer()
        for name in self._indices(self.building_name):
            self._call("dropping an unfinished index", client.indices.delete, index=name)

    def swap_to(self, new: str) -> None:
        """Move the alias to ``new`` in one step (searches see the old index or the new
        one, never none), drop the building alias, then drop the old indices."""
        client = self._writer()
        self._call("refreshing", client.indices.refresh, index=new)
        old = [name for name in self._indices(self.index_name) if name != new]
        actions = [{"remove": {"index": name, "alias": self.index_name}} for name in old]
        actions.append({"add": {"index": new, "alias": self.index_name, "is_write_index": True}})
        actions.append({"remove": {"index": new, "alias": self.building_name}})
        self._call("switching the alias", client.indices.update_aliases, actions=actions)
        for name in old:
            self._call("dropping the old index", client.indices.delete, index=name)
        self._ensured_at = time.monotonic()

    def recreate_index(self) -> str:
        """A new empty index behind the alias (the old ones dropped): for tests and a
        first start. To replace a serving index use ``replica.rebuild_copy``."""
        new = self.create_building_index()
        self.swap_to(new)
        return new

    def delete_index(self) -> None:
        """Drop the alias, every index behind it and the synonyms set (tests,
        uninstalling)."""
        client = self._writer()
        self._ensured_at = None
        for alias in (self.index_name, self.building_name):
            for name in self._indices(alias):
                self._call("dropping the index", client.indices.delete, index=name)
        try:
            self._call("dropping synonyms", client.synonyms.delete_synonym, id=self.synonyms_set)
        except SearchUnavailable:
            pass  # never created (no synonyms)

    def _indices(self, alias: str) -> list[str]:
        client = self._writer()
        if not self._call("checking the index", client.indices.exists_alias, name=alias):
            return []
        return list(_body(self._call("reading the alias", client.indices.get_alias, name=alias)))

    def _put_synonyms(self, rules: list[str]) -> None:
        self._call(
            "storing synonyms",
            self._writer().synonyms.put_synonym,
            id=self.synonyms_set,
            synonyms_set=[{"id": f"r{n:05}", "synonyms": rule} for n, rule in enumerate(rules)],
        )

    def update_synonyms(self) -> bool:
        """Apply a changed synonym list without closing the index: the search
        analyzer's ``synonym_graph`` reads the synonyms set and is ``updateable``, so
        storing the set reloads it; the reload and the cleared request cache make sure
        no answer of the old list remains. True if something changed."""
        wanted = synonym_rules()
        client = self._writer()
        try:
            current = _body(
                self._call(
                    "reading synonyms",
                    client.synonyms.get_synonym,
                    id=self.synonyms_set,
                    size=MAX_SYNONYM_RULES,
                )
            )
            now_rules = [rule["synonyms"] for rule in current.get("synonyms_set", [])]
        except IndexMissing:
            raise
        except SearchUnavailable:
            now_rules = None  # no set yet
        # (compared as sets: the order of a read need not be the order stored)
        if not wanted or (now_rules is not None and sorted(now_rules) == sorted(wanted)):
            return False
        self._put_synonyms(wanted)
        self._call(
            "reloading analyzers", client.indices.reload_search_analyzers, index=self.index_name
        )
        self._call(
            "clearing the request cache",
            client.indices.clear_cache,
            index=self.index_name,
            request=True,
        )
        return True

    def refresh(self) -> None:
        self._call("refreshing", self._writer().indices.refresh, index=self.index_name)

    # -- writing

    def write(
        self, operations: list[Operation], targets: list[str] | None = None, refresh="wait_for"
    ) -> dict[str, str]:
        """Apply versioned operations; returns the keys refused, with the reason (the
        others are applied, or Elasticsearch already had a newer version).

        Without ``targets``: the alias, and the building alias while a rebuild fills a
        new index. ``refresh="wait_for"`` returns once searches see the writes: the
        caller clears the pending marks afterwards. Raises ``IndexMissing`` when the
        alias has no index, ``SearchUnavailable`` when the server cannot be used.
        """
        if not operations:
            return {}
        if targets is None:
            targets = [self.index_name]
            if self._call(
                "checking for a rebuild",
                self._writer().indices.exists_alias,
                name=self.building_name,
            ):
                targets.append(self.building_name)
        failed: dict[str, str] = {}
        todo = []
        for item in es_writes.items(operations, targets):
            if item.bytes > self.max_request_bytes:
                failed[item.key] = (
                    f"document of {item.bytes} bytes is larger than the request limit "
                    f"({self.max_request_bytes} bytes)"
                )
            else:
                todo.append(item)
        try:
            for batch in es_writes.batches(todo, self.bulk_count, self.bulk_bytes):
                self._send(batch, refresh, failed)
        except SearchUnavailable:
            self._ensured_at = None  # the index may be gone: check before the next write
            raise
        if failed:
            logger.warning("Elasticsearch refused documents: %s", failed)
        return failed

    def _send(self, batch: list[es_writes.Item], refresh, failed: dict[str, str]) -> None:
        try:
            response = _body(
                self._call(
                    "writing",
                    self._writer().bulk,
                    operations=[line for item in batch for line in item.lines],
                    refresh=refresh,
                    # never let a missing alias auto-create an index without our mapping
                    require_alias=True,
                )
            )
        except RequestRefused as error:
            # too large (413) or refused as a whole (400): halve the batch until the
            # operation at fault is alone, and set that one aside
            if len(batch) == 1:
                failed[batch[0].key] = (
                    "refused as too large for the server (413)"
                    if isinstance(error, RequestTooLarge)
                    else f"request refused: {str(error)[:500]}"
                )
                return
            half = len(batch) // 2
            self._send(batch[:half], refresh, failed)
            self._send(batch[half:], refresh, failed)
            return
        missing = None
        for item, answer in zip(batch, response.get("items", []), strict=False):
            ((operation, result),) = answer.items()
            state, reason = es_writes.outcome(operation, result)
            if state == "missing_index":
                if item.target == self.building_name:
                    continue  # the rebuild has finished (or given up) meanwhile
                missing = reason
            elif state == "failed":
                failed[item.key] = reason or "refused"
        if missing:
            self._ensured_at = None
            raise IndexMissing(missing)

    def bulk_upsert(self, documents: list[SearchDocument], refresh="wait_for") -> None:
        """Store (replace) the documents under their keys, versioned by the clock
        (the contract tests; the copy itself writes the database's versions)."""
        version = time.time_ns() // 1000
        failed = self.write(
            [Operation(doc.key, version, doc) for doc in documents], refresh=refresh
        )
        if failed:
            raise BulkError(failed)

    def delete(self, keys: Iterable[str], refresh="wait_for") -> None:
        """Remove the documents with these keys (missing ones are fine)."""
        version = time.time_ns() // 1000
        failed = self.write([Operation(key, version) for key in keys], refresh=refresh)
        if failed:
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
