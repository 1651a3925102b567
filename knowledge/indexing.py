"""What the knowledge indexers share (guides and minutes both live in spaces)."""

from __future__ import annotations

from wagtail.models import Page

from abhnetz.organisations.models import WorkingGroup
from search.documents import FacetValue


def working_group_facet(page: Page) -> FacetValue | None:
    """The working group whose space the page lives in (one query), or None."""
    group = (
        WorkingGroup.objects.filter(space_page__path=page.path[: -Page.steplen])
        .only("slug", "name")
        .first()
    )
    return FacetValue(group.slug, group.name) if group else None
