from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from abhnetz.core.mail import (
    absolute_url,
    queue_after_commit,
    recipients_for,
    render_mail,
    site_url,
)


class AccountAdapter(DefaultAccountAdapter):
    """Closed network: nobody signs up on their own (invitations and access requests do)."""

    def is_open_for_signup(self, request):
        return False

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
