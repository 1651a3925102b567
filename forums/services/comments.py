"""Comments under pages (guides, minutes, events): a thread per page, made on the first
comment, that follows the page's audience and liveness (docs/forums.md)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import audience_content_type

from .. import notification_kinds as kinds
from .. import permissions
from ..models import Post, Thread
from .writing import _notify, post_create


def comment_thread_of(page, user) -> Thread | None:
    """The comments under ``page`` as ``user`` may read them (None: no comment yet)."""
    return Thread.objects.comments_under(user, page).first()


def _comment_thread(page, author) -> Thread:
    thread = comment_thread_of(page, author)
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(
                title=page.title[:200],
                target_content_type=audience_content_type(page),
                target_object_id=page.pk,
            )
    except IntegrityError:  # the first two comments at the same moment
        return comment_thread_of(page, author)


def narrowing_choices(page) -> list:
    """The groups a comment may be narrowed to: those of the page's audience (never wider)."""
    from django.contrib.auth.models import Group

    from abhnetz.audiences.models import AudienceEntry

    groups = AudienceEntry.objects.filter(
        content_type=audience_content_type(page), object_id=page.pk, group__isnull=False
    ).values("group_id")
    return list(Group.objects.filter(pk__in=groups).order_by("name"))


@transaction.atomic
def comment_create(*, page, author: User, body: str, narrowed_to: Iterable = ()) -> Post:
    if not permissions.may_comment(author, page):
        raise PermissionDenied(_("You may not comment on this page."))
    groups = list(narrowed_to)
    allowed = {group.pk for group in narrowing_choices(page)}
    if any(group.pk not in allowed for group in groups):
        raise ValidationError(
            {"narrowed_to": _("A comment can only be narrowed within the page's audience.")}
        )
    thread = _comment_thread(page, author)
    post = post_create(thread=thread, author=author, body=body, narrowed_to=groups)
    owner = getattr(page, "owner", None)
    if owner is not None:
        _notify(kinds.COMMENT_ON_MY_PAGE, post, [owner], actor=author)
    return post
