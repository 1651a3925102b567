"""Announcements in the search, behind the audience they were written for."""

from __future__ import annotations

import html

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import audience_source, document_keys
from abhnetz.organisations.indexers import organisation_facet
from abhnetz.text import plain_text
from search.documents import SearchDocument
from search.registry import Indexer

from .models import Announcement

SUMMARY_WORDS = 30


class AnnouncementIndexer(Indexer):
    name = "announcement"
    model = Announcement
    kinds = {"announcement": (_("Announcement"), _("Announcements"))}
    # No ``related``: a renamed organisation keeps its old facet label here until the
    # next rebuild, which is cheaper than reindexing its announcements on a rare edit.

    def queryset(self):
        # Every announcement: they have no draft, no publication date in the future and
        # no expiry, and the list keeps all of them (newest first) for whoever may read
        # them. The audience narrows who finds one, inside the backend.
        return Announcement.objects.select_related("organisation")

    def documents(self, obj: Announcement):
        # plain_text leaves the HTML escapes of the rendering ("&amp;"); the index holds text
        words = html.unescape(plain_text(obj.body)).split()
        # the opening words weigh as a summary; the rest is the body (not both, so a
        # snippet never shows the opening twice)
        lead = Truncator(" ".join(words)).words(SUMMARY_WORDS, truncate="")
        rest = words[len(lead.split()) :]
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="announcement",
            title=obj.title,
            url=obj.get_absolute_url(),
            audience_keys=document_keys(obj),
            summary=lead,
            body=" ".join(rest),
            # the author's organisation when it was written, as the list shows it
            organisation=organisation_facet(obj.organisation),
            date=obj.published_at,
            audience_scope=obj.audience_scope,
            audience_source=audience_source(obj),
        )
