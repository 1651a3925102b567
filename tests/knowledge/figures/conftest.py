import datetime
from decimal import Decimal

import pytest

from abhnetz.accounts.roles import Role
from knowledge.figures.models import Sharing
from knowledge.figures.numbers import add_months
from knowledge.figures.services import figure_month_save, figure_sharing_set
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def last_month() -> datetime.date:
    from django.utils import timezone

    return add_months(timezone.localdate().replace(day=1), -1)


@pytest.fixture
def office_c(network):
    """A third office, so network totals (which need three offices) appear."""
    office = OrganisationFactory(name="Ausländerbehörde Cestadt")
    office.staff = UserFactory(
        email="office@cestadt.example", organisation=office, roles=[Role.OFFICE_STAFF]
    )
    return office


@pytest.fixture
def submit_month():
    """Submit a month of figures as the office's staff member."""

    def submit(office, staff, month, **values):
        values = {key: Decimal(str(value)) for key, value in values.items()}
        values.setdefault("besuche_gesamt", Decimal(100))
        values.setdefault("personalstunden", Decimal(160))
        values.setdefault("oeffnungsstunden_woche", Decimal(25))
        return figure_month_save(
            organisation=office, month=month, values=values, by=staff, submit=True
        )

    return submit


@pytest.fixture
def share():
    def set_sharing(office, staff, sharing: Sharing):
        return figure_sharing_set(organisation=office, sharing=sharing, by=staff)

    return set_sharing
