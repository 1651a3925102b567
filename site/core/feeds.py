"""Personal feed addresses: feed readers cannot log in, so the URL carries a signed token.

The token is ``signing.dumps(user.pk, salt=…)`` (docs/decisions/0006): the feed applies
its owner's audience, and a deactivated or deleted account's token stops working. Each
kind of feed has its own salt, so a token for one feed opens no other.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404
from django.urls import reverse


def feed_token(user, *, salt: str) -> str:
    """The signed token that stands for ``user`` in the feeds of ``salt``."""
    return signing.dumps(user.pk, salt=salt)


def feed_reader(token: str, *, salt: str):
    """The active user ``token`` was made for; 404 for forged, foreign or stale tokens."""
    try:
        user_pk = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise Http404 from None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        raise Http404
    return user


def personal_feed_url(request, viewname: str, *, salt: str, kwargs: dict | None = None) -> str:
    """The absolute address of the reader's own feed ``viewname`` (token added as ``token``)."""
    token = feed_token(request.user, salt=salt)
    path = reverse(viewname, kwargs={**(kwargs or {}), "token": token})
    return request.build_absolute_uri(path)
