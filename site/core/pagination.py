from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """The requested page of ``queryset``; out-of-range numbers give the last page."""
    paginator = Paginator(queryset, per_page or settings.ABHNETZ_PAGE_SIZE)
    return paginator.get_page(request.GET.get("seite"))
