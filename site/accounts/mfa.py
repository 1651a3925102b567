"""The second factor: who needs it, whether this session passed it, and the one gate.

One condition guards the admin and every privileged action on the front end
(invitations, access-request decisions, membership decisions, moderation): the person
has an active TOTP authenticator *and* this session passed it, at login, when
re-authenticating with it, or by activating it (docs/decisions/0021).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode, urlsplit

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .roles import MFA_REQUIRED_ROLES


def has_totp(user) -> bool:
    """An authenticator app is set up for ``user``."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def requires_mfa_for_admin(user) -> bool:
    """Coordinators, administrators and superusers enter the admin only with a second factor."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.has_role(*MFA_REQUIRED_ROLES))


def session_passed_mfa(request: HttpRequest) -> bool:
    """This session proved the second factor (allauth's record of how it authenticated)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def mfa_passed(request: HttpRequest) -> bool:
    """The one condition: an active TOTP authenticator, and this session passed it."""
    user = request.user
    if not user.is_authenticated:
        return False
    # cached per request: a page may ask more than once (a gate, then a template flag)
    if not hasattr(request, "_abhnetz_mfa_passed"):
        request._abhnetz_mfa_passed = session_passed_mfa(request) and has_totp(user)
    return request._abhnetz_mfa_passed


def safe_next(request: HttpRequest, value: str | None, default: str = "/") -> str:
    """``value`` if it is a path on this site, else ``default`` (no open redirects)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def with_next(url: str, next_url: str) -> str:
    """``url`` with ``?next=next_url`` (slashes kept readable)."""
    return f"{url}?{urlencode({'next': next_url}, safe='/')}"


def mfa_step_url(request: HttpRequest, next_url: str) -> str:
    """Where to prove the second factor before going on to ``next_url``.

    Without an authenticator app: the page that explains why, then the set-up. With
    one that this session has not used yet: allauth's re-authentication with the code.
    """
    if has_totp(request.user):
        return with_next(reverse("mfa_reauthenticate"), next_url)
    return with_next(reverse("mfa_required"), next_url)


def _back_to(request: HttpRequest) -> str:
    # a GET comes back to itself; a POST to the page its form was on (never elsewhere)
    if request.method == "GET":
        return request.get_full_path()
    referer = safe_next(request, request.headers.get("referer"), default="/")
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "") or "/"


def mfa_gate(request: HttpRequest) -> HttpResponse | None:
    """``None`` when the session passed the second factor, else the redirect to prove it.

    Call it after the permission check, so people who may not act at all get their
    403 or 404 and are not sent to set up an app they do not need.
    """
    if mfa_passed(request):
        return None
    messages.info(
        request,
        _(
            "This action needs the second factor (a code from your authenticator app), "
            "as the administration does: it changes who may see what in the network."
        ),
    )
    return redirect(mfa_step_url(request, _back_to(request)))


def mfa_required(view):
    """Decorator for views of privileged actions that check permission before the view.

    Views that check permission inside call ``mfa_gate`` after that check instead.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if (response := mfa_gate(request)) is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapped
