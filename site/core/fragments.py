"""Cached pieces of pages: what is the same for a whole audience, and a person's counts.

A fragment is cached under its name, the language, the content generation and whose it
is (docs/decisions/0071):

- ``for_audience``: the same for everyone with the same groups (the reader's audience
  keys, hashed; never the person). ``build(group_ids)`` gets only the group ids and must
  read through ``rules.visible_to_groups``: what a reader may see only as its author
  never enters a shared fragment.
- ``for_person``: a person's own numbers (the header's unread count), keyed by the
  person and their keys, for the pages they click through.

The generation (``ContentGeneration``, one row) rises after every committed write to
the models that fragments show (``connect``) and in the services that write past the
ORM's signals (``bump``); it is read once per request. A copy lives at most ``TTL``
seconds, for what changes with time alone (an event that has begun).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

logger = logging.getLogger(__name__)
T = TypeVar("T")
TTL = 60
# The apps whose writes change what a fragment may show. Not the search index, the
# task queue, sessions, logins or image renditions (written while pages are read).
WATCHED_APPS = (
    "accounts",
    "announcements",
    "audiences",
    "auth",
    "core",
    "documents",
    "events",
    "figures",
    "forums",
    "guides",
    "knowledge",
    "minutes",
    "notifications",
    "organisations",
    "spaces",
    "topics",
    "wagtailcore",
)
# wagtailcore writes these while reading or beside a page save (which bumps anyway)
UNWATCHED_MODELS = {
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.revision",
    "wagtailcore.pagesubscription",
}


def enabled() -> bool:
    return getattr(settings, "ABHNETZ_FRAGMENT_CACHE", True)


def generation(user) -> int:
    """The content generation, read once per request (kept on the request's user)."""
    from .models import ContentGeneration

    value = getattr(user, "_content_generation", None)
    if value is None:
        value = ContentGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        user._content_generation = value
    return value


def _raise_generation() -> None:
    from .models import ContentGeneration

    try:
        if not ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1):
            ContentGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
    except DatabaseError:
        # the write is committed; copies then live out their TTL
        if _table_exists():
            logger.warning("The content generation could not be raised.", exc_info=True)


def _table_exists() -> bool:
    """False during the migrations before core's, whose data writes bump too."""
    from django.db import connection

    from .models import ContentGeneration

    try:
        return ContentGeneration._meta.db_table in connection.introspection.table_names()
    except DatabaseError:
        return True  # the database went away: say so


class _Raise:
    """The after-commit call of one transaction; ``done`` once it ran."""

    done = False

    def __call__(self) -> None:
        self.done = True
        _raise_generation()


def bump() -> None:
    """Make every cached fragment stale, once the current transaction commits.

    After commit, so that readers never cache what a rolled-back write showed, and in a
    statement of its own, so that writers do not queue behind one row's lock.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(func, _Raise) and not func.done for _ids, func, _r in connection.run_on_commit
    ):
        return  # once per transaction is enough
    transaction.on_commit(_Raise())


def _on_write(sender, **kwargs) -> None:
    bump()


def _on_m2m(sender, instance, **kwargs) -> None:
    if kwargs.get("action", "").startswith("post_") and _watched(type(instance)):
        bump()


def _watched(model) -> bool:
    meta = model._meta
    return meta.app_label in WATCHED_APPS and meta.label_lower not in UNWATCHED_MODELS


def connect() -> None:
    """Bump on saves and deletes of the watched models (AppConfig.ready)."""
    from django.apps import apps

    for model in apps.get_models():
        if _watched(model) and model._meta.label_lower != "core.contentgeneration":
            post_save.connect(_on_write, sender=model, dispatch_uid=f"fragments:{model}")
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"fragments-d:{model}")
    m2m_changed.connect(_on_m2m, dispatch_uid="fragments:m2m")


def audience_digest(user) -> str:
    from abhnetz.audiences.rules import reader_keys

    keys = ",".join(str(key) for key in sorted(reader_keys(user)))
    return hashlib.sha256(keys.encode()).hexdigest()[:32]


def _cached(key: str, build: Callable[[], T]) -> T:
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = build()
    cache.set(key, (value,), TTL)
    return value


def _key(name: str, user, whose: str) -> str:
    return ":".join(
        ("fragment", name, translation.get_language() or "", str(generation(user)), whose)
    )


def for_audience(name: str, user, build: Callable[[frozenset[int]], T]) -> T:
    """``build(group_ids)``, shared by every reader with the same groups."""
    from abhnetz.audiences.rules import reader_keys

    keys = reader_keys(user)
    if not enabled() or not keys:
        return build(keys)
    return _cached(_key(name, user, f"a{audience_digest(user)}"), lambda: build(keys))


def for_person(name: str, user, build: Callable[[], T]) -> T:
    """``build()``, a number or list of ``user``'s own, cached for them alone."""
    if not enabled() or not getattr(user, "is_active", False):
        return build()
    return _cached(_key(name, user, f"p{user.pk}.{audience_digest(user)}"), build)


def with_own(shared: list[dict], own: list[dict], *, newest: str, limit: int) -> list[dict]:
    """A list shared by audience with the reader's own items (``rules.authored_by``)
    added, newest first by the key ``newest``, each once (by its ``url``)."""
    seen = {item["url"] for item in shared}
    merged = shared + [item for item in own if item["url"] not in seen]
    merged.sort(key=lambda item: (item[newest] is not None, item[newest]), reverse=True)
    return merged[:limit]
