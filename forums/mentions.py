"""Whom a text may mention: the people who may read where it is written.

The audience of a text is a thread, a category (a new thread gets its audience) or a
page (the comments under it). Suggestions offer only its readers, and the preview
names the mentioned addresses that will not be told (``notify`` tells only readers).
"""

from __future__ import annotations

from urllib.parse import urlencode

from wagtail.models import Page

from abhnetz.accounts.models import User
from abhnetz.accounts.people_selectors import people_directory
from abhnetz.audiences.rules import readers, readers_of, visible_pages, visible_to

from .models import Category, Thread
from .services.writing import MENTION, notify_target

SUGGESTIONS = 8


def scope_query(*, thread=None, category=None, page=None) -> str:
    """The query string that names where a text is written (for the htmx requests)."""
    if thread is not None:
        return urlencode({"thread": thread.pk})
    if category is not None:
        return urlencode({"kategorie": category.slug})
    if page is not None:
        return urlencode({"seite": page.pk})
    return ""


def audience_target(user, data):
    """The thread, category or page named in ``data`` if ``user`` may read it, else None.

    What the suggestions and hints are measured against; a name the user may not read is
    as unknown as a missing one."""
    try:
        if thread_id := data.get("thread"):
            thread = Thread.objects.visible_to(user).filter(pk=int(thread_id)).first()
            return notify_target(thread) if thread is not None else None
        if slug := data.get("kategorie"):
            return visible_to(user, Category.objects.all()).filter(slug=str(slug)[:100]).first()
        if page_id := data.get("seite"):
            page = visible_pages(user, Page.objects.live()).filter(pk=int(page_id)).first()
            return page.specific if page is not None else None
    except (TypeError, ValueError, OverflowError):
        return None
    return None


def mention_candidates(target, typed: str):
    """Directory people matching ``typed`` who may read ``target``."""
    if target is None:
        return User.objects.none()
    return readers_of(target, people_directory(q=typed.replace(".", " ")))[:SUGGESTIONS]


def unheard_mentions(target, body: str, *, narrowed_to=()) -> list[str]:
    """The addresses mentioned in ``body`` that will not be told: no active member, or
    one who may not read ``target`` (or, for a narrowed comment, is outside it)."""
    addresses = sorted({address.lower() for address in MENTION.findall(body or "")})
    if not addresses:
        return []
    heard = User.objects.none()
    if target is not None:
        heard = readers_of(target, User.objects.filter(email__in=addresses))
        if narrowed_to:
            heard = heard.filter(pk__in=readers({group.pk for group in narrowed_to}).values("pk"))
    told = {email.lower() for email in heard.values_list("email", flat=True)}
    return [address for address in addresses if address not in told]
