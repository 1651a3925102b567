"""A recording fake Elasticsearch at the transport layer, for the copy's tests.

``FakeServer.client()`` is a real ``elasticsearch.Elasticsearch`` client whose node
class answers from this object instead of the network, so the client's own request
building (paths, query strings, NDJSON bulk bodies, headers) is what gets recorded.
Each request is kept as ``Request(method, path, params, body)``.

The server keeps just enough state to check the copy's rules, as the Elasticsearch
8/9 documentation describes them: aliases (``require_alias``), index creation, atomic
``_aliases`` actions, external versioning (a write with a version not above the
stored one, a delete's too, is refused with 409 ``version_conflict_engine_exception``;
a deleted document's version is remembered), synonyms sets. ``_search`` returns the
documents of the aliased index that pass the query's ``terms`` filters on
``audience_keys`` and the ``must_not`` ``terms`` on ``key``; it does not match text.
Failures are scripted: ``down``, ``refuse`` (key → error of that item),
``max_content_length`` (413 for a larger body), ``refuse_requests_with`` (400 for a
body containing it), ``lose_index()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, ConnectionError, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch


@dataclass
class Request:
    method: str
    path: str
    params: dict
    body: object

    @property
    def operations(self) -> list[tuple[str, dict]]:
        """A bulk body as (action, metadata) pairs, sources left out."""
        pairs, lines = [], list(self.body or [])
        while lines:
            ((action, meta),) = lines.pop(0).items()
            if action != "delete":
                lines.pop(0)
            pairs.append((action, meta))
        return pairs


@dataclass
class Index:
    settings: dict
    mappings: dict
    docs: dict = field(default_factory=dict)  # id -> (version, source)
    tombstones: dict = field(default_factory=dict)  # id -> version of the delete


class FakeServer:
    # what the transport raises for a server that does not answer
    Down = ConnectionError

    def __init__(self):
        self.requests: list[Request] = []
        self.indices: dict[str, Index] = {}
        self.aliases: dict[str, set[str]] = {}  # alias -> indices
        self.synonyms: dict[str, list[dict]] = {}
        self.down = False
        self.refuse: dict[str, dict] = {}
        self.max_content_length: int | None = None
        # a whole request containing this text is refused with 400
        self.refuse_requests_with: str | None = None

    # -- the client

    def client(self, **options) -> Elasticsearch:
        server = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                status, answer = server.handle(method, target, body)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                    ),
                    duration=0.0,
                    node=self.config,
                )
                return NodeApiResponse(meta, json.dumps(answer).encode() if answer else b"")

        return Elasticsearch(
            "http://fake-elasticsearch:9200",
            node_class=Node,
            max_retries=0,
            retry_on_timeout=False,
            **options,
        )

    # -- what the tests look at

    def paths(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.requests]

    def bulks(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/_bulk")]

    def alias_targets(self, alias: str) -> set[str]:
        return set(self.aliases.get(alias, ()))

    def docs(self, alias: str) -> dict:
        """id -> (version, source) of the index behind ``alias``."""
        (name,) = self.aliases[alias]
        return self.indices[name].docs

    def lose_index(self, alias: str) -> None:
        for name in self.aliases.pop(alias, set()):
            self.indices.pop(name, None)

    # -- answering

    def handle(self, method: str, target: str, body: bytes | None):
        if self.down:
            raise ConnectionError("fake server down")
        url = urlsplit(target)
        path = unquote(url.path)
        params = dict(parse_qsl(url.query))
        if body and path.endswith("/_bulk"):
            parsed = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        else:
            parsed = json.loads(body) if body else None
        self.requests.append(Request(method, path, params, parsed))
        if self.max_content_length is not None and body and len(body) > self.max_content_length:
            return 413, {"error": {"type": "content_too_long"}, "status": 413}
        if self.refuse_requests_with and body and self.refuse_requests_with.encode() in body:
            return 400, {"error": {"type": "illegal_argument_exception"}, "status": 400}
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["_alias"] and method == "HEAD":
            return (200 if parts[1] in self.aliases else 404), None
        if parts[:1] == ["_alias"]:
            if parts[1] not in self.aliases:
                return 404, self._missing(parts[1])
            return 200, {name: {"aliases": {parts[1]: {}}} for name in self.aliases[parts[1]]}
        if parts == ["_aliases"]:
            for action in parsed["actions"]:
                ((kind, spec),) = action.items()
                if kind == "add":
                    self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
                else:
                    self.aliases.get(spec["alias"], set()).discard(spec["index"])
                    if not self.aliases.get(spec["alias"]):
                        self.aliases.pop(spec["alias"], None)
            return 200, {"acknowledged": True}
        if parts == ["_bulk"]:
            return 200, self._bulk(list(parsed))
        if parts[:1] == ["_synonyms"]:
            if method == "PUT":
                self.synonyms[parts[1]] = parsed["synonyms_set"]
                return 200, {"result": "updated", "reload_analyzers_details": {}}
            if method == "DELETE":
                self.synonyms.pop(parts[1], None)
                return 200, {"acknowledged": True}
            if parts[1] not in self.synonyms:
                return 404, {"error": {"type": "resource_not_found_exception"}, "status": 404}
            rules = self.synonyms[parts[1]]
            return 200, {"count": len(rules), "synonyms_set": rules}
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = Index(parsed.get("settings", {}), parsed.get("mappings", {}))
            for alias in parsed.get("aliases", {}):
                self.aliases.setdefault(alias, set()).add(parts[0])
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            self.indices.pop(parts[0], None)
            for members in self.aliases.values():
                members.discard(parts[0])
            return 200, {"acknowledged": True}
        names = self._resolve(parts[0])
        if not names:
            return 404, self._missing(parts[0])
        if parts[1:] == ["_search"]:
            return 200, self._search(names, parsed)
        # _refresh, _reload_search_analyzers, _cache/clear
        return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}

    def _missing(self, name):
        return {
            "error": {"type": "index_not_found_exception", "reason": f"no such index [{name}]"},
            "status": 404,
        }

    def _resolve(self, name: str) -> list[str]:
        if name in self.aliases:
            return sorted(self.aliases[name])
        return [name] if name in self.indices else []

    def _bulk(self, lines: list[dict]) -> dict:
        items, errors = [], False
        while lines:
            ((action, meta),) = lines.pop(0).items()
            source = lines.pop(0) if action != "delete" else None
            result = self._write(action, meta, source)
            errors = errors or "error" in result
            items.append({action: result})
        return {"took": 1, "errors": errors, "items": items}

    def _write(self, action: str, meta: dict, source) -> dict:
        key, target = meta["_id"], meta["_index"]
        base = {"_index": target, "_id": key}
        if target not in self.aliases:  # require_alias=true
            return {**base, "status": 404, "error": self._missing(target)["error"]}
        if key in self.refuse:
            return {**base, "status": 400, "error": self.refuse[key]}
        (name,) = self.aliases[target]
        index = self.indices[name]
        version = meta["version"]
        assert meta["version_type"] == "external"
        current = index.docs.get(key, (index.tombstones.get(key, -1), None))[0]
        if version <= current:
            return {
                **base,
                "status": 409,
                "error": {
                    "type": "version_conflict_engine_exception",
                    "reason": f"[{key}]: version conflict, current version [{current}] is "
                    f"higher or equal to the one provided [{version}]",
                },
            }
        if action == "delete":
            existed = index.docs.pop(key, None) is not None
            index.tombstones[key] = version
            return {**base, "status": 200 if existed else 404, "result": "deleted"}
        index.docs[key] = (version, source)
        index.tombstones.pop(key, None)
        return {**base, "status": 201, "result": "created", "_version": version}

    def _search(self, names: list[str], body: dict) -> dict:
        allowed = set(_find_terms(body.get("query", {}), "audience_keys", negated=False))
        excluded = set(_find_terms(body.get("query", {}), "key", negated=True))
        hits = []
        for name in names:
            for key, (_version, source) in sorted(self.indices[name].docs.items()):
                if key in excluded or not allowed & set(source.get("audience_keys", [])):
                    continue
                hits.append({"_id": key, "_score": 1.0, "_source": source})
        return {
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            "aggregations": {},
        }


def _find_terms(node, field_name: str, negated: bool, inside_must_not: bool = False):
    """Values of every ``terms`` query on ``field_name`` (inside or outside must_not)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "terms" and field_name in value and inside_must_not == negated:
                yield from value[field_name]
            else:
                yield from _find_terms(
                    value, field_name, negated, inside_must_not or key == "must_not"
                )
    elif isinstance(node, list):
        for value in node:
            yield from _find_terms(value, field_name, negated, inside_must_not)
