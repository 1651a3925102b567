import math
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from abhnetz.core.mail import (
    absolute_url,
    queue_after_commit,
    recipients_for,
    render_mail,
    site_url,
)

from .permissions import profile_incomplete

# Failed logins are counted twice (settings.ACCOUNT_RATE_LIMITS, docs/decisions/0022):
# tightly per address *and* source, so a colleague's wrong guesses from another machine
# do not lock the owner out, and with a higher ceiling per address alone, so guessing
# from many machines still stops.
# Set before a person's very first login completes (their last_login is still empty).
FIRST_LOGIN_SESSION_KEY = "abhnetz_first_login"
LOGIN_FAILED = "login_failed"
LOGIN_FAILED_ADDRESS = "login_failed_address"
RATE_LIMIT_APP = "allauth.account"


def seconds_until_allowed(request, *, action: str, key: str) -> float:
    """How long until ``action`` for ``key`` is allowed again (0 when it is now)."""
    now = time.time()
    wait = 0.0
    for rate in ratelimit.get_rates(app=RATE_LIMIT_APP, action=action):
        cache_key = ratelimit.get_cache_key(
            request, app=RATE_LIMIT_APP, action=action, rate=rate, key=key
        )
        # newest first, as allauth keeps them; the limit lifts when the amount-th expires
        history = [hit for hit in cache.get(cache_key, []) if hit > now - rate.duration]
        if len(history) >= rate.amount:
            wait = max(wait, history[rate.amount - 1] + rate.duration - now)
    return wait


def too_many_attempts(*, action: str, seconds: float) -> ValidationError:
    minutes = max(1, math.ceil(seconds / 60))
    if action == LOGIN_FAILED_ADDRESS:
        message = ngettext(
            "Too many wrong passwords were entered for this address. To protect the "
            "account, signing in with it is paused for %(minutes)s minute. Resetting the "
            "password ends the pause.",
            "Too many wrong passwords were entered for this address. To protect the "
            "account, signing in with it is paused for %(minutes)s minutes. Resetting the "
            "password ends the pause.",
            minutes,
        )
    else:
        message = ngettext(
            "Too many wrong passwords for this address from this computer. Please try "
            "again in %(minutes)s minute, or reset your password.",
            "Too many wrong passwords for this address from this computer. Please try "
            "again in %(minutes)s minutes, or reset your password.",
            minutes,
        )
    return ValidationError(message % {"minutes": minutes}, code="too_many_login_attempts")


class AccountAdapter(DefaultAccountAdapter):
    """Closed network: nobody signs up on their own (invitations and access requests do)."""

    def is_open_for_signup(self, request):
        return False

    def pre_login(self, request, user, **kwargs):
        response = super().pre_login(request, user, **kwargs)
        if response is None and user.last_login is None:
            request.session[FIRST_LOGIN_SESSION_KEY] = True
        return response

    def get_login_redirect_url(self, request):
        # a new member is led to their profile once, so colleagues can find them
        first_login = request.session.pop(FIRST_LOGIN_SESSION_KEY, False)
        if first_login and profile_incomplete(request.user):
            messages.info(
                request,
                gettext(
                    "Welcome! Please tell your colleagues your function and what they may "
                    "ask you about: that is how they find you in the people directory."
                ),
            )
            return reverse("my_profile")
        return super().get_login_redirect_url(request)

    def _login_limit_keys(self, request, **credentials) -> list[tuple[str, str]]:
        address = self._get_login_attempts_cache_key(request, **credentials)
        source = ratelimit.get_ip(request)
        return [(LOGIN_FAILED, f"{address}:{source}"), (LOGIN_FAILED_ADDRESS, address)]

    def pre_authenticate(self, request, **credentials) -> None:
        # allauth counts per address alone, so anyone could lock a colleague out
        usages = []
        for action, key in self._login_limit_keys(request, **credentials):
            usage = ratelimit.consume(request, app=RATE_LIMIT_APP, action=action, key=key)
            if not usage:
                for earlier in usages:
                    earlier.rollback()
                seconds = seconds_until_allowed(request, action=action, key=key)
                raise too_many_attempts(action=action, seconds=seconds)
            usages.append(usage)
        # a successful login rolls its attempt back (allauth's authenticate does that)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[single for usage in usages for single in usage.usage]
        )

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # after a password reset the address may sign in again at once
        for action, key in self._login_limit_keys(request, **credentials):
            ratelimit.clear(request, app=RATE_LIMIT_APP, action=action, key=key)

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's contract: the message as an ``EmailMultiAlternatives``."""
        message = self._render(template_prefix, email, context, headers)
        return EmailMultiAlternatives(
            message.subject,
            message.body,
            self.get_from_email(),
            message.to,
            headers=message.headers,
            alternatives=[(message.html, "text/html")],
        )

    def _render(self, template_prefix, email, context, headers=None):
        # allauth's mails (verification, password reset) are rendered by the one mail
        # module: unescaped subject, the recipient's language, links on SITE_URL
        recipient = recipients_for([email])
        language = recipient[0].language if recipient else None
        context = {key: self._on_site(value, context) for key, value in context.items()}
        message = render_mail(template_prefix, context, language=language)
        message.to = [email] if isinstance(email, str) else list(email)
        message.headers = dict(headers or {})
        return message

    def send_mail(self, template_prefix, email, context):
        # ... and leave through the task worker after commit like every other mail
        request = self.request
        context = {
            "request": request,
            "email": email,
            **context,
            # allauth's texts name the site's domain: the configured one, not the request's
            "current_site": SimpleNamespace(
                name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_url("/")).netloc
            ),
        }
        queue_after_commit([self._render(template_prefix, email, context)])

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return absolute_url(super().get_reset_password_from_key_url(key))

    @staticmethod
    def _on_site(value, context):
        """A link allauth built from the request's host, moved onto the site address."""
        request = context.get("request")
        if isinstance(value, str) and request is not None:
            bits = urlsplit(value)
            if bits.scheme in ("http", "https") and bits.netloc == request.get_host():
                return absolute_url(value)
        return value
