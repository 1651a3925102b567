"""Every role × every sharing choice × every channel: an office's named key figures
reach only those its choice admits (and the coordination), never anyone else, not
even as its name next to a number."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from knowledge.figures.models import Sharing
from knowledge.figures.permissions import may_see_named
from tests.knowledge.figures import conftest as figure_fixtures

# the key-figure fixtures, shared with tests/knowledge/figures
last_month = figure_fixtures.last_month
office_c = figure_fixtures.office_c
share = figure_fixtures.share
submit_month = figure_fixtures.submit_month

# who sees office A by name, per choice (office A's own staff and the coordination always)
OWN = {"office_staff", "moderator", "coordinator"}
ADMITTED = {
    Sharing.NETWORK: OWN | {"office_staff_b", "partner", "administrator"},
    Sharing.OFFICES: OWN | {"office_staff_b"},
    Sharing.ANONYMOUS: OWN,
}
ROLES = ["office_staff", "office_staff_b", "partner", "board_member", "coordinator",
         "moderator", "administrator"]  # fmt: skip
CHANNELS = ["table", "chart", "export", "spreadsheet"]
SVG = re.compile(r"<svg[^>]*figures-svg.*?</svg>", re.S)
TABLE = re.compile(r'<table class="kern-table" data-testid="figures-comparison">.*?</table>', re.S)


@pytest.fixture
def figures(network, office_c, submit_month, share, last_month):
    """Three offices submitted last month, with concerns; B and C share with the network."""
    for office, staff, visits in (
        (network.office_a, network.office_staff, 4321),
        (network.office_b, network.office_staff_b, 1000),
        (office_c, office_c.staff, 2000),
    ):
        submit_month(
            office, staff, last_month, besuche_gesamt=visits, anliegen_unterlagen=visits // 2
        )
    share(network.office_b, network.office_staff_b, Sharing.NETWORK)
    share(office_c, office_c.staff, Sharing.NETWORK)
    return network


def read(client, channel: str) -> str:
    if channel == "spreadsheet":
        content = client.get(reverse("figures:export_ods")).content
        xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
        return xml.replace('office:value="4321"', "4.321")  # numbers are stored plainly
    if channel == "export":
        return client.get(reverse("figures:export_csv")).content.decode("utf-8-sig")
    page = client.get(reverse("figures:index")).content.decode()
    if channel == "table":
        return "".join(TABLE.findall(page))
    return "".join(SVG.findall(page))


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("sharing", list(Sharing))
@pytest.mark.parametrize("role", ROLES)
def test_named_figures_reach_only_whom_the_office_chose(
    figures, client_for, share, role, sharing, channel
):
    # given office A's choice
    share(figures.office_a, figures.office_staff, sharing)
    client = client_for(getattr(figures, role))
    # when the person reads the channel
    seen = read(client, channel)
    # then office A's name (and its own number) appear only for those admitted
    name = figures.office_a.name
    if role in ADMITTED[sharing]:
        assert name in seen
        assert "4.321" in seen or channel == "chart"
    else:
        assert name not in seen
        assert "4.321" not in seen
        # nowhere else on the page either
        page = client.get(reverse("figures:index")).content.decode()
        assert name not in page


@pytest.mark.parametrize("sharing", list(Sharing))
@pytest.mark.parametrize("role", ROLES)
def test_the_pure_check_matches_the_matrix(network, role, sharing):
    user = getattr(network, role)
    assert may_see_named(user, network.office_a.pk, sharing) == (role in ADMITTED[sharing])


def test_an_anonymous_office_counts_in_the_totals(figures, client_for, share, last_month):
    # given office A shares only anonymously
    share(figures.office_a, figures.office_staff, Sharing.ANONYMOUS)
    # when the partner reads the comparison
    response = client_for(figures.partner).get(reverse("figures:index"))
    table = response.context["table"]
    # then A's visits are in the network total (4.321 + 1.000 + 2.000) but not by name
    month = table.months.index(last_month)
    assert table.totals[month] == 7321
    assert table.medians[month] == 2000
    assert {row.name for row in table.rows} == {figures.office_b.name, "Ausländerbehörde Cestadt"}


def test_totals_are_hidden_with_fewer_than_three_offices(
    network, client_for, submit_month, share, last_month
):
    # given two offices, B named and A anonymous: a total would reveal A's number
    submit_month(network.office_a, network.office_staff, last_month, besuche_gesamt=4321)
    submit_month(network.office_b, network.office_staff_b, last_month, besuche_gesamt=1000)
    share(network.office_b, network.office_staff_b, Sharing.NETWORK)
    # when the partner reads the comparison
    response = client_for(network.partner).get(reverse("figures:index"))
    # then neither median nor total is shown, and nothing of A
    table = response.context["table"]
    month = table.months.index(last_month)
    assert table.totals[month] is None
    assert table.medians[month] is None
    assert "5.321" not in response.content.decode()
    assert "4.321" not in response.content.decode()
