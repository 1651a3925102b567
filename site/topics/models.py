from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from abhnetz.core import limits
from abhnetz.core.slugs import slugify


class Topic(models.Model):
    """A subject of the field (ServicePoint, E-Akte, Aufenthaltsrecht ...).

    One managed list shared by every app, so guides, minutes, questions, events and
    people's expertise use the same words and a topic page can gather them all.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=limits.SHORT_TEXT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, max_length=80)
        super().save(*args, **kwargs)


class TopicFollow(models.Model):
    """A reader follows a topic: they want to hear when something appears on it.

    Notifications use it later; for now readers see their topics on the topic index.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="topic_follows",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="topic_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.topic}"
