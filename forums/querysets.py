"""Reads of threads and posts, always through the audience rule (docs/forums.md)."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from abhnetz.audiences import rules


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Threads ``user`` may read: by their category's audience, or by their page's."""
        in_categories = rules.visible_to(user, self.filter(category__isnull=False))
        # comment threads hang under a page by a generic target: the generic form fits
        under_pages = rules.visible_via(
            user, self.filter(category__isnull=True, target_object_id__isnull=False)
        )
        return in_categories | under_pages

    def listed_for(self, user, *, moderator: bool = False):
        """What lists show: visible threads in categories; hidden ones for moderators only."""
        threads = self.visible_to(user).filter(category__isnull=False)
        return threads if moderator else threads.filter(is_hidden=False)

    def for_listing(self, user):
        from .models import ThreadFollow

        # author, organisation, category in the same query; topics in one more; whether
        # the reader follows each thread as a subquery column
        return (
            self.select_related("author", "organisation", "category")
            .prefetch_related("topics")
            .annotate(
                followed=Exists(
                    ThreadFollow.objects.filter(thread=OuterRef("pk"), person_id=user.pk)
                )
            )
        )


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts of threads ``user`` may read, minus comments narrowed to others."""
        from .models import Post, Thread

        threads = Thread.objects.visible_to(user)
        keys = rules.reader_keys(user)
        narrowed_for_them = Post.narrowed_to.through.objects.filter(
            post_id=OuterRef("pk"), group_id__in=keys
        )
        return self.filter(thread__in=threads.values("pk")).filter(
            # not narrowed ...
            Q(is_narrowed=False)
            # ... or they wrote it ...
            | Q(author_id=user.pk)
            # ... or one of their keys is in the narrowing
            | Q(Exists(narrowed_for_them))
        )
