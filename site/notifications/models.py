from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Delivery


class MailState(models.TextChoices):
    NONE = "", _("no e-mail")
    IMMEDIATE = "immediate", _("e-mail pending")
    DIGEST = "digest", _("in the next digest")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """``user``'s own notifications whose target they may still read."""
        from abhnetz.audiences.rules import visible_via

        return visible_via(user, self.filter(recipient=user))

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something happened that concerns one person (the recipient).

    It has no audience of its own: it inherits its target's (an audience source,
    normalised like ``abhnetz.audiences.rules.audience_content_type``: pages under
    Page's content type). A notification whose target the recipient can no longer read
    is neither shown, counted nor mailed.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=80)
    target_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_content_type", "target_object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # small extras for the text (a reviewer's comment) and a path to open instead of
    # the target's own page; never more than the target's readers may see
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mail_state = models.CharField(
        max_length=10, choices=MailState.choices, default=MailState.NONE, blank=True
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # the rows of one fan-out, for its mail task
    batch = models.UUIDField(db_index=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["mail_state", "recipient"], name="notification_mail"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """How one person wants to hear of one kind (no row: the kind's default)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind} = {self.delivery}"


class DigestSent(models.Model):
    """One person's digest of one day went out (or was found empty): never twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="digest_once_per_period")
        ]
