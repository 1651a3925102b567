"""A broad search counts only its first matches ("mehr als 1.000 Treffer"): the capped
total and the facet counts over the capped set never count a document the reader may
not see, however many of those there are."""

from __future__ import annotations

import pytest

from search.backends import database
from search.backends.base import SearchQuery
from search.documents import FacetValue
from tests.search.helpers import doc

pytestmark = pytest.mark.django_db
READER = frozenset({"member", "g1"})
backend = database.DatabaseBackend()
SECRET_ORG = FacetValue("geheim", "Geheime Behörde")


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(database, "COUNT_CAP", 3)


def index(visible: int, hidden: int) -> None:
    documents = [
        doc(f"open:{n}", f"Wohnsitzauflage {n}", keys={"g1"}, kind="guide") for n in range(visible)
    ] + [
        # more hidden ones than the cap: a count that saw them would be capped
        doc(
            f"hidden:{n}",
            f"Wohnsitzauflage geheim {n}",
            keys={"g2"},
            kind="announcement",
            organisation=SECRET_ORG,
            topics=(FacetValue("geheim", "Geheim"),),
        )
        for n in range(hidden)
    ]
    backend.store({document.key: [document] for document in documents})


def facet_values(results) -> set[str]:
    return {count.value for counts in results.facets.values() for count in counts}


def test_capped_counts_see_only_what_the_reader_may_see(small_cap):
    """Given 2 visible and 10 hidden matches with a cap of 3, when the reader searches,
    then the total is exact (2), not capped, and no facet counts a hidden one."""
    index(visible=2, hidden=10)
    results = backend.search(SearchQuery(text="Wohnsitzauflage", reader_keys=READER))
    assert (results.total, results.capped) == (2, False)
    assert {hit.key for hit in results.hits} == {"open:0", "open:1"}
    assert "geheim" not in facet_values(results)
    assert "announcement" not in facet_values(results)
    assert sum(c.count for c in results.facets["kind"]) == 2


def test_a_capped_total_counts_visible_documents_only(small_cap):
    """Given 6 visible and 10 hidden matches with a cap of 3, then the total reads
    "more than 3" (4 counted), every counted document is visible, also with a filter."""
    index(visible=6, hidden=10)
    results = backend.search(SearchQuery(text="Wohnsitzauflage", reader_keys=READER))
    assert (results.total, results.capped) == (4, True)
    assert "geheim" not in facet_values(results)
    assert [(c.value, c.count) for c in results.facets["kind"]] == [("guide", 4)]
    assert all(hit.key.startswith("open:") for hit in results.hits)
    filtered = backend.search(
        SearchQuery(text="Wohnsitzauflage", reader_keys=READER, filters={"kind": ("announcement",)})
    )
    assert (filtered.total, filtered.hits) == (0, [])
    assert "geheim" not in facet_values(filtered)
