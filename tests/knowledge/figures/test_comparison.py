"""The comparison page: table, charts with their data tables, German formats, queries."""

from django.urls import reverse

from abhnetz.accounts.roles import Role
from knowledge.figures.models import Sharing
from knowledge.figures.numbers import add_months
from tests.factories import OrganisationFactory, UserFactory

URL = reverse("figures:index")


def test_the_page_shows_table_and_charts_in_german(
    network, office_c, client_for, submit_month, share, last_month
):
    # given three offices with March-style figures over two months
    for office, staff in (
        (network.office_a, network.office_staff),
        (network.office_b, network.office_staff_b),
        (office_c, office_c.staff),
    ):
        for back in (0, 1):
            submit_month(
                office,
                staff,
                add_months(last_month, -back),
                besuche_gesamt=1234,
                anliegen_unterlagen=600,
            )
    share(network.office_b, network.office_staff_b, Sharing.NETWORK)
    # when office A's staff open the comparison
    response = client_for(network.office_staff).get(URL)
    page = response.content.decode()
    # then the numbers and months are German, each chart is an accessible SVG with a table
    assert "1.234" in page
    assert "3.702" in page  # the network total of the month
    from django.utils import dateformat

    assert dateformat.format(last_month, "F Y") in page
    assert page.count('role="img"') == 2
    assert 'aria-labelledby="trend-title trend-desc"' in page
    assert "<title id=" in page
    assert "<desc id=" in page
    assert 'data-testid="figures-trend-table"' in page
    assert 'data-testid="figures-concern-table"' in page
    assert " style=" not in page.split("<main", 1)[-1]  # strict CSP: no inline styles


def test_the_comparison_costs_the_same_queries_for_more_offices_and_months(
    network, client_for, submit_month, share, last_month, queries
):
    # given one office with one month
    submit_month(network.office_a, network.office_staff, last_month)
    client = client_for(network.coordinator)

    def add_items():
        for n in range(4):
            office = OrganisationFactory(name=f"Ausländerbehörde Nummer {n}")
            staff = UserFactory(organisation=office, roles=[Role.OFFICE_STAFF])
            share(office, staff, Sharing.NETWORK)
            for back in range(6):
                submit_month(office, staff, add_months(last_month, -back))

    # then the count does not grow with offices and months:
    # 1 session, 2 user, 3 the reader's roles, 4 sharing choices, 5 offices (with no
    # choice: anonymous), 6 offices with names (the office filter), 7 the default
    # figure, 8 the reader's organisation (may they enter?), 9 the figure's submitted
    # values, 10 concern definitions, 11 concern sums, 12 unread notifications
    # (header), 13 figure and 14 group choices (filter form), 15 legal pages (footer)
    queries.assert_constant(lambda: client.get(URL), add_items, expected=15)


def test_the_office_filter_offers_only_offices_seen_by_name(
    network, office_c, client_for, submit_month, share, last_month
):
    # given B shares with the network, C only anonymously, and all three reported
    for office, staff in (
        (network.office_a, network.office_staff),
        (network.office_b, network.office_staff_b),
        (office_c, office_c.staff),
    ):
        submit_month(office, staff, last_month, anliegen_unterlagen=10)
    share(network.office_b, network.office_staff_b, Sharing.NETWORK)
    client = client_for(network.partner)
    # then the partner can choose only B, and choosing B shows B alone
    choices = dict(client.get(URL).context["form"].fields["office"].choices)
    assert set(choices) == {"", network.office_b.pk}
    response = client.get(URL, {"office": network.office_b.pk})
    assert [row.name for row in response.context["table"].rows] == [network.office_b.name]
    # and asking for C by its id is refused at the field, showing nothing of C
    response = client.get(URL, {"office": office_c.pk})
    assert "office" in response.context["form"].errors
    assert office_c.name not in response.content.decode()
