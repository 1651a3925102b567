"""The search service's own touches on what a backend answers."""

from search import services
from tests.search.helpers import doc, index


def test_spelling_suggestions_keep_the_searchers_capitals(network):
    index(doc("guide:1", "Dienstplan der Ausländerbehörde"))
    assert services.search(network.partner, "Dienstplann").suggestion == "Dienstplan"
    assert services.search(network.partner, "dienstplann").suggestion == "dienstplan"
