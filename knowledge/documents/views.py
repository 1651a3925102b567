"""The forms library's reading side: thin, the selectors decide what a reader sees."""

from abhnetz.core.pagination import paginate

from .forms import LibraryFilterForm
from .selectors import library_items, mark_checked


def library_context(request) -> dict:
    """Context of /wissen/formulare/: the filter form and the reader's page of forms."""
    form = LibraryFilterForm(request.GET or None)
    topic, language = None, ""
    # An unknown topic or language shows its error next to the field and lists everything.
    if form.is_valid():
        topic = form.cleaned_data["thema"]
        language = form.cleaned_data["sprache"]
    results = paginate(request, library_items(request.user, topic=topic, language=language))
    for item in results:
        mark_checked(request.user, item.visible_versions)
    return {
        "filter_form": form,
        "results": results,
        "filtered": bool(topic or language),
    }
