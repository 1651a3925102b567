"""The search service's own touches on what a backend answers."""

from search import services
from search.documents import SearchDocument


def test_spelling_suggestions_keep_the_searchers_capitals(network):
    services.store(
        {
            "guide:1": [
                SearchDocument(
                    key="guide:1",
                    kind="guide",
                    title="Dienstplan der Ausländerbehörde",
                    url="/wissen/dienstplan/",
                    audience_keys=frozenset({"member"}),
                )
            ]
        }
    )
    assert services.search(network.partner, "Dienstplann").suggestion == "Dienstplan"
    assert services.search(network.partner, "dienstplann").suggestion == "dienstplan"
