"""Key figures in the search (docs/decisions/0037).

- One document per office that has submitted a month: its name, its latest submitted
  month and that month's figures. Its keys are exactly who may see the office's figures
  by name (``permissions.roles_seeing_named`` and the office's own group), so an office
  that shares only anonymously is found by nobody but itself and the coordination: not
  in hits, totals, facet counts, snippets or suggestions.
- One document per figure group (Besuche nach Anliegen, Wartezeiten, ...): its figures'
  labels and help texts, for every member, leading to the comparison of that group.
  It never carries an office's name or number.

A changed sharing choice rewrites the office's document in the saving transaction
(``signal_handlers``); new months, renamed offices and figures are reindexed after
commit like any content.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abhnetz.audiences.rules import MEMBER_KEY, role_group_ids
from abhnetz.organisations.indexers import organisation_facet
from abhnetz.organisations.models import Organisation, OrganisationKind
from search.documents import SearchDocument
from search.registry import Indexer

from .models import FigureDefinition, FigureGroup, FigureMonth, FigureSharing, MonthStatus, Sharing
from .numbers import format_number
from .permissions import roles_seeing_named

KINDS = {"figures": (gettext_lazy("Key figures"), gettext_lazy("Key figures"))}
# the audience badge of a hit, per choice ("selected": the office and the coordination)
SCOPES = {Sharing.NETWORK: "network", Sharing.OFFICES: "offices", Sharing.ANONYMOUS: "selected"}


def office_keys(office: Organisation, sharing: str) -> frozenset[str]:
    """Who may find the office's figures: the same people ``may_see_named`` admits."""
    groups = {office.group_id, *role_group_ids(*roles_seeing_named(sharing))}
    return frozenset(f"g{group_id}" for group_id in groups)


def _label(definition: FigureDefinition) -> str:
    if definition.unit:
        return _("%(label)s (%(unit)s)") % {"label": definition.label, "unit": definition.unit}
    return definition.label


def _comparison_url(parameter: str, value: int) -> str:
    return f"{reverse('figures:index')}?{parameter}={value}"


class OfficeFiguresIndexer(Indexer):
    name = "office_figures"
    model = Organisation
    kinds = KINDS
    # a submitted or corrected month (its values are saved with it), a renamed figure
    related = {
        FigureMonth: lambda month: [month.organisation],
        FigureDefinition: lambda definition: list(
            Organisation.objects.filter(kind=OrganisationKind.OFFICE)
        ),
    }

    def queryset(self):
        return Organisation.objects.filter(kind=OrganisationKind.OFFICE)

    def documents(self, obj: Organisation):
        latest = (
            FigureMonth.objects.filter(organisation=obj, status=MonthStatus.SUBMITTED)
            .order_by("-month")
            .first()
        )
        if latest is None:
            return  # nothing to compare yet
        stored = FigureSharing.objects.filter(organisation=obj).values_list("sharing", flat=True)
        sharing = stored.first() or Sharing.ANONYMOUS
        values = latest.values.select_related("definition").order_by(
            "definition__group__sort_order", "definition__sort_order", "definition_id"
        )
        months = FigureMonth.objects.filter(organisation=obj, status=MonthStatus.SUBMITTED)
        # the index speaks the site's language, whoever's request saved the month
        with translation.override(settings.LANGUAGE_CODE):
            month = dateformat.format(latest.month, "F Y")
            title = _("Key figures: %(office)s") % {"office": obj.name}
            summary = _("Latest month submitted: %(month)s (%(count)s months in all).") % {
                "month": month,
                "count": months.count(),
            }
            body = "\n".join(
                f"{_label(value.definition)}: {format_number(value.value)}" for value in values
            )
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="figures",
            title=title,
            url=_comparison_url("office", obj.pk),
            audience_keys=office_keys(obj, sharing),
            summary=summary,
            body=body,
            organisation=organisation_facet(obj),
            date=latest.submitted_at,
            audience_scope=SCOPES.get(sharing, "selected"),
        )


class FigureGroupIndexer(Indexer):
    name = "figure_group"
    model = FigureGroup
    kinds = KINDS
    related = {FigureDefinition: lambda definition: [definition.group]}

    def documents(self, obj: FigureGroup):
        definitions = list(obj.definitions.filter(retired_from__isnull=True))
        if not definitions:
            return
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Key figures: %(group)s") % {"group": obj.label}
            summary = _("The offices' monthly figures compared with the network.")
            body = "\n".join(part for d in definitions for part in (_label(d), d.help_text) if part)
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="figures",
            title=title,
            url=_comparison_url("group", obj.pk),
            # the schema is no office's: every member may find it (no name, no number)
            audience_keys=frozenset({MEMBER_KEY}),
            summary=summary,
            body=body,
            audience_scope="member",
        )
