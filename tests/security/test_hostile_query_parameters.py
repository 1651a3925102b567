"""Hostile GET parameters on every list and search view: a normal page, never a 500.

Each filter of each list (the search, the header's suggestions, the knowledge listing,
the forms library, the task and decision registers, the topic pages, organisations,
people, announcements) gets every value below, alone, repeated and as ``name[]``. The
answer is a page (200 with the error next to the field, or 400), whatever the value.
"""

from __future__ import annotations

import pytest

from abhnetz.topics.models import Topic

HOSTILE_VALUES = [
    "99999999999999999999999",  # past any database integer (OverflowError before)
    "-99999999999999999999",
    "-1",
    "0",
    "1e308",
    "NaN",
    "abc",
    "\x00",
    "20\x0026",
    "x" * 10_000,
    "²",  # str.isdigit() is true, int() fails
    "١٢٣",  # Arabic-Indic digits: isdigit() and int() accept them
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "2026-02-30",
    "31.12.99999",
    "0001-01-01",
    "9999-12-31",
    "../../etc/passwd",
    "🙂" * 100,
    " ",
]

# every GET parameter each list view reads
VIEWS = {
    "/suche/": [
        *("q", "sortierung", "seite"),
        *("art", "thema", "organisation", "arbeitsgruppe", "jahr"),
    ],
    "/suche/vorschlaege/": ["q"],
    "/wissen/": ["thema", "organisation", "art", "seit", "sortierung", "seite"],
    "/wissen/formulare/": ["thema", "sprache", "seite"],
    "/wissen/aufgaben/": [
        "verantwortlich",
        "meine",
        "organisation",
        "arbeitsgruppe",
        "ueberfaellig",
        "seite",
    ],
    "/wissen/beschluesse/": ["q", "thema", "von", "bis", "seite"],
    "/wissen/themen/": ["seite"],
    "/wissen/themen/aufenthalt/": ["seite"],
    "/organisationen/": ["kind", "state", "seite"],
    "/personen/": ["q", "organisation", "topic", "seite"],
    "/mitteilungen/": ["seite"],
}
CASES = [(url, param) for url, params in VIEWS.items() for param in params]


@pytest.fixture
def reader(network, client_for, knowledge_index):
    Topic.objects.get_or_create(slug="aufenthalt", defaults={"name": "Aufenthalt"})
    return client_for(network.office_staff)


@pytest.mark.parametrize(("url", "param"), CASES, ids=[f"{u}?{p}" for u, p in CASES])
def test_no_value_of_a_filter_gives_a_server_error(reader, url, param):
    # given a signed-in reader and a search word where the view needs one
    base = {} if param == "q" else {"q": "Antrag"}
    queries = [{param: value} for value in HOSTILE_VALUES]
    # the worst values among others and as an array too (fewer: each is a request)
    queries += [{param: [value, "1"]} for value in HOSTILE_VALUES[:3]]
    queries += [{f"{param}[]": value} for value in HOSTILE_VALUES[:3]]
    # when each arrives
    answers = {
        repr(query)[:60]: reader.get(url, {**base, **query}).status_code for query in queries
    }
    # then every answer is a page: shown with the error, or refused as a bad request
    broken = {case: status for case, status in answers.items() if status not in (200, 400)}
    assert not broken, broken
