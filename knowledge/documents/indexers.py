"""Documents and forms in the search.

- A form (``FormItem``) is found by its title and description behind its own audience,
  as the library shows it (docs/decisions/0023).
- A form's version whose audience admits everyone the form admits (its stored keys
  include all of the form's) is folded into the form: its title and file text are
  part of the form's document and it has none of its own, so the form is one hit.
- Every other document (no form, or a version narrower than its form) is found by its
  title and the text inside its file (PDF, DOCX, ODT), behind its own stored audience;
  a version's document never carries its form's description.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.models import AudienceEntry
from abhnetz.audiences.rules import (
    audience_content_type,
    audience_source,
    document_keys,
    entry_key,
)
from abhnetz.organisations.indexers import organisation_facet
from search.documents import FacetValue, SearchDocument
from search.languages import language_label, language_names
from search.registry import Indexer

from .models import Document, FormItem, FormsLibraryPage
from .text import extract_text

# The same file gives the same text: a rebuild need not read every PDF again.
TEXT_CACHE_SECONDS = 30 * 24 * 3600
TEXT_CACHE_VERSION = 1


def file_text(document: Document) -> str:
    """The text inside the document's file ("" when there is none or it is unreadable)."""
    if not document.file:
        return ""
    if not document.file_hash:
        return extract_text(document.file)
    key = f"search:document-text:{TEXT_CACHE_VERSION}:{document.file_hash}"
    text = cache.get(key)
    if text is None:
        text = extract_text(document.file)
        cache.set(key, text, TEXT_CACHE_SECONDS)
    return text


def topic_facets(topics) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(topic.slug, topic.name) for topic in topics)


def folded(version_keys: frozenset[str], form_keys: frozenset[str]) -> bool:
    """Whether a version is found through its form: everyone who may find the form may
    read the version too (the keys are ORed, so a superset admits at least as many)."""
    return bool(form_keys) and form_keys <= version_keys


def library_exists() -> bool:
    return FormsLibraryPage.objects.live().exists()


def version_text(document: Document) -> str:
    tags = ", ".join(tag.name for tag in document.tags.all())
    # its language by name ("Türkisch Turkish Türkçe"): "Checkliste türkisch" finds it
    languages = language_names(document.language)
    return "\n".join(part for part in (file_text(document), tags, languages) if part)


class DocumentIndexer(Indexer):
    name = "document"
    model = Document
    kinds = {"document": (_("Document"), _("Documents"))}
    # a form's new audience decides which of its versions it stands for
    related = {FormItem: lambda item: list(item.versions.all())}

    def queryset(self):
        # Every document: documents have no draft state; the audience decides who finds one.
        return Document.objects.select_related("organisation", "form_item").prefetch_related(
            "topics", "tags"
        )

    def documents(self, obj: Document):
        keys = document_keys(obj)
        if obj.form_item is not None and folded(keys, document_keys(obj.form_item)):
            if library_exists():
                return  # the form's document stands for it
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="document",
            title=obj.title,
            url=obj.url,
            audience_keys=keys,
            body=version_text(obj),
            organisation=organisation_facet(obj.organisation),
            topics=topic_facets(obj.topics.all()),
            date=obj.created_at,
            language=obj.language,
            audience_scope=obj.audience_scope,
            audience_source=audience_source(obj),
        )


def forms_of(document: Document) -> list[FormItem]:
    """The forms a saved or deleted version belongs to, and the one it just left."""
    ids = {document.form_item_id, getattr(document, "_search_previous_form_item_id", None)}
    ids.discard(None)
    return list(FormItem.objects.filter(pk__in=ids)) if ids else []


def remember_previous_form(sender, instance: Document, raw=False, **kwargs) -> None:
    """Note the form a document belonged to before this save, so moving a version to
    another form reindexes the form it left too (its keys may have to narrow).

    Connected to ``pre_save`` of ``Document`` in the app's ``ready()``; one query per save.
    """
    if raw or instance.pk is None:
        return
    try:
        previous = Document.objects.only("form_item_id").get(pk=instance.pk).form_item_id
    except ObjectDoesNotExist:
        previous = None
    instance._search_previous_form_item_id = previous


class FormIndexer(Indexer):
    name = "form"
    model = FormItem
    kinds = {"form": (_("Form"), _("Forms"))}
    # A version's new file, audience or form changes what the form stands for.
    related = {Document: forms_of}

    def queryset(self):
        # forms with at least one version, as the library lists them
        versions = Document.objects.filter(form_item=OuterRef("pk"))
        return FormItem.objects.filter(Exists(versions)).prefetch_related(
            Prefetch("versions", queryset=Document.objects.prefetch_related("topics", "tags"))
        )

    def documents(self, obj: FormItem):
        versions = list(obj.versions.all())
        if not versions:
            return
        library = FormsLibraryPage.objects.live().first()
        if library is None:
            return  # no page lists forms: nowhere to send a reader
        keys = document_keys(obj)
        if not keys:
            return
        entries = AudienceEntry.objects.filter(
            content_type=audience_content_type(Document),
            object_id__in=[version.pk for version in versions],
        ).values_list("object_id", "group_id", "user_id")
        version_keys: dict[int, set[str]] = {}
        for object_id, group_id, user_id in entries:
            version_keys.setdefault(object_id, set()).add(entry_key(group_id, user_id))
        shown = [v for v in versions if folded(frozenset(version_keys.get(v.pk, ())), keys)]
        topics = {topic.slug: topic for version in shown for topic in version.topics.all()}
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="form",
            title=obj.title,
            url=library.get_url() or "",
            audience_keys=keys,
            summary=obj.description,
            # the versions it stands for: their titles and what their files say
            body="\n".join(
                part for version in shown for part in (version.title, version_text(version))
            ),
            organisation=organisation_facet(obj.organisation),
            topics=topic_facets(sorted(topics.values(), key=lambda topic: topic.name)),
            date=obj.created_at,
            audience_scope=obj.audience_scope,
            # its own audience: a narrowed one applies in the saving transaction
            audience_source=audience_source(obj),
            # the hit lists the versions it stands for (each readable by its readers)
            extra={
                "versions": [
                    [version.title, language_label(version.language), version.url]
                    for version in shown
                ]
            },
        )


def reindex_forms_now(sender, content_type_id, object_id, keys, **kwargs) -> None:
    """A version's or a form's new audience changes which versions' text the form's
    document may carry: rewrite it in the saving transaction, before anyone searches.

    Connected to ``audience_stored`` in the app's ``ready()``.
    """
    from search.services import reindex_owner

    if sender is FormItem:
        form_ids = [object_id]
    elif sender is Document:
        form_ids = list(
            Document.objects.filter(pk=object_id, form_item__isnull=False).values_list(
                "form_item_id", flat=True
            )
        )
    else:
        return
    for form_id in form_ids:
        reindex_owner(FormIndexer.name, form_id)
