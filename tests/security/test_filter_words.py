"""Filter values in URLs are German words, never model labels (issue #9)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps

from knowledge.selectors import PAGE_TYPE_WORDS, knowledge_page_types, page_type_key

# "guides.", "minutes.", "documents.", … : every installed app's label with its dot
MODEL_LABELS = sorted({f"{config.label}." for config in apps.get_app_configs()})


def filter_values(html: str) -> list[str]:
    """Every value a filter can send: option and checkbox values, and link queries."""
    values = re.findall(r'<option value="([^"]*)"', html)
    values += re.findall(r'type="checkbox" name="[^"]+" value="([^"]*)"', html)
    values += re.findall(r'href="([^"]*\?[^"]*)"', html)
    return values


def leaked(values: list[str]) -> list[str]:
    return [value for value in values if any(label in value for label in MODEL_LABELS)]


def test_every_page_type_has_a_german_word(db):
    words = [page_type_key(model) for model in knowledge_page_types()]
    assert len(set(words)) == len(words)
    assert set(PAGE_TYPE_WORDS.values()) >= {"leitfaden", "protokoll"}
    assert not leaked(words)


def test_the_listing_offers_and_links_no_model_label(
    network,
    client_for,
    make_guide,
    django_capture_on_commit_callbacks,
):
    # given a guide in the listing and in the search
    with django_capture_on_commit_callbacks(execute=True):
        make_guide("Leitfaden ServicePoint")
    client = client_for(network.office_staff)

    # when office staff open the listing (filtered by type) and the search with its facets
    listing = client.get("/wissen/", {"art": "leitfaden", "seite": "1"}).content.decode()
    found = client.get("/suche/", {"q": "ServicePoint", "art": "leitfaden"}).content.decode()

    # then no filter value or filter link carries a model label
    assert 'value="leitfaden" selected' in listing
    assert "leitfaden" in filter_values(found)
    assert not leaked(filter_values(listing)), leaked(filter_values(listing))
    assert not leaked(filter_values(found)), leaked(filter_values(found))


@pytest.mark.parametrize("old", ["guides.guidepage"])
def test_an_old_address_with_a_model_label_still_filters(
    network,
    client_for,
    make_guide,
    old,
):
    make_guide("Leitfaden ServicePoint")
    client = client_for(network.office_staff)

    response = client.get("/wissen/", {"art": old})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="leitfaden" selected' in html
    assert "Leitfaden ServicePoint" in html
