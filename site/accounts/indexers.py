"""People in the search: exactly who the people directory lists, with what it lists."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import MEMBER_KEY
from abhnetz.organisations.indexers import organisation_facet
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .models import User
from .people_selectors import person_for_profile


class PersonIndexer(Indexer):
    name = "person"
    model = User
    kinds = {"person": (_("Person"), _("People"))}
    # Renaming an organisation or a topic leaves the people's copies with the old name
    # until the next rebuild: reindexing every member on such a rare admin edit is not
    # worth a related hook (``manage.py`` rebuild covers it).

    def queryset(self):
        # The directory's own rule: active members only, so a deactivated account
        # ("former member") is not findable and its document goes on reindex.
        return person_for_profile()

    def documents(self, obj: User):
        if not obj.is_active:
            return
        topics = tuple(FacetValue(topic.slug, topic.name) for topic in obj.expertise.all())
        organisation_name = obj.organisation.name if obj.organisation else ""
        summary = ", ".join(part for part in (obj.function, organisation_name) if part)
        # What the directory's list shows: function, organisation and "ask me about".
        # Not the phone number or e-mail address: only the profile page shows them, and
        # search snippets and its spelling vocabulary would spread them further.
        body = "\n".join(part for part in (*(t.label for t in topics), obj.expertise_note) if part)
        yield SearchDocument(
            key=self.owner(obj.pk),
            kind="person",
            # as the directory names them (the address only if they gave no name)
            title=str(obj),
            url=obj.get_absolute_url(),
            audience_keys=frozenset({MEMBER_KEY}),
            summary=summary,
            body=body,
            organisation=organisation_facet(obj.organisation),
            topics=topics,
            audience_scope="member",
        )
