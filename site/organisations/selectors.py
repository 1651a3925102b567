"""Reads for the organisation directory: one query per list, whatever its length."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from wagtail.images import get_image_model

from .models import Organisation, OrganisationKind

# The rendition the directory shows; prefetched so a logo costs no query per row.
LOGO_LIST_SPEC = "max-160x80"
LOGO_DETAIL_SPEC = "max-320x160"


def _kind_order() -> Case:
    """Kinds in the order of their choices (offices first), not alphabetically by code."""
    kinds = OrganisationKind.values
    return Case(
        *(When(kind=value, then=Value(index)) for index, value in enumerate(kinds)),
        default=Value(len(kinds)),
        output_field=IntegerField(),
    )


def _with_logo(queryset: QuerySet, spec: str) -> QuerySet:
    images = get_image_model().objects.prefetch_renditions(spec)
    return queryset.prefetch_related(Prefetch("logo", queryset=images))


def organisation_directory(*, kind: str = "", state: str = "") -> QuerySet[Organisation]:
    """Organisations ordered by kind, then name, each with its active ``member_count``."""
    organisations = Organisation.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True)),
        kind_order=_kind_order(),
    ).order_by("kind_order", "name")
    if kind:
        organisations = organisations.filter(kind=kind)
    if state:
        organisations = organisations.filter(state=state)
    return _with_logo(organisations, LOGO_LIST_SPEC)


def organisation_for_page() -> QuerySet[Organisation]:
    return _with_logo(Organisation.objects.all(), LOGO_DETAIL_SPEC)


def organisation_members(organisation: Organisation) -> QuerySet:
    """Its current members; deleted accounts are gone and deactivated ones are hidden."""
    return organisation.members.filter(is_active=True).order_by("last_name", "first_name")
