"""What forms fetch while typing (htmx): people to mention, similar questions."""

from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from abhnetz.accounts.models import User
from search import services as search_services

SIMILAR_MIN_CHARS = 4
MENTION_MIN_CHARS = 2


def _signed_in(request):
    # not LoginRequiredMiddleware's redirect: htmx would swap the login page in
    return request.user.is_authenticated


def mention_suggestions(request):
    """People from the directory whose name or address starts with what was typed.

    The directory is open to every member (people are not audience-bound content);
    inactive accounts are never offered.
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
    from django.db.models import Q

    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(first_name__istartswith=typed)
            | Q(last_name__istartswith=typed)
            | Q(email__istartswith=typed)
        )
        .select_related("organisation")
        .order_by("last_name", "first_name")[:8]
    )
    return render(request, "forums/partials/mention_suggestions.html", {"people": people})


def similar_questions(request):
    """Questions, discussions and guides the asker may read that match the title."""
    if not _signed_in(request):
        return HttpResponseForbidden()
    title = request.GET.get("title", "").strip()[:200]
    if len(title) < SIMILAR_MIN_CHARS:
        return HttpResponse("")
    results = search_services.search(request.user, title, per_page=5)
    return render(request, "forums/partials/similar.html", {"hits": results.hits})
