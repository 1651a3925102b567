from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Send one e-mail from the worker, so a slow mail server never holds up a page."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
