from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None, *, count: int | None = None) -> Page:
    """The requested page of ``queryset``; out-of-range numbers give the last page.

    ``count``: the length of ``queryset`` when the caller knows it already (a denormalised
    counter), which saves counting every row the reader may see."""
    paginator = Paginator(queryset, per_page or settings.ABHNETZ_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    return paginator.get_page(request.GET.get("seite"))
