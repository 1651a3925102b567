"""Wagtail's own notification mails through the one mail path (abhnetz.core.mail).

Wagtail's notifiers (``wagtail.admin.mail``: workflow and task submitted, approved,
rejected) render their templates per recipient and send them at once, synchronously,
inside the request's transaction. A notifier with this mixin renders the same
templates, as plain text, in each recipient's language (as ``recipients_for`` resolves it: German
unless they chose English) and queues them through ``queue_after_commit``: one
background task after commit, one message per address.
"""

from django.conf import settings
from django.utils import translation

from .mail import RenderedMail, _render_plain, queue_after_commit, recipients_for


class ShellMailNotifierMixin:
    """Put before Wagtail's ``EmailNotificationMixin`` notifier class."""

    def send_notifications(self, template_set, context, recipients, **kwargs):
        people = {person.email.lower(): person for person in recipients}
        messages = []
        for recipient in recipients_for(recipients):
            with translation.override(recipient.language):
                # Wagtail's templates expect the recipient as ``user``
                context = {**context, "user": people.get(recipient.email.lower())}
                # plain text: a title's "&" stays "&" (Wagtail would escape it)
                subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(
                    _render_plain(template_set["subject"], context).split()
                )
                body = _render_plain(template_set["text"], context).strip() + "\n"
            messages.append(RenderedMail(subject=subject, body=body, html="", to=[recipient.email]))
        queue_after_commit(messages)
        return True
