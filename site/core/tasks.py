from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


def _attachment(*, filename: str, content: str, mimetype: str, params: dict | None = None):
    """A text attachment with Content-Type parameters (``text/calendar; method=REQUEST``)."""
    _maintype, subtype = mimetype.split("/", 1)
    part = MIMEText(content, subtype, "utf-8")
    for name, value in (params or {}).items():
        part.set_param(name, value)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _message(*, subject, body, to, html="", headers=None, connection=None, attachments=()):
    message = EmailMultiAlternatives(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        to,
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
        connection=connection,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments or ():
        message.attach(_attachment(**attachment))
    return message


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Send one e-mail from the worker, so a slow mail server never holds up a page."""
    _message(subject=subject, body=body, to=to, html=html).send()


@task()
def send_emails(*, messages: list[dict]) -> None:
    """Send rendered e-mails (``abhnetz.core.mail.RenderedMail``) over one connection."""
    connection = get_connection()
    connection.send_messages([_message(**message, connection=connection) for message in messages])
