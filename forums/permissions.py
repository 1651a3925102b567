"""May this person do that in the forum? Pure checks (reads only, no writes).

Services call them before they write, views to decide what to offer, templates get
their answers as flags. Visibility itself is the audience rule's
(``Thread.objects.visible_to``); these add the forum's own rules on top.
"""

from __future__ import annotations

from abhnetz.accounts.roles import FORUM_MODERATOR_ROLES
from abhnetz.audiences.rules import can_view


def is_member(user) -> bool:
    return bool(getattr(user, "is_active", False))


def may_view_thread(user, thread) -> bool:
    from .models import Thread

    if not is_member(user) or thread.pk is None:
        return False
    return Thread.objects.visible_to(user).filter(pk=thread.pk).exists()


def may_view_post(user, post) -> bool:
    from .models import Post

    if not is_member(user) or post.pk is None:
        return False
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


def is_moderator(user) -> bool:
    """Holds a moderating role (acts only on threads they may read)."""
    return is_member(user) and user.has_role(*FORUM_MODERATOR_ROLES)


def may_moderate(user, thread, *, visible: bool | None = None) -> bool:
    """Hide, restore, lock, pin, move, edit others' posts: moderators, where they may read."""
    if not is_moderator(user):
        return False
    return visible if visible is not None else may_view_thread(user, thread)


def may_read_moderation_log(user) -> bool:
    return is_moderator(user)


def may_start_thread(user, category) -> bool:
    """Anyone who may read a category may start a thread in it (the board only where
    the category is open to it)."""
    return is_member(user) and can_view(user, category)


def may_reply(user, thread, *, visible: bool | None = None) -> bool:
    """A member who may read the thread, as long as it is not locked."""
    if not is_member(user) or thread.is_locked:
        return False
    return visible if visible is not None else may_view_thread(user, thread)


def may_edit_post(user, post, *, visible: bool | None = None) -> bool:
    """Their own post while the thread is open; moderators any post they may read."""
    thread = post.thread
    if post.author_id == getattr(user, "pk", None) and is_member(user) and not thread.is_locked:
        return visible if visible is not None else may_view_post(user, post)
    return may_moderate(user, thread, visible=visible)


def is_moderation_edit(user, post) -> bool:
    """Editing someone else's post is moderation (second factor, logged)."""
    return post.author_id != getattr(user, "pk", None)


def may_accept(user, thread, post, *, visible: bool | None = None) -> bool:
    """The asker or a moderator chooses the accepted answer of a question: a reply that
    is not hidden and not narrowed (everyone who sees the question must see it)."""
    if not is_member(user) or not thread.is_question:
        return False
    if post.thread_id != thread.pk or post.is_opening or post.is_hidden or post.is_narrowed:
        return False
    if thread.author_id == user.pk:
        return visible if visible is not None else may_view_thread(user, thread)
    return may_moderate(user, thread, visible=visible)


def may_vote(user, post, *, visible: bool | None = None) -> bool:
    """One helpful vote per person, on posts of others they may read, not hidden ones."""
    if not is_member(user) or post.is_hidden or post.author_id == user.pk:
        return False
    return visible if visible is not None else may_view_post(user, post)


def may_flag(user, post, *, visible: bool | None = None) -> bool:
    if not is_member(user) or post.author_id == user.pk:
        return False
    return visible if visible is not None else may_view_post(user, post)


def may_comment(user, page) -> bool:
    """Comment under a page: who may read it, while it is live (board members included
    where the page's audience includes them)."""
    return is_member(user) and page.live and can_view(user, page)
