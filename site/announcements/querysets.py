from django.db import models

from abhnetz.audiences.models import AudienceScope
from abhnetz.audiences.rules import visible_to


class AnnouncementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return visible_to(user, self)

    def for_listing(self):
        # author, organisation and the audience badge's names in a fixed number of queries
        return self.select_related("author", "organisation").prefetch_related(
            "audience_organisations", "audience_working_groups"
        )

    def network_wide(self):
        """What may leave the site in a feed: whole-network items only."""
        return self.filter(audience_scope=AudienceScope.NETWORK)
