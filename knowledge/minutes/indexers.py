"""Minutes in the search, with each decision and action item as a document of its own.

The minutes page owns the documents of its decisions and action items: reindexing the
page replaces all of them, so a decision deleted in a new revision disappears with the
publish. Decisions and action items carry no audience of their own; their documents
follow the page's stored audience (keys and source), as the minutes' views do.
"""

from __future__ import annotations

import html
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import audience_source, document_keys, document_keys_many
from abhnetz.organisations.indexers import organisation_facet
from abhnetz.text import plain_text
from knowledge.indexing import working_group_facet, working_group_facets
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .models import ActionItem, Decision, MinutesPage

# Decisions and action items carry their minutes' title; at equal match the minutes
# themselves come first (measured with tests/search/test_relevance.py).
PART_BOOST = 0.9


def meeting_datetime(day) -> datetime:
    """Midnight of the meeting day in the site's time zone (Europe/Berlin)."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def markdown_text(text: str) -> str:
    # plain_text leaves the HTML escapes of the rendering ("&amp;"); the index holds text
    return html.unescape(plain_text(text))


def ordered(items) -> list:
    return sorted(items, key=lambda item: (item.sort_order or 0, item.pk or 0))


def page_of(child) -> list[MinutesPage]:
    """The minutes a decision or action item belongs to (none when it is gone: deleting
    the page deletes its children, and the page's own delete removes its documents)."""
    try:
        return [child.page]
    except ObjectDoesNotExist:
        return []


class MinutesIndexer(Indexer):
    name = "minutes"
    model = MinutesPage
    kinds = {
        "minutes": (_("Minutes"), _("Minutes")),
        "decision": (_("Decision"), _("Decisions")),
        "action_item": (_("Action item"), _("Action items")),
    }
    # Their rows are the live version's (Wagtail writes them when a revision is
    # published): a change to one reindexes the page that owns its document.
    related = {Decision: page_of, ActionItem: page_of}

    def queryset(self):
        return (
            MinutesPage.objects.live()
            .select_related("organisation")
            .prefetch_related(
                "topics",
                "participants",
                "agenda_items",
                Prefetch("decisions", queryset=Decision.objects.select_related("topic")),
                Prefetch(
                    "action_items",
                    queryset=ActionItem.objects.select_related(
                        "owner_person", "owner_organisation"
                    ),
                ),
            )
        )

    def documents(self, obj: MinutesPage) -> list[SearchDocument]:
        if not obj.live:
            return []
        return self._built(obj, document_keys(obj), working_group_facet(obj))

    def documents_many(self, objs) -> dict[str, list[SearchDocument]]:
        # one query each for the batch's audiences and working groups; the decisions,
        # action items, agenda and participants come with the queryset's prefetches
        objs = list(objs)
        keys, groups = document_keys_many(objs), working_group_facets(objs)
        return {self.owner(obj.pk): self._built(obj, keys[obj.pk], groups[obj.pk]) for obj in objs}

    def _built(self, obj: MinutesPage, keys, working_group) -> list[SearchDocument]:
        """The documents of one minutes page from what is loaded already."""
        if not obj.live:
            return []
        # The stored texts (decision titles, the meeting type) are in the site's
        # language, whoever triggered the indexing; built in full here, since an
        # override held across a generator's yields would leak into its caller.
        with translation.override(settings.LANGUAGE_CODE):
            return list(self._documents(obj, keys, working_group))

    def _documents(self, obj: MinutesPage, keys, working_group):
        url = obj.get_url() or ""
        # Decisions and action items are visible exactly to the readers of the live
        # minutes: they share the page's keys, source, badge and facets.
        shared = {
            "audience_keys": keys,
            "audience_scope": obj.audience_scope,
            "audience_source": audience_source(obj),
            "organisation": organisation_facet(obj.organisation),
            "working_group": working_group,
            "date": meeting_datetime(obj.meeting_date),
        }
        topics = tuple(FacetValue(topic.slug, topic.name) for topic in obj.topics.all())
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="minutes",
            title=obj.title,
            url=url,
            summary=obj.summary,
            body=self.minutes_body(obj),
            topics=topics,
            **shared,
        )
        for decision in ordered(obj.decisions.all()):
            yield SearchDocument(
                key=f"decision:{decision.pk}",
                kind="decision",
                title=gettext("Decision %(number)s: %(title)s")
                % {"number": decision.number, "title": obj.title},
                # the citable anchor the minutes page gives each decision
                url=f"{url}#{decision.anchor}" if decision.number else url,
                body=markdown_text(decision.text),
                # the decision's own topic, as the decision register files it
                topics=(
                    (FacetValue(decision.topic.slug, decision.topic.name),)
                    if decision.topic
                    else topics
                ),
                boost=PART_BOOST,
                **shared,
            )
        for item in ordered(obj.action_items.all()):
            owners = [
                item.owner_person.get_full_name() if item.owner_person else "",
                item.owner_organisation.name if item.owner_organisation else "",
            ]
            yield SearchDocument(
                key=f"action_item:{item.pk}",
                kind="action_item",
                title=item.title,
                # the row's anchor on the minutes page
                url=f"{url}#aufgabe-{item.uuid}",
                summary=obj.title,
                # who takes it on, by name (never an e-mail address)
                body="\n".join(owner for owner in owners if owner),
                topics=topics,
                boost=PART_BOOST,
                **shared,
            )

    def minutes_body(self, obj: MinutesPage) -> str:
        """What the page says about the meeting: type, place, participants, agenda."""
        lines = [
            obj.get_meeting_type_display(),
            obj.place,
            ", ".join(organisation.name for organisation in obj.participants.all()),
        ]
        for item in ordered(obj.agenda_items.all()):
            lines += [item.title, markdown_text(item.notes)]
        return "\n".join(line for line in lines if line)
