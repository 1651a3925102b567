"""Every role × every sharing choice × every way the search can show something: an
office's key figures are found by name only by those its choice admits (and the
coordination), never by anyone else: not as a hit, in the total, a facet count, a
snippet, the results page or the header's suggestions while typing."""

import re

import pytest
from django.urls import reverse

from knowledge.figures.models import Sharing
from search import services
from tests.knowledge.figures import conftest as figure_fixtures
from tests.security.test_figures_sharing import ADMITTED, ROLES

last_month = figure_fixtures.last_month
office_c = figure_fixtures.office_c
share = figure_fixtures.share
submit_month = figure_fixtures.submit_month

TAGS = re.compile(r"<[^>]+>")


@pytest.fixture
def indexed(network, office_c, submit_month, share, last_month, django_capture_on_commit_callbacks):
    """Three offices submitted last month (indexed after commit); B and C share with the
    network. Office A's visits are 4.321, a number no other office has."""
    with django_capture_on_commit_callbacks(execute=True):
        for office, staff, visits in (
            (network.office_a, network.office_staff, 4321),
            (network.office_b, network.office_staff_b, 1000),
            (office_c, office_c.staff, 2000),
        ):
            submit_month(office, staff, last_month, besuche_gesamt=visits)
        share(network.office_b, network.office_staff_b, Sharing.NETWORK)
        share(office_c, office_c.staff, Sharing.NETWORK)
    return network


def names_office(text: str, office) -> bool:
    return office.name in text or f"office={office.pk}" in text


def all_words_found(results) -> bool:
    """Hits with every word: a near miss ("Kennzahlen" of other offices, the directory's
    "Adorf") is what anyone may find, and says so with ``partial``."""
    return results.total > 0 and not results.partial and results.corrected is None


def channels(client, person, office) -> dict[str, bool]:
    """Whether office A's figures show up, per channel."""
    # "Adorf" alone also finds the directory's entry, which every member may find:
    # "Kennzahlen Adorf" needs the figures' own document
    named = services.search(person, "Kennzahlen Adorf")
    figures = services.search(person, "Kennzahlen")
    number = services.search(person, "4.321")
    facets = {facet: {c.value: c.count for c in values} for facet, values in figures.facets.items()}
    page = client.get(reverse("search:index"), {"q": "Kennzahlen Adorf"}).content.decode()
    typed = client.get(reverse("search:suggest"), {"q": "Kennzahlen Ado"}).content.decode()
    return {
        "hits": any(names_office(f"{hit.title} {hit.url}", office) for hit in figures.hits),
        "total": all_words_found(named),
        "number": number.total > 0,
        "facets": facets.get("organisation", {}).get(office.slug, 0) > 0,
        "snippets": any(
            office.name in TAGS.sub("", str(hit.title_html) + str(hit.snippet_html))
            or "4.321" in str(hit.snippet_html)
            for hit in figures.hits
        ),
        # the page echoes the query: what counts is a hit that names the office
        "page": names_office(TAGS.sub("", page).replace("Kennzahlen Adorf", ""), office),
        "suggest": office.name in TAGS.sub("", typed),
        "suggest_service": any(
            office.name in hit.title for hit in services.suggest(person, "Kennzahlen Ado")
        ),
    }


@pytest.mark.parametrize("sharing", list(Sharing))
def test_named_figures_are_found_only_by_whom_the_office_chose(
    indexed, client_for, share, sharing, django_capture_on_commit_callbacks
):
    # given office A's choice (stored like any choice: its document follows at once)
    with django_capture_on_commit_callbacks(execute=True):
        share(indexed.office_a, indexed.office_staff, sharing)
    for role in ROLES:
        person = getattr(indexed, role)
        # when the person searches, on the page, in the header and through the service
        seen = channels(client_for(person), person, indexed.office_a)
        # then every channel shows office A exactly to those its choice admits
        if role in ADMITTED[sharing]:
            missing = [channel for channel, shown in seen.items() if not shown]
            assert missing == [], f"{role} misses office A ({sharing}) in {missing}"
        else:
            shown = [channel for channel, shown in seen.items() if shown]
            assert shown == [], f"{role} finds office A ({sharing}) through {shown}"


@pytest.mark.parametrize("role", ROLES)
def test_a_narrowed_choice_hides_the_office_before_commit(indexed, share, role):
    # given office A shared with the network and was found by name
    share(indexed.office_a, indexed.office_staff, Sharing.NETWORK)
    person = getattr(indexed, role)
    # when A narrows its choice to anonymous (no after-commit task runs in this test)
    share(indexed.office_a, indexed.office_staff, Sharing.ANONYMOUS)
    # then in the same transaction only A's own people and the coordination find it
    found = all_words_found(services.search(person, "Kennzahlen Adorf"))
    assert found == (role in ADMITTED[Sharing.ANONYMOUS])


def test_the_schema_is_found_by_everyone_and_names_no_office(indexed, client_for):
    # given the programme's figure groups are indexed (the data migration's schema)
    from search.services import rebuild

    rebuild(indexer_names=["figure_group"])
    for role in ROLES:
        person = getattr(indexed, role)
        # when anyone, the advisory board too, searches for waiting times
        results = services.search(person, "Wartezeit", filters={"kind": ["figures"]})
        # then the group's comparison is found, with no office's name or number in it
        groups = [hit for hit in results.hits if "group=" in hit.url]
        assert groups, role
        for hit in groups:
            text = TAGS.sub("", str(hit.title_html) + str(hit.snippet_html))
            assert "Ausländerbehörde" not in text
            assert "4.321" not in text
