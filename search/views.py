"""The results page and the header's search as you type.

Both ask ``search.services`` only, which filters by the reader's audience keys inside
the backend: hits, totals, facet counts and suggestions never see what the reader
may not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.http import require_GET

from abhnetz.audiences.display import Badge, badges_for_keys

from . import services
from .backends.base import COUNT_CAP, FACETS, FacetCount, Hit
from .forms import FACET_PARAMS, SearchForm, kind_word
from .models import SearchEntryKey
from .registry import kind_label

SUGGEST_MIN_CHARS = 2


@dataclass(frozen=True)
class ShownHit:
    hit: Hit
    kind: str
    # the audience badge as lists and pages show it; None for what every member may find
    badge: Badge | None


class _ResultsWindow:
    """What Paginator needs of a list whose one page is already fetched: its length
    (the total) and that page (any slice of it; Paginator asks only for the current)."""

    def __init__(self, total: int, hits: list):
        self.total, self.hits = total, hits

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.hits


def _shown(hits: list[Hit]) -> list[ShownHit]:
    """The hits with their kind and badge: the badge from the keys the index stored for
    each hit, in the words of the listing's (one query for the keys, three for names)."""
    stored: dict[str, set[str]] = {}
    rows = SearchEntryKey.objects.filter(entry__key__in=[hit.key for hit in hits])
    for entry_key, key in rows.values_list("entry__key", "key"):
        stored.setdefault(entry_key, set()).add(key)
    badges = badges_for_keys(
        {hit.key: (hit.audience_scope, stored.get(hit.key, ())) for hit in hits}
    )
    return [ShownHit(hit=hit, kind=kind_label(hit.kind), badge=badges.get(hit.key)) for hit in hits]


def _facets(results, filters: dict) -> list[dict]:
    """The facets in FACETS order, with their URL parameter; a chosen value the
    other filters leave no match for still shows (checked, 0) so it can be unticked.
    Kinds go into URLs by their German word (``kind_word``)."""
    facets = []
    for facet in FACETS:
        counts = list(results.facets.get(facet, ()))
        shown = {c.value for c in counts}
        counts += [
            FacetCount(
                value=value,
                label=kind_label(value) if facet == "kind" else value,
                count=0,
                selected=True,
            )
            for value in filters.get(facet, ())
            if value not in shown
        ]
        if facet == "kind":
            counts = [replace(count, value=kind_word(count.value)) for count in counts]
        if counts:
            facets.append(
                {
                    "name": facet,
                    "param": FACET_PARAMS[facet],
                    "label": SearchForm.base_fields[FACET_PARAMS[facet]].label,
                    "counts": counts,
                }
            )
    return facets


@require_GET
def results(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "results": None, "filtered": False}
    if form.is_bound and form.is_valid():
        options = form.search_options()
        context["query"] = options["text"]
        context["filtered"] = form.is_filtered
        if options["text"]:
            per_page = settings.ABHNETZ_PAGE_SIZE
            found = services.search(request.user, per_page=per_page, **options)
            last = max(1, -(-found.total // per_page))
            if options["page"] > last:
                # a page beyond the end (results changed, edited URL): show the last one
                options["page"] = last
                found = services.search(request.user, per_page=per_page, **options)
            paginator = Paginator(_ResultsWindow(found.total, found.hits), per_page)
            context.update(
                results=found,
                count_cap=COUNT_CAP,
                hits=_shown(found.hits),
                page=paginator.page(options["page"]),
                facets=_facets(found, options["filters"]),
            )
    return render(request, "search/results.html", context)


@login_not_required
@require_GET
def suggestions(request):
    """The header's list of up to six titles for what has been typed so far (htmx)."""
    # Checked here rather than by LoginRequiredMiddleware: its redirect would be
    # followed by htmx and the login page swapped into the header.
    if not request.user.is_authenticated:
        if request.headers.get("HX-Request"):
            return HttpResponseForbidden()
        return redirect_to_login(request.get_full_path())
    form = SearchForm({"q": request.GET.get("q", "")})
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if len(query) < SUGGEST_MIN_CHARS:
        return HttpResponse("")
    hits = services.suggest(request.user, query)
    return render(
        request,
        "search/suggestions.html",
        {
            "query": query,
            # the list under the header shows titles and kinds, no badges
            "suggestions": [
                ShownHit(hit=hit, kind=kind_label(hit.kind), badge=None) for hit in hits
            ],
        },
    )
