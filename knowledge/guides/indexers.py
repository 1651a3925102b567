"""Guides in the search: the live version's text, behind the guide's audience.

A guide is found by its title, summary and every block's words, legal citations
("§ 81 Abs. 4 AufenthG") included. Reviewed guides rank a little above unreviewed ones
and guides whose review is overdue a little below, at equal match.
"""

from __future__ import annotations

import html

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import audience_source, document_keys, document_keys_many
from abhnetz.organisations.indexers import organisation_facet
from knowledge.indexing import working_group_facet, working_group_facets
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .blocks import comparison_text
from .models import GuidePage

BOOST_REVIEWED = 1.2
BOOST_OVERDUE = 0.8


def block_text(child) -> str:
    """A block's words as readers of the guide see them."""
    if child.block_type == "contact_person":
        # the name, never the e-mail address str() falls back to (the directory's rule)
        person = child.value.get("person")
        name = person.get_full_name() if person else ""
        return " ".join(filter(None, [name, child.value.get("role")]))
    return comparison_text(child.block, child.value)


def body_text(body) -> str:
    """The body's words, one line per block, without markup."""
    lines = []
    for index, raw in enumerate(body.raw_data):
        if raw.get("type") not in body.stream_block.child_blocks:
            continue  # a block type that no longer exists renders nothing
        if raw["type"] == "document":
            # Only the link text the author wrote: the document's own title may be
            # hidden from some readers of the guide (the page leaves its link out).
            text = (raw.get("value") or {}).get("label") or ""
        else:
            text = block_text(body[index])
        # rich text keeps HTML escapes ("&amp;"); no-break spaces become spaces
        line = " ".join(html.unescape(text).split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def guide_boost(guide: GuidePage) -> float:
    # Known limit: a guide turns overdue by the calendar, not by a save; its boost is
    # corrected at its next reindex (a save, a publish or ``rebuild``).
    if guide.is_review_overdue:
        return BOOST_OVERDUE
    if guide.last_reviewed_on is not None:
        return BOOST_REVIEWED
    return 1.0


class GuideIndexer(Indexer):
    name = "guide"
    model = GuidePage
    kinds = {"guide": (_("Guide"), _("Guides"))}

    def queryset(self):
        # live guides only; a draft's text is never findable
        return GuidePage.objects.live().select_related("organisation").prefetch_related("topics")

    def documents(self, obj: GuidePage) -> list[SearchDocument]:
        if not obj.live:
            return []
        return self._documents(obj, document_keys(obj), working_group_facet(obj))

    def documents_many(self, objs) -> dict[str, list[SearchDocument]]:
        # one query each for the batch's audiences and working groups
        objs = list(objs)
        keys, groups = document_keys_many(objs), working_group_facets(objs)
        return {
            self.owner(obj.pk): self._documents(obj, keys[obj.pk], groups[obj.pk]) for obj in objs
        }

    def _documents(self, obj: GuidePage, keys, working_group) -> list[SearchDocument]:
        """The documents of one guide from what is loaded already."""
        if not obj.live:
            return []
        # Block labels ("Hint: …") in the site's language, whoever triggered the indexing.
        with translation.override(settings.LANGUAGE_CODE):
            body = body_text(obj.body)
        return [
            SearchDocument(
                key=self.owner(obj.pk),
                kind="guide",
                title=obj.title,
                url=obj.get_url() or "",
                audience_keys=keys,
                summary=obj.summary,
                body=body,
                organisation=organisation_facet(obj.organisation),
                working_group=working_group,
                topics=tuple(FacetValue(topic.slug, topic.name) for topic in obj.topics.all()),
                date=obj.last_published_at,
                boost=guide_boost(obj),
                audience_scope=obj.audience_scope,
                audience_source=audience_source(obj),
            )
        ]
