"""What the database backend counts: the reader's matches of a search, fetched once
per request and filter set, and the facet counts over them (used by
``backends.database``; the SQL of each database is in ``backends.dialects``)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from ..interpret import Period
from ..models import SearchEntry, SearchEntryTopic
from ..registry import kind_label
from .base import FACETS, facet_years
from .dialects import dialect as _dialect

# the filter a month in the query adds (search.interpret), next to the facets' filters
PERIOD = "period"

GROUPED = (
    "kind",
    "organisation",
    "organisation_label",
    "working_group",
    "working_group_label",
    "year",
)


class Matches:
    """The reader's matches of one expression (``matching_ids``), and for each set of
    filters the ids of the first ``cap`` + 1 of them (COUNT_CAP), fetched once per request and
    reused: the total, the facet groups, the topic facet and the ranked window no
    longer each match the words again (a phrase's position check reads each
    candidate's TOASTed vector; docs/search.md, "Plans on PostgreSQL").

    Counting stops there: a broad search is counted "more than COUNT_CAP"
    instead of scanning every match (the LIMIT stops the full-text match early on
    both databases)."""

    def __init__(self, matching_ids, cap: int, narrowing=None, first=None):
        self.matching_ids = matching_ids
        self.cap = cap
        self.narrowing = dict(narrowing or {})
        # the dialect's own query for the first cap + 1 matches without filters,
        # where ``matching_ids`` under a LIMIT plans badly (``first_ids``), or None
        self.first = first
        self._ids: dict[str, list[int]] = {}

    @classmethod
    def of(cls, expression: str, keys, cap: int) -> Matches:
        dialect = _dialect()
        return cls(
            dialect.matching_ids(expression, keys),
            cap,
            first=dialect.first_ids(expression, keys, cap + 1),
        )

    def within(self, filters) -> Matches:
        """The same matches narrowed by ``filters`` (a month of the query) for every
        count; the fetched ids are shared where the filters turn out equal."""
        narrowed = Matches(
            self.matching_ids, self.cap, {**self.narrowing, **filters}, first=self.first
        )
        narrowed._ids = self._ids
        return narrowed

    def ids(self, filters) -> list[int]:
        wanted = {**self.narrowing, **filters}
        chosen = {name: tuple(v for v in values if v) for name, values in wanted.items()}
        key = repr(sorted((name, values) for name, values in chosen.items() if values))
        if key not in self._ids:
            unfiltered = not any(chosen.values())
            source = self.first if unfiltered and self.first is not None else self.matching_ids
            visible = SearchEntry.objects.filter(id__in=source)
            first = filter_entries(visible, wanted).order_by().values_list("id", flat=True)
            self._ids[key] = list(first[: self.cap + 1])
        return self._ids[key]


def any_match(queryset, cap: int) -> bool:
    """Whether a match exists, asked as "any of the first ``cap`` + 1": under a bare
    LIMIT 1 PostgreSQL's planner expected an early hit for a word without
    statistics and tested every vector instead (426 ms for a word in no document at
    100,000 documents; docs/search.md, "Plans on PostgreSQL"); the inner LIMIT keeps
    the plan of a count (the indexes' bitmaps)."""
    first = queryset.order_by().values("id")[: cap + 1]
    return SearchEntry.objects.filter(id__in=first).exists()


def filter_sql(filters, column: str) -> tuple[str, tuple]:
    """``AND column IN (the entries the filters admit)`` for raw ranking SQL."""
    if not any(filters.values()):
        return "", ()
    only = filter_entries(SearchEntry.objects.all(), filters).values("id")
    ids_sql, params = only.query.sql_with_params()
    return f"AND {column} IN ({ids_sql})", params


def grouped(ids) -> list[tuple]:
    """Counts of the matches per combination of the single-valued facets (one scan)."""
    rows = SearchEntry.objects.filter(id__in=_dialect().id_list(ids)).values_list(*GROUPED)
    return list(rows.annotate(n=Count("id")).order_by())


def facet_rows(facet: str, grouped: list[tuple]) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = {}
    for kind, organisation, organisation_label, group, group_label, year, n in grouped:
        if facet == "kind":
            value = (kind, str(kind_label(kind)))
        elif facet == "organisation":
            value = (organisation, organisation_label)
        elif facet == "working_group":
            value = (group, group_label)
        else:
            value = (str(year), str(year)) if year else ("", "")
        if value[0]:
            counts[value] = counts.get(value, 0) + n
    return [(value, label, n) for (value, label), n in counts.items()]


def filter_entries(queryset, filters):
    for facet, values in filters.items():
        values = [v for v in values if v]
        if not values or (facet not in FACETS and facet != PERIOD):
            continue
        if facet == "topic":
            queryset = queryset.filter(
                Exists(SearchEntryTopic.objects.filter(entry=OuterRef("pk"), value__in=values))
            )
        elif facet == PERIOD:
            period: Period = values[0]
            queryset = queryset.filter(date__gte=period.start, date__lt=period.end)
        elif facet == "year":
            queryset = queryset.filter(year__in=facet_years(values))
        else:
            queryset = queryset.filter(Q(**{f"{facet}__in": values}))
    return queryset
