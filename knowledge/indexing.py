"""What the knowledge indexers share (guides and minutes both live in spaces)."""

from __future__ import annotations

from wagtail.models import Page

from abhnetz.organisations.models import WorkingGroup
from search.documents import FacetValue


def working_group_facet(page: Page) -> FacetValue | None:
    """The working group whose space the page lives in (one query), or None."""
    return working_group_facets([page])[page.pk]


def working_group_facets(pages) -> dict[int, FacetValue | None]:
    """``working_group_facet`` of many pages in one query: {page pk: facet or None}."""
    pages = list(pages)
    parents = {page.pk: page.path[: -Page.steplen] for page in pages}
    groups = {
        path: FacetValue(slug, name)
        for path, slug, name in WorkingGroup.objects.filter(
            space_page__path__in=set(parents.values())
        ).values_list("space_page__path", "slug", "name")
    }
    return {pk: groups.get(path) for pk, path in parents.items()}
