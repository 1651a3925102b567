"""``{% document_link doc %}``: a download link, only if the reader may download the document."""

from django import template

from abhnetz.audiences.rules import can_view

from ..selectors import CHECKED_FOR

register = template.Library()


@register.inclusion_tag("documents/includes/document_link.html", takes_context=True)
def document_link(context, doc, label=""):
    """Render a link to ``doc`` (title, language, file type, size), or nothing.

    Nothing when ``doc`` is None or outside the reader's audience. Documents that came
    from ``visible_documents(user, ids)`` (or the library) were checked for this reader
    already and cost no query; any other document costs one query.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if doc is not None and user is not None and user.pk is not None:
        checked = getattr(doc, CHECKED_FOR, None) == user.pk
        if checked or can_view(user, doc):
            return {"doc": doc, "label": label or doc.title, "own_title": not label}
    return {"doc": None}
