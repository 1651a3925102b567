"""The one mail path: every e-mail the site sends is rendered and queued here.

- The subject, a plain-text body and an HTML alternative come from templates
  ``<prefix>_subject.txt``, ``<prefix>_message.txt`` and (optionally)
  ``<prefix>_message.html``; without an HTML template the text is wrapped in
  ``mail/message.html``. Subjects and text bodies are rendered with autoescaping off
  (they are not HTML: ``<`` stays ``<``); subjects lose their line breaks.
- Each recipient gets the mail in their own language: the language they chose with
  the header's switch (stored in Wagtail's ``UserProfile.preferred_language``), German
  for everyone else, including addresses without an account.
- Links are absolute and built from one setting, ``SITE_URL`` (``site_url``).
- Mails leave through one background task after the transaction commits, so rolled-back
  work sends nothing; one send call mails each address once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

from .tasks import send_email, send_emails


@dataclass(frozen=True)
class Recipient:
    """One address and the language its mails are written in."""

    email: str
    language: str = settings.LANGUAGE_CODE
    user_id: int | None = None


@dataclass
class RenderedMail:
    subject: str
    body: str
    html: str
    to: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    # files sent along: {"filename", "content" (text), "mimetype", "params" (dict)}
    attachments: list[dict] = field(default_factory=list)

    def as_task_kwargs(self) -> dict:
        return {
            "subject": self.subject,
            "body": self.body,
            "html": self.html,
            "to": list(self.to),
            "headers": dict(self.headers),
            "attachments": [dict(attachment) for attachment in self.attachments],
        }


# --- addresses and links -------------------------------------------------------------


def site_url(path: str = "/") -> str:
    """``path`` as an absolute link on the one configured site address (``SITE_URL``)."""
    if not path.startswith("/"):
        path = "/" + path
    return settings.SITE_URL.rstrip("/") + path


def absolute_url(target) -> str:
    """An absolute link to a path, a Wagtail page or an object with ``get_absolute_url``.

    Pages are asked for their path only: Wagtail's ``full_url`` uses the ``Site``
    record's host and port, which need not be the address the site is reached at.
    """
    if isinstance(target, str):
        bits = urlsplit(target)
        path = bits.path + (f"?{bits.query}" if bits.query else "")
        return site_url(path + (f"#{bits.fragment}" if bits.fragment else ""))
    if hasattr(target, "get_url_parts"):
        parts = target.get_url_parts()
        return site_url(parts[2] if parts else "/")
    return site_url(target.get_absolute_url())


def _language(code: str | None) -> str:
    languages = {language for language, _name in settings.LANGUAGES}
    return code if code in languages else settings.LANGUAGE_CODE


def recipients_for(people: Iterable) -> list[Recipient]:
    """People (users) or plain addresses as recipients, each address once, in one query.

    A plain address that belongs to a member gets the member's language; inactive
    members and empty addresses are left out.
    """
    from abhnetz.accounts.models import User

    wanted: dict[str, str] = {}  # lower-cased address → address as given
    for person in people:
        email = person if isinstance(person, str) else getattr(person, "email", "")
        if isinstance(person, str) or getattr(person, "is_active", False):
            if email and email.lower() not in wanted:
                wanted[email.lower()] = email
    if not wanted:
        return []
    known = {
        email.lower(): (pk, is_active, language)
        for pk, email, is_active, language in User.objects.filter(
            email__in=list(wanted)
        ).values_list("pk", "email", "is_active", "wagtail_userprofile__preferred_language")
    }
    recipients = []
    for key, email in wanted.items():
        pk, is_active, language = known.get(key, (None, True, None))
        if is_active:
            recipients.append(Recipient(email=email, language=_language(language), user_id=pk))
    return recipients


# --- rendering -----------------------------------------------------------------------


def _render_plain(template_name: str, context: dict) -> str:
    """A template rendered as plain text: no HTML escaping of anything it prints."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))


def render_mail(template_prefix: str, context: dict, *, language: str) -> RenderedMail:
    """Subject, text and HTML of ``template_prefix`` in ``language`` (no recipient yet)."""
    with translation.override(_language(language)):
        context = {"site_url": site_url("/"), **context}
        subject = _render_plain(f"{template_prefix}_subject.txt", context)
        # one line, whatever the template's line breaks
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = _render_plain(f"{template_prefix}_message.txt", context).strip() + "\n"
        try:
            html = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html = render_to_string(
                "mail/message.html", {**context, "subject": subject, "body": body}
            )
    return RenderedMail(subject=subject, body=body, html=html, to=[])


# --- sending -------------------------------------------------------------------------


def queue_after_commit(messages: list[RenderedMail]) -> None:
    """Send rendered messages from one background task once the transaction commits."""
    payload = [message.as_task_kwargs() for message in messages if message.to]
    if payload:
        transaction.on_commit(lambda: send_emails.enqueue(messages=payload))


def mail_send(
    *,
    template: str,
    to: Iterable,
    context: dict,
    headers: dict[str, str] | None = None,
    attachments: list[dict] | None = None,
) -> list[RenderedMail]:
    """Render ``template`` for each recipient in their language and queue it after commit.

    ``to`` holds users or addresses; each address gets its own message (nobody sees
    the other recipients) and gets it once. The context is the same for everyone:
    what depends on the recipient belongs in a loop of the caller's. ``attachments``:
    text files as dicts ``{"filename", "content", "mimetype", "params"}`` (``params``
    are added to the Content-Type, e.g. ``{"method": "REQUEST"}`` for an invitation).
    """
    rendered: dict[str, RenderedMail] = {}
    messages = []
    for recipient in recipients_for(to):
        if recipient.language not in rendered:
            rendered[recipient.language] = render_mail(
                template, context, language=recipient.language
            )
        base = rendered[recipient.language]
        messages.append(
            RenderedMail(
                subject=base.subject,
                body=base.body,
                html=base.html,
                to=[recipient.email],
                headers=dict(headers or {}),
                attachments=list(attachments or []),
            )
        )
    queue_after_commit(messages)
    return messages


def send_after_commit(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Queue an already rendered e-mail once the surrounding transaction commits.

    Kept for callers that render themselves; new code uses ``mail_send``. The
    addresses are deduplicated (case-insensitively), so nobody gets it twice.
    """
    unique = list({address.lower(): address for address in to if address}.values())
    if unique:
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=unique, html=html)
        )
