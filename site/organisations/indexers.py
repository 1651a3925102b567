"""Organisations in the search: every member may find the directory's entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import MEMBER_KEY
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .models import Organisation


def organisation_facet(organisation: Organisation | None) -> FacetValue | None:
    """The organisation facet of any document: one value scheme for every indexer.

    The slug is the value because it is stable, unique and already the directory's
    URL; the name is only the label.
    """
    if organisation is None:
        return None
    return FacetValue(value=organisation.slug or str(organisation.pk), label=organisation.name)


class OrganisationIndexer(Indexer):
    name = "organisation"
    model = Organisation
    kinds = {"organisation": (_("Organisation"), _("Organisations"))}

    def queryset(self):
        # The directory lists every organisation (there is no "inactive" flag).
        return Organisation.objects.all()

    def documents(self, obj: Organisation):
        summary = ", ".join(part for part in (obj.get_kind_display(), obj.city) if part)
        # What the directory's page shows every member; not the e-mail domains, which
        # only administrators see there.
        body = "\n".join(
            part
            for part in (
                obj.short_name,
                obj.get_state_display(),
                *obj.address_lines,
                obj.email,
                obj.phone,
                obj.website,
                obj.description,
            )
            if part
        )
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="organisation",
            title=obj.name,
            url=obj.get_absolute_url(),
            audience_keys=frozenset({MEMBER_KEY}),
            summary=summary,
            body=body,
            organisation=organisation_facet(obj),
            audience_scope="member",
        )
