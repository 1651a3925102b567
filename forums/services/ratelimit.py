"""Posting is limited per person: a burst is fine, a flood is not."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class PostingTooFast(ValidationError):
    pass


def posting_limit() -> tuple[int, int]:
    # (posts, seconds): FORUMS_POST_RATE in settings, ten a minute by default
    return tuple(getattr(settings, "FORUMS_POST_RATE", (10, 60)))


def posting_rate_check(person) -> None:
    """Count one post of ``person``; raise ``PostingTooFast`` over the limit."""
    allowed, seconds = posting_limit()
    key = f"forums:posting:{person.pk}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    if count > allowed:
        raise PostingTooFast(
            _(
                "You are posting very quickly. Please wait a minute and send it again; "
                "your text is kept below."
            ),
            code="rate",
        )


def posting_rate_reset(person) -> None:
    """Forget ``person``'s recent posts (the demo writes many in a row)."""
    cache.delete(f"forums:posting:{person.pk}")
