"""My data: what the forum holds about a person (DSGVO Art. 15), and what goes with them."""

from .models import (
    CategoryFollow,
    Flag,
    HelpfulVote,
    ModerationLogEntry,
    Post,
    PostRevision,
    RoutedExpert,
    ThreadFollow,
)


def forum_export(user) -> dict:
    return {
        "threads_started": [
            {"title": post.thread.title, "started_on": post.created_at}
            for post in Post.objects.filter(author=user, is_opening=True)
            .select_related("thread")
            .order_by("created_at", "pk")
        ],
        "posts": [
            {"thread": post.thread.title, "text": post.body, "written_on": post.created_at}
            for post in Post.objects.filter(author=user)
            .select_related("thread")
            .order_by("created_at", "pk")
        ],
        "edits": [
            {"previous_text": rev.body, "edited_on": rev.created_at}
            for rev in PostRevision.objects.filter(edited_by=user).order_by("created_at", "pk")
        ],
        "helpful_votes": [
            {"thread": vote.post.thread.title, "on": vote.created_at}
            for vote in HelpfulVote.objects.filter(person=user).select_related("post__thread")
        ],
        "followed_threads": [
            f.thread.title
            for f in ThreadFollow.objects.filter(person=user).select_related("thread")
        ],
        "followed_categories": [
            f.category.name
            for f in CategoryFollow.objects.filter(person=user).select_related("category")
        ],
        "questions_routed_to_me": [
            r.thread.title
            for r in RoutedExpert.objects.filter(expert=user).select_related("thread")
        ],
        "reports": [
            {"reason": flag.reason, "on": flag.created_at}
            for flag in Flag.objects.filter(reporter=user)
        ],
        "reports_resolved": Flag.objects.filter(resolved_by=user).count(),
        "moderation": [
            {"action": entry.action, "reason": entry.reason, "on": entry.created_at}
            for entry in ModerationLogEntry.objects.filter(actor=user)
        ],
    }


def forum_forget(user) -> None:
    """Withdraw the person's helpful votes so the posts' counts stay true."""
    from .services import helpful_withdraw

    for vote in HelpfulVote.objects.filter(person=user).select_related("post__thread"):
        helpful_withdraw(post=vote.post, by=user)
