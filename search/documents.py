"""The one document shape every indexer produces and every backend stores.

A document is flat and self-contained: the backend never looks at the object it came
from. Its ``audience_keys`` decide who may find it (see ``abhnetz.audiences.rules``:
``document_keys`` for the stored keys of an object, ``search_reader_keys`` for a
reader's). Facet values carry a stable ``value`` for URLs and a ``label`` to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str


@dataclass(frozen=True)
class SearchDocument:
    # unique across all kinds, e.g. "guide:12", "decision:7"
    key: str
    # what it is ("guide", "minutes", "decision", ...), registered with a label
    kind: str
    title: str
    url: str
    # who may find it: "g<group id>", "u<user id>" or "member" (every signed-in member)
    audience_keys: frozenset[str]
    summary: str = ""
    body: str = ""
    organisation: FacetValue | None = None
    working_group: FacetValue | None = None
    topics: tuple[FacetValue, ...] = ()
    # aware datetime; facets by year, "sort by date" uses it
    date: datetime | None = None
    language: str = "de"
    # multiplies the relevance: reviewed guides above overdue ones at equal match
    boost: float = 1.0
    # the audience badge: "network", "offices", "selected" or "member"
    audience_scope: str = "member"
    # the stored audience this document follows: (content type id, object id) of the
    # object whose AudienceEntry rows are its keys; a narrowed audience is applied to
    # every document that follows it in the saving transaction.
    audience_source: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict, compare=False)
