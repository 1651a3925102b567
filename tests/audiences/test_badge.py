"""The audience badge reads the same wherever it appears: listing, page, search hit."""

from __future__ import annotations

import re

import pytest

from abhnetz.audiences.models import Audience
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401
from tests.knowledge.guides.conftest import make_guide  # noqa: F401

BADGE = re.compile(
    r'<span class="kern-badge[^"]*"[^>]*data-testid="audience-badge">.*?</span></span>', re.S
)


def badges(html: str) -> list[str]:
    return BADGE.findall(html)


AUDIENCES = {
    "network": lambda n: Audience.network(),
    "network_and_board": lambda n: Audience.network(advisory_board=True),
    "offices": lambda n: Audience.offices(),
    "office_a_group_and_board": lambda n: Audience.selected(
        organisations=[n.office_a], working_groups=[n.digital_group], advisory_board=True
    ),
}


@pytest.mark.parametrize("audience", sorted(AUDIENCES))
def test_the_listing_and_the_search_show_the_same_badge(
    network,
    client_for,
    make_guide,  # noqa: F811
    django_capture_on_commit_callbacks,
    audience,
):
    # given one published page for this audience, indexed
    with django_capture_on_commit_callbacks(execute=True):
        page = make_guide("Leitfaden Wohnsitzauflage", audience=AUDIENCES[audience](network))
    client = client_for(network.office_staff)

    # when office A's staff see it in the listing, on its page and in the search
    listing = badges(client.get("/wissen/").content.decode())
    detail = badges(client.get(page.url).content.decode())
    found = badges(client.get("/suche/", {"q": "Wohnsitzauflage"}).content.decode())

    # then the badge is the same markup and words in all three
    assert len(listing) == len(found) == 1, (listing, found)
    assert listing == found
    assert listing[0] in detail
