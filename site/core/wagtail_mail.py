"""Wagtail's own notification mails through the one mail path (abhnetz.core.mail).

Wagtail's notifiers (``wagtail.admin.mail``: workflow and task submitted, approved,
rejected) render their templates per recipient and send them at once, synchronously,
inside the request's transaction. A notifier with this mixin renders the same
templates, as plain text, in each recipient's language (as ``recipients_for`` resolves it: German
unless they chose English) and queues them through ``queue_after_commit``: one
background task after commit, one message per address.

The page editor's comment mails (``updated_comments``: new comments, replies, resolved
and deleted ones) have no notifier class: the edit view calls ``send_notification``,
which ``install()`` replaces in the edit view's module for that one kind. They take the
same path, and go only to recipients who may still read the page.
"""

from django.conf import settings
from django.utils import translation

from .mail import RenderedMail, _render_plain, queue_after_commit, recipients_for


def queue_wagtail_mail(template_set: dict, context: dict, recipients) -> None:
    """Wagtail's ``subject``/``text`` templates per recipient and language, after commit."""
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


class ShellMailNotifierMixin:
    """Put before Wagtail's ``EmailNotificationMixin`` notifier class."""

    def send_notifications(self, template_set, context, recipients, **kwargs):
        queue_wagtail_mail(template_set, context, recipients)
        return True


COMMENT_MAIL = "updated_comments"


def comment_recipients(page, users) -> list:
    """Those of ``users`` who want Wagtail's comment mails and may still read ``page``."""
    from wagtail.users.models import UserProfile

    from abhnetz.accounts.models import User
    from abhnetz.audiences.models import AudienceMixin
    from abhnetz.audiences.rules import readers_of

    wanted = [
        user
        for user in users
        if user.is_active
        and user.email
        and UserProfile.get_for_user(user).updated_comments_notifications
    ]
    if not wanted or not isinstance(page, AudienceMixin):
        return wanted
    people = User.objects.filter(pk__in=[user.pk for user in wanted])
    # superusers administer every page, the others read it by the audience rule
    allowed = set(readers_of(page, people).values_list("pk", flat=True))
    return [user for user in wanted if user.is_superuser or user.pk in allowed]


def _comment_mail(original):
    def send_notification(recipient_users, notification, extra_context):
        if notification != COMMENT_MAIL:
            return original(recipient_users, notification, extra_context)
        page = extra_context["page"]
        recipients = comment_recipients(page, recipient_users)
        templates = {
            "subject": f"wagtailadmin/notifications/{COMMENT_MAIL}_subject.txt",
            "text": f"wagtailadmin/notifications/{COMMENT_MAIL}.txt",
        }
        queue_wagtail_mail(templates, {"settings": settings, **extra_context}, recipients)
        return True

    send_notification.through_shell = True
    return send_notification


def install() -> None:
    """Route the page editor's comment mails through the one mail path."""
    from wagtail.admin.views.pages import edit

    if not getattr(edit.send_notification, "through_shell", False):
        edit.send_notification = _comment_mail(edit.send_notification)
