"""What forms fetch while typing (htmx): people to mention, similar questions."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from search import services as search_services

from ..mentions import audience_target, mention_candidates

SIMILAR_MIN_CHARS = 4
MENTION_MIN_CHARS = 2


def _signed_in(request):
    # not LoginRequiredMiddleware's redirect: htmx would swap the login page in
    return request.user.is_authenticated


@login_not_required  # checked inside: htmx would swap the login page in
def mention_suggestions(request):
    """People whose name matches what was typed after "@" and who may read where the
    text is written (the thread, the category of a new thread, the commented page,
    named in the query string); former members are never offered. Naming nothing, or
    something the writer may not read, offers no one.
    """
    if not _signed_in(request):
        return HttpResponseForbidden()
    # the word being typed after the last "@" of the text
    text = request.GET.get("body", "")[-200:]
    at = text.rfind("@")
    typed = text[at + 1 :].split()[0] if at >= 0 and text[at + 1 :].split() else ""
    typed = typed[:60]
    if len(typed) < MENTION_MIN_CHARS:
        return HttpResponse("")
    # the directory's own rule (active members, every word in a name), of the readers
    people = mention_candidates(audience_target(request.user, request.GET), typed)
    return render(request, "forums/partials/mention_suggestions.html", {"people": people})


@login_not_required  # checked inside, as above
def similar_questions(request):
    """Questions, discussions and guides the asker may read that match the title."""
    if not _signed_in(request):
        return HttpResponseForbidden()
    title = request.GET.get("title", "").strip()[:200]
    if len(title) < SIMILAR_MIN_CHARS:
        return HttpResponse("")
    results = search_services.search(request.user, title, per_page=5)
    return render(request, "forums/partials/similar.html", {"hits": results.hits})
