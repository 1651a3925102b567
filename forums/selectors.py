"""Reads that combine querysets: the thread lists with their filters, a thread's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import visible_to

from . import permissions
from .models import POSTS_PER_PAGE, Category, HelpfulVote, Post, RoutedExpert, Thread, ThreadKind

# ?filter=… (German words in URLs, like ?seite=)
FILTERS = {
    "unbeantwortet": _("Unanswered"),
    "ohne-akzeptierte": _("Without accepted answer"),
    "meine": _("Mine"),
    "folge-ich": _("Following"),
}
SORTS = {
    "aktivitaet": (_("Latest activity"), ("-is_pinned", "-last_activity_at", "-pk")),
    "neu": (_("Newest"), ("-is_pinned", "-created_at", "-pk")),
    "hilfreich": (_("Most helpful"), ("-is_pinned", "-helpful_count", "-last_activity_at", "-pk")),
}


def categories_for(user):
    return visible_to(user, Category.objects.all()).select_related("working_group")


@dataclass
class ListChoice:
    filter: str = ""
    sort: str = "aktivitaet"
    topic: str = ""
    organisation: str = ""
    category: str = ""

    @classmethod
    def from_query(cls, query) -> ListChoice:
        chosen = cls(
            filter=query.get("filter", ""),
            sort=query.get("sortierung", "aktivitaet"),
            topic=query.get("thema", ""),
            organisation=query.get("organisation", ""),
            category=query.get("kategorie", ""),
        )
        if chosen.filter not in FILTERS:
            chosen.filter = ""
        if chosen.sort not in SORTS:
            chosen.sort = "aktivitaet"
        return chosen


def thread_list(user, choice: ListChoice, *, category: Category | None = None):
    threads = Thread.objects.listed_for(user, moderator=permissions.is_moderator(user))
    if category is not None:
        threads = threads.filter(category=category)
    elif choice.category:
        threads = threads.filter(category__slug=choice.category)
    if choice.filter == "unbeantwortet":
        threads = threads.filter(kind=ThreadKind.QUESTION, reply_count=0)
    elif choice.filter == "ohne-akzeptierte":
        threads = threads.filter(kind=ThreadKind.QUESTION, accepted_post__isnull=True)
    elif choice.filter == "meine":
        threads = threads.filter(Q(author=user) | Q(posts__author=user)).distinct()
    elif choice.filter == "folge-ich":
        threads = threads.filter(follows__person=user)
    if choice.topic:
        threads = threads.filter(topics__slug=choice.topic)
    if choice.organisation:
        threads = threads.filter(organisation__slug=choice.organisation)
    return threads.for_listing(user).order_by(*SORTS[choice.sort][1])


def listed_count(user, choice: ListChoice, category: Category | None) -> int | None:
    """The length of a category's unfiltered list, from its counter, or None (count it).

    Every thread of a category carries the category's audience (decision 0047), which
    the reader has passed to open it, so they see each of its ``thread_count`` threads
    that are not hidden; the rows themselves still go through the rule. Counting them
    through the rule hashed every thread the reader may see in the whole forum (19,000
    at factor 1) to count the category's 1,000."""
    if category is None or choice.filter or choice.topic or choice.organisation:
        return None
    if permissions.is_moderator(user):
        return None  # they see hidden threads too, which the counter leaves out
    return category.thread_count


def open_questions(user, *, limit: int = 5) -> list[Thread]:
    """Unanswered questions ``user`` may read, those routed to them first."""
    routed = RoutedExpert.objects.filter(thread=OuterRef("pk"), expert_id=user.pk)
    threads = (
        Thread.objects.listed_for(user)
        .filter(kind=ThreadKind.QUESTION, reply_count=0)
        .annotate(routed_to_me=Exists(routed))
        .select_related("category")
        .order_by("-routed_to_me", "-created_at", "-pk")
    )
    return list(threads[:limit])


def thread_posts(user, thread: Thread, *, moderator: bool):
    """The posts of ``thread`` (read through ``Thread.objects.visible_to(user)``) that
    ``user`` may read, with what each row shows."""
    voted = HelpfulVote.objects.filter(post=OuterRef("pk"), person_id=user.pk)
    posts = (
        Post.objects.in_thread(user, thread)
        .select_related("author", "author__organisation")
        .prefetch_related("narrowed_to")
        .annotate(voted=Exists(voted))
    )
    if moderator:
        posts = posts.annotate(
            has_revisions=Exists(
                Post.revisions.rel.related_model.objects.filter(post=OuterRef("pk"))
            )
        )
    return posts.order_by("created_at", "pk")


def page_of_post(user, post: Post) -> int:
    """The page of its thread on which ``post`` is shown to ``user`` (30 replies a page;
    the opening post heads every page)."""
    if post.is_opening:
        return 1
    before = (
        Post.objects.visible_to(user)
        .filter(thread_id=post.thread_id, is_opening=False)
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
        .count()
    )
    return before // POSTS_PER_PAGE + 1
