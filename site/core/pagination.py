from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator

# A long list counts this many rows and says "more than 1,000" beyond (issue #15, as the
# search's COUNT_CAP): counting 40,000 rows through the audience rule costs more than
# the page itself, and nobody pages past the thousandth row of a list they can filter.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows; ``capped`` tells that there are more.

    The last page is the one holding the ``cap``-th row.
    """

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        # unordered: the rows' order does not change how many there are, and an ORDER BY
        # inside the counted subquery would sort them all for nothing
        counted = self.object_list.order_by()[: self.cap + 1].count()
        if counted > self.cap:
            self.capped = True
            return self.cap
        return counted


def paginate(
    request,
    queryset,
    per_page: int | None = None,
    *,
    cap: int | None = None,
    count: int | None = None,
) -> Page:
    """The requested page of ``queryset``; out-of-range numbers give the last page.

    With ``cap``, at most that many rows are counted (``CappedPaginator``). ``count``: the
    length of ``queryset`` when the caller knows it already (a denormalised counter).
    """
    per_page = per_page or settings.ABHNETZ_PAGE_SIZE
    if cap is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CappedPaginator(queryset, per_page, cap=cap)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    return paginator.get_page(request.GET.get("seite"))
