"""The contract both backends fulfil (tests/search/contract.py runs it against each)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString

# The facets of the results page, in the order they are shown.
FACETS = ("kind", "topic", "organisation", "working_group", "year")
SORTS = ("relevance", "date")
# a year as a facet value: ASCII digits only (str.isdigit also admits "²" and "١٢٣"),
# and short enough for a database integer
YEAR_VALUE = re.compile(r"[0-9]{1,4}")


def facet_years(values) -> list[int]:
    """The valid years among chosen year values; invalid ones are left out, so a list
    of only invalid years matches nothing (not everything)."""
    return sorted({int(v) for v in values if YEAR_VALUE.fullmatch(str(v))})


class SearchUnavailable(Exception):
    """The backend cannot answer now (e.g. Elasticsearch unreachable)."""


# A broad search counts (total and facets) only this many matches, plus one to know
# there are more: "mehr als 1.000 Treffer" (issue #15, docs/search.md "Broad searches").
COUNT_CAP = 1000


@dataclass(frozen=True)
class SearchQuery:
    text: str
    # the reader's keys (``abhnetz.audiences.rules.search_reader_keys``); empty finds nothing
    reader_keys: frozenset[str]
    # facet name -> chosen values; values of one facet are alternatives (OR),
    # different facets narrow each other (AND)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    # search exactly what was typed: no typo corrections
    exact: bool = False


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    title: str
    url: str
    # HTML-safe, with <mark> around matched words
    title_html: SafeString
    snippet_html: SafeString
    organisation: str = ""
    working_group: str = ""
    date: datetime | None = None
    audience_scope: str = "member"
    score: float = 0.0
    # the query's words this hit does not contain (partial matches), as typed
    missing: tuple[str, ...] = ()
    # what the hit stands for besides itself: a form's language versions
    # ((title, language, url), ...)
    versions: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool = False


def sort_facet_counts(facet: str, counts: list[FacetCount]) -> list[FacetCount]:
    """Years newest first; other values by count, then label (both backends)."""
    if facet == "year":
        return sorted(counts, key=lambda c: c.value, reverse=True)
    return sorted(counts, key=lambda c: (-c.count, c.label))


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]]
    # "did you mean": a corrected query that finds something the reader may see
    suggestion: str | None = None
    # shown on the page, e.g. that the database answered because Elasticsearch is down
    notice: str | None = None
    backend: str = ""
    # the query searched instead of a typed word that matches nothing ("Ergebnisse für
    # … (statt …)"); None when the words were searched as typed
    corrected: str | None = None
    # no hit has every word: the hits have some of them (``Hit.missing``)
    partial: bool = False
    # the words none of the hits contain, as typed
    unmatched: tuple[str, ...] = ()
    # more matches than the backend counts (``total`` is then that cap plus one, and the
    # facets count among the first ``total`` matches): "mehr als 1.000 Treffer"
    capped: bool = False


class SearchBackend(ABC):
    name = ""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits of one page, the total and facet counts, among what the keys open."""

    @abstractmethod
    def suggest(self, text: str, reader_keys: frozenset[str], limit: int = 6) -> list[Hit]:
        """Search as you type: documents whose title words start with what was typed."""
