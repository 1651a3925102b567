"""The search contract on Elasticsearch (8 or 9, through the 8.x Python client).

The database index stays the source of truth: every change is written there first and
copied here through the ``ReplicaPending`` outbox. While a key is pending its copy here
may be stale (for example still carry a wider audience), so every query excludes the
pending keys it is given (``exclude_keys``); the database answers for them.

Mapping and queries are built with ``elasticsearch.dsl`` (shipped in the client) and
are plain dicts (``index_body()``, ``build_search()``, ``build_suggest()``), so they are
unit-tested without a server. Every call to the server is wrapped: a dead, slow or
misconfigured server raises ``SearchUnavailable`` and the caller falls back to the
database.

Analysis (see docs/search-elasticsearch.md):

The index settings and mapping are in ``es_mapping``, the requests in ``es_queries``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

from .. import analysis
from ..documents import SearchDocument
from ..query import ParsedQuery, parse
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

logger = logging.getLogger(__name__)

# A dead server must not hang a page: searches give up after this many seconds.
SEARCH_TIMEOUT = 2.0
# Writes and index management may take longer (bulk batches, creating an index).
WRITE_TIMEOUT = 30.0
BULK_CHUNK = 500
# ensure_index() trusts its last check for this long
ENSURE_EVERY = 300.0


class BulkError(SearchUnavailable):
    """Some documents of a bulk request were refused; the others were applied.

    ``failed`` maps each refused key to the reason: keep those pending (retry later),
    clear the rest.
    """

    def __init__(self, failed: dict[str, str]):
        self.failed = failed
        super().__init__(f"Elasticsearch refused {len(failed)} document(s): {failed}")


# --- The backend --------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_name: str = "abhnetz-search",
        client=None,
        timeout: float = SEARCH_TIMEOUT,
    ):
        self.url = url
        # an alias: the concrete index behind it is replaced by recreate_index()
        self.index_name = index_name
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
            if status >= 500 or status in (404, 408, 429):
                logger.warning("Elasticsearch %s failed: %s", action, error)
            else:
                # a request it refuses is our mistake: log it loudly, still degrade
                logger.error("Elasticsearch refused %s: %s", action, error)
            raise SearchUnavailable(str(error)) from error

    def _writer(self):
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    # -- index management

    def _new_index_name(self) -> str:
        return f"{self.index_name}-{time.time_ns()}"

    def ensure_index(self) -> bool:
        """Create the index (behind the alias ``index_name``) if it does not exist;
        otherwise bring a changed synonym list up to date. True if created.

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
        body = index_body()
        self._call(
            "creating the index",
            client.indices.create,
            index=self._new_index_name(),
            aliases={self.index_name: {"is_write_index": True}},
            **body,
        )
        self._ensured_at = now
        return True

    def recreate_index(self) -> str:
        """A new empty index behind the alias (new mapping and lexicon); the old ones
        are dropped. Returns the new index's name; refill it afterwards."""
        client = self._writer()
        new = self._new_index_name()
        self._call("creating the index", client.indices.create, index=new, **index_body())
        old = self._indices()
        actions = [{"remove": {"index": name, "alias": self.index_name}} for name in old]
        actions.append({"add": {"index": new, "alias": self.index_name, "is_write_index": True}})
        # one atomic switch: searches see the old index or the new one, never none
        self._call("switching the alias", client.indices.update_aliases, actions=actions)
        for name in old:
            self._call("dropping the old index", client.indices.delete, index=name)
        self._ensured_at = time.monotonic()
        return new

    def delete_index(self) -> None:
        """Drop the alias and every index behind it (tests, uninstalling)."""
        client = self._writer()
        self._ensured_at = None
        for name in self._indices():
            self._call("dropping the index", client.indices.delete, index=name)

    def _indices(self) -> list[str]:
        client = self._writer()
        if not self._call("checking the index", client.indices.exists_alias, name=self.index_name):
            return []
        return list(
            _body(self._call("reading the alias", client.indices.get_alias, name=self.index_name))
        )

    def update_synonyms(self) -> bool:
        """Apply a changed synonym list to the existing index (no reindex: synonyms are
        used at search time only). Closes the index for a moment; searches meanwhile
        fall back to the database. True if something changed."""
        client = self._writer()
        wanted = index_body()["settings"]["analysis"]
        for name in self._indices():
            current = _body(self._call("reading settings", client.indices.get_settings, index=name))
            analysis_now = current[name]["settings"]["index"].get("analysis", {})
            now_rules = analysis_now.get("filter", {}).get("abh_synonyms", {}).get("synonyms")
            wanted_rules = wanted.get("filter", {}).get("abh_synonyms", {}).get("synonyms")
            if (now_rules or None) == (wanted_rules or None):
                continue
            settings = {
                "analysis": {
                    "analyzer": {"abh_german_search": wanted["analyzer"]["abh_german_search"]},
                    "filter": {
                        key: value
                        for key, value in wanted["filter"].items()
                        if key == "abh_synonyms" or key in analysis_now.get("filter", {})
                    },
                }
            }
            self._call("closing the index", client.indices.close, index=name)
            try:
                self._call(
                    "updating synonyms", client.indices.put_settings, index=name, settings=settings
                )
            finally:
                self._call("opening the index", client.indices.open, index=name)
            return True
        return False

    def refresh(self) -> None:
        self._call("refreshing", self._writer().indices.refresh, index=self.index_name)

    # -- writing

    def bulk_upsert(self, documents: list[SearchDocument], refresh="wait_for") -> None:
        """Store (replace) the documents under their keys.

        ``refresh="wait_for"`` returns only once searches see the new versions: the
        caller clears the pending mark afterwards, and a stale copy (say with a wider
        audience) must not become searchable again in between. Raises
        ``SearchUnavailable`` (``BulkError`` if only some were refused).
        """
        self._bulk(
            (
                (
                    {"index": {"_index": self.index_name, "_id": doc.key}},
                    document_source(doc),
                )
                for doc in documents
            ),
            refresh,
        )

    def delete(self, keys: Iterable[str], refresh="wait_for") -> None:
        """Remove the documents with these keys (missing ones are fine)."""
        self._bulk(
            (({"delete": {"_index": self.index_name, "_id": key}}, None) for key in keys), refresh
        )

    def _bulk(self, operations: Iterator[tuple[dict, dict | None]], refresh) -> None:
        try:
            self._bulk_batches(operations, refresh)
        except SearchUnavailable:
            self._ensured_at = None  # the index may be gone: check before the next write
            raise

    def _bulk_batches(self, operations, refresh) -> None:
        failed: dict[str, str] = {}
        batch: list[dict] = []
        count = 0

        def send():
            if not batch:
                return
            response = _body(
                self._call(
                    "writing",
                    self._writer().bulk,
                    operations=list(batch),
                    refresh=refresh,
                    # never let a missing alias auto-create an index without our mapping
                    require_alias=True,
                )
            )
            if response.get("errors"):
                for item in response.get("items", []):
                    ((op, result),) = item.items()
                    error = result.get("error")
                    if op == "delete" and not error and result.get("status") == 404:
                        continue  # already gone
                    if error:
                        reason = error.get("reason") or error.get("type") or str(error)
                        failed[result.get("_id", "")] = reason
            batch.clear()

        for action, source in operations:
            batch.append(action)
            if source is not None:
                batch.append(source)
            count += 1
            if count % BULK_CHUNK == 0:
                send()
        send()
        if failed:
            logger.warning("Elasticsearch refused documents: %s", failed)
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
