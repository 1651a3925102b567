"""Reads of key figures, each narrowed to what the reader may see by name.

Every function asks ``permissions.named_offices`` which offices the reader sees by
name; the others count only in network totals and medians, which need
``MIN_OFFICES_FOR_TOTALS`` contributions (docs/decisions/0033).
"""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from abhnetz.organisations.models import Organisation, OrganisationKind

from .models import (
    FigureCheck,
    FigureDefinition,
    FigureMonth,
    FigureSharing,
    FigureValue,
    MonthStatus,
    Sharing,
)
from .permissions import MIN_OFFICES_FOR_TOTALS, may_oversee_figures, named_offices


def offices():
    return Organisation.objects.filter(kind=OrganisationKind.OFFICE).order_by("name")


def sharing_by_office() -> dict[int, str]:
    """Every office's sharing choice; an office that chose nothing is anonymous."""
    stored = dict(FigureSharing.objects.values_list("organisation_id", "sharing"))
    return {pk: stored.get(pk, Sharing.ANONYMOUS) for pk in offices().values_list("pk", flat=True)}


def visible_offices(user) -> set[int]:
    """The offices ``user`` sees by name; worked out once per request (cached on the user)."""
    cached = getattr(user, "_figures_named_offices", None)
    if cached is None:
        cached = named_offices(user, sharing_by_office())
        if getattr(user, "pk", None):
            user._figures_named_offices = cached
    return cached


def named_office_choices(user) -> list[tuple[int, str]]:
    """(id, name) of the offices ``user`` sees by name, for the office filter."""
    visible = visible_offices(user)
    return [(pk, name) for pk, name in offices().values_list("pk", "name") if pk in visible]


@dataclass
class OfficeRow:
    organisation_id: int
    name: str
    cells: list  # one Decimal or None per month


@dataclass
class Comparison:
    definition: FigureDefinition
    months: list
    rows: list = field(default_factory=list)  # named offices only
    medians: list = field(default_factory=list)  # None where too few offices
    totals: list = field(default_factory=list)
    contributors: list = field(default_factory=list)

    def by_month(self) -> list[tuple]:
        """(month, named cells, median, total, offices reporting) per month, for the table."""
        return [
            (
                month,
                [row.cells[i] for row in self.rows],
                self.medians[i],
                self.totals[i],
                self.contributors[i],
            )
            for i, month in enumerate(self.months)
        ]


def _aggregate(numbers: list[Decimal], show: bool) -> tuple:
    if not show or not numbers:
        return None, None
    return Decimal(statistics.median(numbers)), sum(numbers, Decimal(0))


def comparison(user, definition: FigureDefinition, months: list[datetime.date]) -> Comparison:
    """Offices by month for one figure, with the network median and total.

    Two queries however many offices and months: the submitted values, the sharing
    choices (the reader's roles are cached on the user).
    """
    visible = visible_offices(user)
    overseer = may_oversee_figures(user)
    index = {month: i for i, month in enumerate(months)}
    values = FigureValue.objects.filter(
        definition=definition,
        figure_month__month__in=months,
        figure_month__status=MonthStatus.SUBMITTED,
        figure_month__organisation__kind=OrganisationKind.OFFICE,
    ).values_list(
        "figure_month__organisation_id",
        "figure_month__organisation__name",
        "figure_month__month",
        "value",
    )
    rows: dict[int, OfficeRow] = {}
    per_month: list[list[Decimal]] = [[] for _month in months]
    for organisation_id, name, month, value in values:
        per_month[index[month]].append(value)
        # a name reaches the page only for offices the reader may see by name
        if organisation_id in visible:
            row = rows.setdefault(
                organisation_id, OfficeRow(organisation_id, name, [None] * len(months))
            )
            row.cells[index[month]] = value
    result = Comparison(definition=definition, months=months)
    result.rows = sorted(rows.values(), key=lambda row: row.name)
    for numbers in per_month:
        show = overseer or len(numbers) >= MIN_OFFICES_FOR_TOTALS
        median, total = _aggregate(numbers, show)
        result.medians.append(median)
        result.totals.append(total)
        result.contributors.append(len(numbers))
    return result


@dataclass
class ConcernRow:
    name: str
    shares: list  # (definition, sum, percent) per concern
    total: Decimal


def concerns_per_office(
    user, months: list[datetime.date], network_label: str, only: int | None = None
) -> list:
    """How each named office's visits split by concern over the period, and the network's."""
    concerns = list(
        FigureDefinition.objects.filter(check_as=FigureCheck.CONCERN).order_by("sort_order", "pk")
    )
    visible = visible_offices(user)
    sums = (
        FigureValue.objects.filter(
            definition__in=concerns,
            figure_month__month__in=months,
            figure_month__status=MonthStatus.SUBMITTED,
            figure_month__organisation__kind=OrganisationKind.OFFICE,
        )
        .values(
            "figure_month__organisation_id", "figure_month__organisation__name", "definition_id"
        )
        .annotate(total=Sum("value"))
    )
    by_office: dict[int, dict] = {}
    network: dict[int, Decimal] = {}
    contributors: set[int] = set()
    for row in sums:
        organisation_id = row["figure_month__organisation_id"]
        contributors.add(organisation_id)
        network[row["definition_id"]] = network.get(row["definition_id"], 0) + row["total"]
        if organisation_id in visible and only in (None, organisation_id):
            office = by_office.setdefault(
                organisation_id, {"name": row["figure_month__organisation__name"], "sums": {}}
            )
            office["sums"][row["definition_id"]] = row["total"]

    def build(name: str, sums: dict) -> ConcernRow:
        total = sum(sums.values(), Decimal(0))
        shares = [
            (d, sums.get(d.pk, Decimal(0)), (sums.get(d.pk, 0) / total * 100) if total else 0)
            for d in concerns
        ]
        return ConcernRow(name=name, shares=shares, total=total)

    result = [
        build(o["name"], o["sums"]) for o in sorted(by_office.values(), key=lambda o: o["name"])
    ]
    if network and (len(contributors) >= MIN_OFFICES_FOR_TOTALS or may_oversee_figures(user)):
        result.append(build(network_label, network))
    return result


def export_rows(user, months: list[datetime.date], definitions: list[FigureDefinition]):
    """(office name, month, {key: value}) for the submitted months of named offices."""
    visible = visible_offices(user)
    values = FigureValue.objects.filter(
        figure_month__organisation_id__in=visible,
        figure_month__month__in=months,
        figure_month__status=MonthStatus.SUBMITTED,
        definition__in=definitions,
    ).values_list(
        "figure_month__organisation__name", "figure_month__month", "definition__key", "value"
    )
    table: dict[tuple, dict] = {}
    for name, month, key, value in values:
        table.setdefault((name, month), {})[key] = value
    return [(name, month, table[(name, month)]) for name, month in sorted(table)]


def office_months(organisation: Organisation):
    return FigureMonth.objects.filter(organisation=organisation).order_by("-month")


def missing_months(months: list[datetime.date]) -> list[tuple[Organisation, list]]:
    """Each office and the months of ``months`` it has not submitted (two queries)."""
    submitted = set(
        FigureMonth.objects.filter(month__in=months, status=MonthStatus.SUBMITTED).values_list(
            "organisation_id", "month"
        )
    )
    result = []
    for office in offices():
        missing = [m for m in months if (office.pk, m) not in submitted]
        if missing:
            result.append((office, missing))
    return result
