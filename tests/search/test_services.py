"""The search service's own touches on what a backend answers."""

from search import services
from tests.search.helpers import doc, index


def test_spelling_suggestions_keep_the_searchers_capitals(network):
    index(doc("guide:1", "Dienstplan der Ausländerbehörde"))
    # corrected at once ...
    assert services.search(network.partner, "Dienstplann").corrected == "Dienstplan"
    assert services.search(network.partner, "dienstplann").corrected == "dienstplan"
    # ... or, exactly as typed, suggested
    exact = services.search(network.partner, "Dienstplann", exact=True)
    assert exact.corrected is None
    assert exact.suggestion == "Dienstplan"
