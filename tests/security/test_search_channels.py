"""Every role × every audience × every way the search can show something.

A restricted guide and announcement must leave no trace for a reader outside their
audience: not in hits, totals, facet counts, snippets, suggestions while typing, nor
in spelling suggestions; readers inside find them through each.
"""

import re

import pytest
from django.urls import reverse

from abhnetz.audiences.models import Audience
from search import services
from tests.audiences.test_rules import CASES
from tests.factories import make_announcement
from tests.knowledge.guides.conftest import text

# one word each, so the analysis keeps them whole
SECRET = "Zaunkoenigsache"
MISSPELLED = "Zaunkoenigsachw"
SHARED = "Amselverfahren"


def secret_hit(results) -> bool:
    return any(SECRET in hit.title for hit in results.hits)


def channels(client, person) -> dict[str, bool]:
    """Whether the restricted items show up, per channel."""
    page = client.get(reverse("search:index"), {"q": SECRET}).content.decode()
    typed = client.get(reverse("search:suggest"), {"q": SECRET[:6]}).content.decode()
    shared = services.search(person, SHARED)
    misspelled = services.search(person, MISSPELLED)
    corrected_page = client.get(reverse("search:index"), {"q": MISSPELLED}).content.decode()
    # a word nobody wrote next to the secret: a partial match on the secret
    partial = services.search(person, f"{SECRET} Quxzyvolk")
    # the secret and the shared word run together: split against the vocabulary
    split = services.search(person, f"{SECRET}{SHARED}")
    counts = {facet: sum(c.count for c in values) for facet, values in shared.facets.items()}
    return {
        "hits": bool(services.search(person, SECRET).hits),
        "total": services.search(person, SECRET).total > 0,
        # the page repeats the query itself; what counts is a hit on it
        "page": 'data-testid="search-hit"' in page,
        "suggest": SECRET in typed,
        # the shared word is also in one public guide: counts beyond it are the secret's
        "shared_total": shared.total > 1,
        "facets": counts.get("kind", 0) > 1 or counts.get("organisation", 0) > 1,
        "snippets": any(SECRET in str(hit.snippet_html) for hit in shared.hits),
        # the vocabulary: neither suggested nor corrected to, nor its hits shown
        "spelling": (misspelled.suggestion or misspelled.corrected or "").lower() == SECRET.lower(),
        "correction": (misspelled.corrected or "").lower() == SECRET.lower()
        and secret_hit(misspelled),
        "correction_page": SECRET.lower() in corrected_page.lower(),
        "partial": secret_hit(partial) and partial.partial,
        "split": secret_hit(split),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsiders_find_no_trace_through_search(
    network, client_for, make_guide, django_capture_on_commit_callbacks, case
):
    make_audience, readers = CASES[case]
    with django_capture_on_commit_callbacks(execute=True):
        make_guide(
            f"Leitfaden {SHARED}",
            organisation=network.office_b,
            body=[text(f"<p>Öffentlich: {SHARED}.</p>")],
        )
        make_guide(
            f"Leitfaden {SECRET}",
            audience=make_audience(network),
            organisation=network.office_a,
            body=[text(f"<p>Intern: {SECRET} im {SHARED}.</p>")],
        )
        make_announcement(
            network.administrator,
            title=f"Mitteilung {SECRET}",
            body=f"{SECRET} und {SHARED}",
            audience=make_audience(network),
        )
    for name, person in network.people().items():
        seen = channels(client_for(person), person)
        if name in readers:
            missing = [channel for channel, shown in seen.items() if not shown]
            assert missing == [], f"{name} misses {case} in {missing}"
        elif name != "administrator":  # the announcement's author keeps sight of it
            shown = [channel for channel, shown in seen.items() if shown]
            assert shown == [], f"{name} sees {case} through {shown}"


def test_the_results_page_counts_only_visible_hits(network, client_for, make_guide):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        make_guide(
            f"Intern {SECRET}",
            audience=Audience.selected(organisations=[network.office_a]),
            organisation=network.office_a,
        )
    outsider = client_for(network.office_staff_b).get(reverse("search:index"), {"q": SECRET})
    insider = client_for(network.office_staff).get(reverse("search:index"), {"q": SECRET})
    assert 'data-testid="search-hit"' not in outsider.content.decode()
    assert re.search(r"\b0 Treffer", outsider.content.decode())
    assert re.search(r"\b1 Treffer", insider.content.decode())
