"""Events in the search: each live event a document with its audience.

The video call link is never indexed (it is for invitees and registered people only).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import audience_source, document_keys, document_keys_many
from abhnetz.organisations.indexers import organisation_facet
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .display import event_when
from .models import EventAgendaItem, EventPage


def page_of(item) -> list[EventPage]:
    try:
        return [item.page]
    except EventPage.DoesNotExist:
        return []


class EventIndexer(Indexer):
    name = "event"
    model = EventPage
    kinds = {"event": (_("Event"), _("Events"))}
    related = {EventAgendaItem: page_of}

    def queryset(self):
        return (
            EventPage.objects.live()
            .select_related("organisation", "working_group")
            .prefetch_related("topics", "agenda_items")
        )

    def documents(self, obj: EventPage) -> list[SearchDocument]:
        if not obj.live:
            return []
        return self._documents(obj, document_keys(obj))

    def documents_many(self, objs) -> dict[str, list[SearchDocument]]:
        # one query for the batch's audiences; agenda and topics are prefetched
        objs = list(objs)
        keys = document_keys_many(objs)
        return {self.owner(obj.pk): self._documents(obj, keys[obj.pk]) for obj in objs}

    def _documents(self, obj: EventPage, keys) -> list[SearchDocument]:
        """The document of one event from what is loaded already."""
        if not obj.live:
            return []
        with translation.override(settings.LANGUAGE_CODE):
            lines = [event_when(obj), obj.get_kind_display(), obj.series, obj.place]
            lines += [f"{item.title} {item.speaker}".strip() for item in obj.agenda_items.all()]
            group = obj.working_group
            return [
                SearchDocument(
                    key=self.owner(obj.pk),
                    kind="event",
                    title=obj.title,
                    url=obj.get_url() or "",
                    summary=obj.summary,
                    body="\n".join(line for line in lines if line),
                    audience_keys=keys,
                    audience_scope=obj.audience_scope,
                    audience_source=audience_source(obj),
                    organisation=organisation_facet(obj.organisation),
                    working_group=FacetValue(group.slug, group.name) if group else None,
                    topics=tuple(FacetValue(t.slug, t.name) for t in obj.topics.all()),
                    date=obj.start,
                )
            ]
