"""Personal feed addresses: feed readers cannot log in, so the URL carries a signed token.

The token is ``signing.dumps(user.pk, salt=…)`` (docs/decisions/0006): the feed applies
its owner's audience, and a deactivated or deleted account's token stops working. Each
kind of feed has its own salt, so a token for one feed opens no other.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from abhnetz.text import sanitize_html


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


# Atom's text constructs (RFC 4287, 3.1): their ``type`` tells a feed reader whether to
# render them as HTML. Django's Atom1Feed writes every summary as ``type="html"``.
TEXT_CONSTRUCTS = frozenset({"title", "subtitle", "rights", "summary"})


class _TypedHandler:
    """Wraps the XML writer: each text construct declares its type, HTML ones are sanitized."""

    def __init__(self, handler, html_elements: frozenset[str]):
        self._handler = handler
        self._html = html_elements

    def addQuickElement(self, name, contents=None, attrs=None):
        if name in TEXT_CONSTRUCTS:
            if name in self._html:
                contents = sanitize_html(str(contents or ""))
                attrs = {**(attrs or {}), "type": "html"}
            else:
                attrs = {**(attrs or {}), "type": "text"}
        self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self._handler, name)


class SafeAtom1Feed(Atom1Feed):
    """Atom in which every text field is plain text declared ``type="text"``.

    A feed reader renders ``type="html"`` as HTML: Django's summaries would run the
    markup of a title or summary that an author typed (only XML-escaped). Feeds whose
    summaries are HTML use ``SanitizedHtmlAtom1Feed``.
    """

    html_elements: frozenset[str] = frozenset()

    def add_root_elements(self, handler):
        super().add_root_elements(_TypedHandler(handler, self.html_elements))

    def add_item_elements(self, handler, item):
        super().add_item_elements(_TypedHandler(handler, self.html_elements), item)


class SanitizedHtmlAtom1Feed(SafeAtom1Feed):
    """Summaries are HTML, passed through ``abhnetz.text.sanitize_html`` on the way out
    (also when the caller already sanitized it: a bug in one layer is not a hole)."""

    html_elements = frozenset({"summary"})
