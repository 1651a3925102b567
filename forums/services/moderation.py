"""Moderation: flags, hiding and restoring posts, locking, pinning and moving threads.

Every action is logged (who, when, what, why). Views put the second factor in front of
these (``mfa_gate``); the services check the role and the audience themselves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view

from .. import permissions
from ..models import Category, Flag, ModerationAction, ModerationLogEntry, Post, Thread
from .counts import category_refresh_counts, thread_refresh_counts, thread_take_audience


def log(*, actor: User, action: str, thread=None, post=None, reason: str = "", details=""):
    return ModerationLogEntry.objects.create(
        actor=actor,
        action=action,
        thread=thread,
        post=post,
        reason=reason[:500],
        details=str(details)[:500],
    )


def _require(by: User, thread: Thread) -> None:
    if not permissions.may_moderate(by, thread):
        raise PermissionDenied(_("Only moderators may do this."))


@transaction.atomic
def flag_create(*, post: Post, by: User, reason: str) -> Flag:
    if not permissions.may_flag(by, post):
        raise PermissionDenied(_("You may not report this post."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why you report this post.")})
    return Flag.objects.create(post=post, reporter=by, reason=reason)


def _resolve_flags(post: Post, by: User) -> None:
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )


@transaction.atomic
def flag_dismiss(*, post: Post, by: User, reason: str = "") -> None:
    _require(by, post.thread)
    _resolve_flags(post, by)
    log(actor=by, action=ModerationAction.DISMISS, thread=post.thread, post=post, reason=reason)


@transaction.atomic
def post_hide(*, post: Post, by: User, reason: str = "") -> Post:
    """Others see a placeholder; moderators still see the text. Hiding the opening post
    hides the thread from lists."""
    thread = post.thread
    _require(by, thread)
    post.is_hidden = True
    post.save(update_fields=["is_hidden"])
    if post.is_opening:
        thread.is_hidden = True
    if thread.accepted_post_id == post.pk:
        thread.accepted_post = None  # a hidden answer is no answer
    thread.save(update_fields=["is_hidden", "accepted_post"])
    _resolve_flags(post, by)
    thread_refresh_counts(thread)
    category_refresh_counts(thread.category)
    log(actor=by, action=ModerationAction.HIDE, thread=thread, post=post, reason=reason)
    _reindex(thread)
    return post


@transaction.atomic
def post_restore(*, post: Post, by: User, reason: str = "") -> Post:
    thread = post.thread
    _require(by, thread)
    post.is_hidden = False
    post.save(update_fields=["is_hidden"])
    if post.is_opening:
        thread.is_hidden = False
        thread.save(update_fields=["is_hidden"])
    thread_refresh_counts(thread)
    category_refresh_counts(thread.category)
    log(actor=by, action=ModerationAction.RESTORE, thread=thread, post=post, reason=reason)
    _reindex(thread)
    return post


@transaction.atomic
def thread_set_flag(*, thread: Thread, by: User, field: str, value: bool, reason: str = ""):
    """Lock/unlock or pin/unpin a thread."""
    actions = {
        ("is_locked", True): ModerationAction.LOCK,
        ("is_locked", False): ModerationAction.UNLOCK,
        ("is_pinned", True): ModerationAction.PIN,
        ("is_pinned", False): ModerationAction.UNPIN,
    }
    action = actions[(field, value)]
    _require(by, thread)
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    log(actor=by, action=action, thread=thread, reason=reason)
    return thread


@transaction.atomic
def thread_move(*, thread: Thread, to: Category, by: User, reason: str = "") -> Thread:
    """Move to another category: the thread takes its audience (re-checked, stored and
    applied to search in this transaction) and both categories' counts are refreshed."""
    _require(by, thread)
    if thread.category_id is None:
        raise PermissionDenied(_("Comments under a page stay with the page."))
    if not can_view(by, to):
        raise PermissionDenied(_("You may not move threads into this category."))
    source = thread.category
    if source.pk == to.pk:
        return thread
    thread.category = to
    thread_take_audience(thread, to)
    category_refresh_counts(source)
    category_refresh_counts(to)
    log(
        actor=by,
        action=ModerationAction.MOVE,
        thread=thread,
        reason=reason,
        details=f"{source} → {to}",
    )
    _reindex(thread)
    return thread


def _reindex(thread: Thread) -> None:
    from search.signals import enqueue_reindex

    enqueue_reindex(thread)
