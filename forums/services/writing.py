"""Writes of members: threads, replies, edits, accepted answers, helpful votes, follows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import readers
from abhnetz.text import plain_text, render_markdown

from .. import notification_kinds as kinds
from .. import permissions
from ..models import (
    Category,
    CategoryFollow,
    HelpfulVote,
    Post,
    PostRevision,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from ..text_checks import has_words
from .counts import category_refresh_counts, thread_refresh_counts, thread_take_audience
from .ratelimit import posting_rate_check

# "@person@office.example": a member named by their directory address
MENTION = re.compile(r"(?<![\w.@])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
EXCERPT_WORDS = 40


def excerpt(body: str) -> str:
    """Plain words of a post for mails and notifications (never HTML)."""
    return Truncator(" ".join(plain_text(body).split())).words(EXCERPT_WORDS)


def render_post(body: str, *, target) -> str:
    """A post's HTML: guides linked by title for the readers of ``target``, then the one
    text module."""
    from ..guide_links import guide_links

    return render_markdown(guide_links(body, target=target))


def _check_body(body: str) -> None:
    if not has_words(body):
        raise ValidationError({"body": _("Please write some text; markup alone says nothing.")})


def notify_target(thread: Thread):
    """What a notification about ``thread`` is stored against: the thread, or for the
    comments under a page the page (so it is hidden with the page)."""
    if thread.category_id is None:
        from wagtail.models import Page

        return Page.objects.get(pk=thread.target_object_id).specific
    return thread


def post_readers(post: Post, people):
    """Of ``people``, those a narrowed comment is for (its thread's rule applies too)."""
    if not post.is_narrowed:
        return people
    groups = set(post.narrowed_to.values_list("pk", flat=True))
    if not isinstance(people, QuerySet):
        people = User.objects.filter(pk__in=[person.pk for person in people])
    return people.filter(pk__in=readers(groups).values("pk"))


def _notify(kind: str, post: Post, recipients, *, actor: User) -> None:
    from abhnetz.notifications.services import notify

    thread = post.thread
    notify(
        kind=kind,
        target=notify_target(thread),
        recipients=post_readers(post, recipients),
        actor=actor,
        link=post.get_absolute_url(),
        data={"comment": excerpt(post.body)},
    )


def mentioned_people(body: str):
    addresses = {address.lower() for address in MENTION.findall(body or "")}
    return User.objects.filter(email__in=addresses, is_active=True)


def _follow(thread: Thread, person: User) -> None:
    ThreadFollow.objects.get_or_create(thread=thread, person=person)


@transaction.atomic
def thread_create(
    *,
    author: User,
    category: Category,
    kind: str,
    title: str,
    body: str,
    topics: Iterable = (),
) -> Thread:
    if not permissions.may_start_thread(author, category):
        raise PermissionDenied(_("You may not start a thread in this category."))
    _check_body(body)
    posting_rate_check(author)
    now = timezone.now()
    thread = Thread(
        category=category,
        kind=kind if kind in ThreadKind.values else ThreadKind.DISCUSSION,
        title=title.strip(),
        author=author,
        organisation=author.organisation,
        created_at=now,
        last_activity_at=now,
    )
    thread_take_audience(thread, category)
    thread.topics.set(list(topics))
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_post(body, target=thread),
        is_opening=True,
        created_at=now,
    )
    _follow(thread, author)
    category_refresh_counts(category)
    followers = User.objects.filter(
        forum_category_follows__category=category
    ) | User.objects.filter(topic_follows__topic__in=thread.topics.all())
    _notify(kinds.NEW_THREAD_FOLLOWED, post, followers, actor=author)
    _notify(kinds.MENTIONED, post, mentioned_people(body), actor=author)
    if thread.is_question:
        from .routing import question_route

        question_route(thread=thread, post=post)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author: User, body: str, narrowed_to: Iterable = ()) -> Post:
    """A reply (or a comment under a page); a locked thread refuses it."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked:
        raise PermissionDenied(_("This thread is locked: it takes no more replies."))
    if not permissions.may_reply(author, thread):
        raise PermissionDenied(_("You may not reply in this thread."))
    _check_body(body)
    posting_rate_check(author)
    groups = list(narrowed_to)
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_post(body, target=notify_target(thread)),
        is_narrowed=bool(groups),
    )
    if groups:
        post.narrowed_to.set(groups)
    thread_refresh_counts(thread)
    category_refresh_counts(thread.category)
    followers = User.objects.filter(forum_thread_follows__thread=thread)
    _notify(kinds.REPLY_IN_FOLLOWED_THREAD, post, followers, actor=author)
    _notify(kinds.MENTIONED, post, mentioned_people(body), actor=author)
    _follow(thread, author)
    return post


@transaction.atomic
def post_edit(*, post: Post, by: User, body: str) -> Post:
    """Change a post's text; the old text goes into its history."""
    if not permissions.may_edit_post(by, post):
        raise PermissionDenied(_("You may not edit this post."))
    _check_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=by)
    post.body = body
    post.body_html = render_post(body, target=notify_target(post.thread))
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    if permissions.is_moderation_edit(by, post):
        from .moderation import log

        log(actor=by, action="edit", thread=post.thread, post=post)
    return post


@transaction.atomic
def answer_accept(*, thread: Thread, post: Post, by: User) -> Thread:
    """The asker (or a moderator) marks ``post`` as the answer; another choice replaces it."""
    if not permissions.may_accept(by, thread, post):
        raise PermissionDenied(_("You may not choose the answer to this question."))
    changed = thread.accepted_post_id != post.pk
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    category_refresh_counts(thread.category)
    if changed and post.author is not None:
        _notify(kinds.ANSWER_ACCEPTED, post, [post.author], actor=by)
    return thread


@transaction.atomic
def answer_clear(*, thread: Thread, by: User) -> Thread:
    post = thread.accepted_post
    if post is None:
        return thread
    if not permissions.may_accept(by, thread, post):
        raise PermissionDenied(_("You may not choose the answer to this question."))
    thread.accepted_post = None
    thread.save(update_fields=["accepted_post"])
    category_refresh_counts(thread.category)
    return thread


@transaction.atomic
def helpful_vote(*, post: Post, by: User) -> bool:
    """Mark ``post`` helpful once; returns whether a vote was added."""
    if not permissions.may_vote(by, post):
        raise PermissionDenied(_("You may not mark this post as helpful."))
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(post=post, person=by)
    except IntegrityError:
        return False  # voted already (a second tab, a double click)
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    thread_refresh_counts(post.thread)
    return True


@transaction.atomic
def helpful_withdraw(*, post: Post, by: User) -> bool:
    deleted, _rows = HelpfulVote.objects.filter(post=post, person=by).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        thread_refresh_counts(post.thread)
    return bool(deleted)


def thread_follow(*, thread: Thread, person: User) -> None:
    if not permissions.may_view_thread(person, thread):
        raise PermissionDenied
    _follow(thread, person)


def thread_unfollow(*, thread: Thread, person: User) -> None:
    ThreadFollow.objects.filter(thread=thread, person=person).delete()


def category_follow(*, category: Category, person: User, follow: bool) -> None:
    from abhnetz.audiences.rules import can_view

    if not follow:
        CategoryFollow.objects.filter(category=category, person=person).delete()
        return
    if not can_view(person, category):
        raise PermissionDenied
    CategoryFollow.objects.get_or_create(category=category, person=person)
