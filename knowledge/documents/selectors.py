"""Reads of documents and forms, always through the audience rule.

Other apps (a guide's download block, the toolkit) call ``visible_documents`` once per
page and render each result with ``{% document_link doc %}``.
"""

from collections.abc import Iterable

from django.db.models import Case, Exists, OuterRef, Prefetch, QuerySet, When

from abhnetz.audiences.rules import visible_to

from .models import Document, DocumentLanguage, FormItem

# Set on documents a selector has checked for a reader: {% document_link %} then needs
# no query of its own (see templatetags/document_tags.py).
CHECKED_FOR = "_audience_checked_for"


def documents_for(user) -> QuerySet:
    """The documents ``user`` may download."""
    return visible_to(user, Document.objects.all())


def visible_documents(user, ids: Iterable[int]) -> dict[int, Document]:
    """The documents among ``ids`` that ``user`` may download, by id (one query).

    Ids of missing documents and of documents outside the reader's audience are simply
    absent from the result: callers leave those links out.
    """
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return {}
    found = {doc.pk: doc for doc in documents_for(user).filter(pk__in=ids)}
    for doc in found.values():
        setattr(doc, CHECKED_FOR, user.pk)
    return found


def mark_checked(user, documents: Iterable[Document]) -> None:
    for doc in documents:
        setattr(doc, CHECKED_FOR, user.pk)


def library_items(user, *, topic=None, language: str = "") -> QuerySet:
    """Forms ``user`` may see (their own audience), each with only the versions ``user``
    may see.

    A form's title and description follow the form's audience alone: adding a version
    for a wider audience never shows them to more people (docs/decisions/0023). A form
    is listed once it has a version; filtering by topic or language keeps a form when
    one of its visible versions has that topic or language. The queries do not grow with
    the number of forms or versions: one for the page of forms, one for their visible
    versions, one for the versions' topics.
    """
    versions = documents_for(user)
    items = visible_to(user, FormItem.objects.all())
    if topic is not None or language:
        matching = versions
        if topic is not None:
            matching = matching.filter(topics=topic)
        if language:
            matching = matching.filter(language=language)
        items = items.filter(Exists(matching.filter(form_item=OuterRef("pk"))))
    else:
        # listed once it has a version, visible or not (that one exists tells nothing)
        items = items.filter(versions__isnull=False).distinct()
    # German first (the offices' working language), then by language code
    german_first = Case(When(language=DocumentLanguage.GERMAN, then=0), default=1)
    shown = versions.order_by(german_first, "language", "title").prefetch_related("topics")
    return items.order_by("title", "pk").prefetch_related(
        Prefetch("versions", queryset=shown, to_attr="visible_versions")
    )
