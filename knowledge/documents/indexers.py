"""Documents and forms in the search.

- Every document is found by its title and the text inside its file (PDF, DOCX, ODT),
  behind its own stored audience.
- A form (``FormItem``) has no audience of its own. The forms library shows it to
  whoever may see at least one of its language versions, with only the versions they
  may see; its document follows that rule exactly: the union of its versions' keys,
  and only what the library shows every such reader (title and description). What
  each version says is found through the version's own document, behind its own
  audience.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.models import AudienceEntry, AudienceScope
from abhnetz.audiences.rules import (
    audience_content_type,
    audience_source,
    document_keys,
    entry_key,
)
from abhnetz.organisations.indexers import organisation_facet
from search.documents import FacetValue, SearchDocument
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


class DocumentIndexer(Indexer):
    name = "document"
    model = Document
    kinds = {"document": (_("Document"), _("Documents"))}

    def queryset(self):
        # Every document: documents have no draft state; the audience decides who finds one.
        return Document.objects.select_related("organisation", "form_item").prefetch_related(
            "topics", "tags"
        )

    def documents(self, obj: Document):
        tags = ", ".join(tag.name for tag in obj.tags.all())
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="document",
            title=obj.title,
            url=obj.url,
            audience_keys=document_keys(obj),
            # a form's version: what the form is for, as the library says it
            summary=obj.form_item.description if obj.form_item else "",
            body="\n".join(part for part in (file_text(obj), tags) if part),
            organisation=organisation_facet(obj.organisation),
            topics=topic_facets(obj.topics.all()),
            date=obj.created_at,
            language=obj.language,
            audience_scope=obj.audience_scope,
            audience_source=audience_source(obj),
        )


# The widest of the versions' scopes is the form's badge.
SCOPE_WIDTH = [AudienceScope.SELECTED, AudienceScope.OFFICES, AudienceScope.NETWORK]


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
    # A version's new file, audience or form changes who may find the form.
    related = {Document: forms_of}

    def queryset(self):
        # forms with at least one version, as the library lists them
        versions = Document.objects.filter(form_item=OuterRef("pk"))
        return FormItem.objects.filter(Exists(versions)).prefetch_related(
            Prefetch("versions", queryset=Document.objects.prefetch_related("topics"))
        )

    def documents(self, obj: FormItem):
        versions = list(obj.versions.all())
        if not versions:
            return
        library = FormsLibraryPage.objects.live().first()
        if library is None:
            return  # no page lists forms: nowhere to send a reader
        entries = AudienceEntry.objects.filter(
            content_type=audience_content_type(Document),
            object_id__in=[version.pk for version in versions],
        ).values_list("group_id", "user_id")
        keys = frozenset(entry_key(group_id, user_id) for group_id, user_id in entries)
        if not keys:
            return
        topics = {topic.slug: topic for version in versions for topic in version.topics.all()}
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="form",
            title=obj.title,
            url=library.get_url() or "",
            audience_keys=keys,
            summary=obj.description,
            topics=topic_facets(sorted(topics.values(), key=lambda topic: topic.name)),
            date=obj.created_at,
            audience_scope=max(
                (version.audience_scope for version in versions), key=SCOPE_WIDTH.index
            ),
            # One version: its narrowed audience applies in the saving transaction, as
            # for the version's own document. Several: the union has no single source,
            # and the form is reindexed after the version's save commits.
            audience_source=audience_source(versions[0]) if len(versions) == 1 else None,
        )
