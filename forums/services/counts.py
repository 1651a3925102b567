"""The denormalised numbers: a thread's replies and helpful votes, a category's threads,
open questions and last activity. Recomputed (not incremented) after every change, so
they cannot drift."""

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign, audience_store

from ..models import Category, Post, Thread, ThreadKind


def thread_refresh_counts(thread: Thread) -> None:
    shown = Post.objects.filter(thread=thread, is_hidden=False)
    numbers = shown.aggregate(
        replies=Count("pk", filter=Q(is_opening=False)),
        helpful=Coalesce(Sum("helpful_count"), 0),
        last=Max("created_at"),
    )
    thread.reply_count = numbers["replies"]
    thread.helpful_count = numbers["helpful"]
    thread.last_activity_at = numbers["last"] or thread.created_at
    thread.save(update_fields=["reply_count", "helpful_count", "last_activity_at"])


def category_refresh_counts(category: Category | None) -> None:
    if category is None:
        return
    listed = category.threads.filter(is_hidden=False)
    numbers = listed.aggregate(
        threads=Count("pk"),
        open=Count("pk", filter=Q(kind=ThreadKind.QUESTION, accepted_post__isnull=True)),
        last=Max("last_activity_at"),
    )
    category.thread_count = numbers["threads"]
    category.open_question_count = numbers["open"]
    category.last_activity_at = numbers["last"]
    # counts only: the category's audience is not stored again (Category.save)
    category.save(update_fields=["thread_count", "open_question_count", "last_activity_at"])


def category_audience(category: Category) -> Audience:
    return Audience(
        category.audience_scope,
        category.audience_organisations.all(),
        category.audience_working_groups.all(),
        category.audience_advisory_board,
    )


def thread_take_audience(thread: Thread, category: Category) -> None:
    """Give ``thread`` its category's audience and store it (a start, a move, an edit)."""
    audience_assign(thread, category_audience(category))
    thread.save()
    audience_store(thread)


def category_audience_changed(*, category: Category) -> None:
    """Store the category's audience, and its threads' (the admin changed it)."""
    audience_store(category)
    for thread in category.threads.all():
        thread_take_audience(thread, category)
