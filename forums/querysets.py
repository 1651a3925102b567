"""Reads of threads and posts, always through the audience rule (docs/forums.md)."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from abhnetz.audiences import rules


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Threads ``user`` may read: by their category's audience, or by their page's."""
        in_categories = rules.visible_to(user, self.filter(category__isnull=False))
        return in_categories | self.comments_visible_to(user)

    def comments_visible_to(self, user):
        """Comment threads under pages ``user`` may read."""
        # comment threads hang under a page by a generic target: the generic form fits
        return rules.visible_via(
            user, self.filter(category__isnull=True, target_object_id__isnull=False)
        )

    def comments_under(self, user, page):
        """The comment thread under ``page`` if ``user`` may read the page (a page's
        footer: building the whole of ``visible_to`` for it was a fifth of a guide page)."""
        return rules.under_page(user, self.filter(category__isnull=True), page)

    def listed_for(self, user, *, moderator: bool = False):
        """What lists show: visible threads in categories; hidden ones for moderators only."""
        # the categories' half of the rule only: the comment threads' half, joined by
        # OR, made the planner test every thread (330 ms at 30,000 threads)
        threads = rules.visible_to(user, self.filter(category__isnull=False))
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
        from .models import Thread

        threads = Thread.objects.visible_to(user)
        return self.filter(thread__in=threads.values("pk")).not_narrowed_away(user)

    def in_thread(self, user, thread):
        """The posts ``user`` may read in ``thread``, which the caller read through
        ``Thread.objects.visible_to(user)`` (or ``comments_visible_to``): its audience is
        checked, the narrowing of each post is left (the thread page, a page's footer)."""
        return self.filter(thread=thread).not_narrowed_away(user)

    def not_narrowed_away(self, user):
        """Minus comments narrowed to groups ``user`` is not in."""
        from .models import Post

        keys = rules.reader_keys(user)
        narrowed_for_them = Post.narrowed_to.through.objects.filter(
            post_id=OuterRef("pk"), group_id__in=keys
        )
        return self.filter(
            # not narrowed ...
            Q(is_narrowed=False)
            # ... or they wrote it ...
            | Q(author_id=user.pk)
            # ... or one of their keys is in the narrowing
            | Q(Exists(narrowed_for_them))
        )
