from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel

from abhnetz.audiences.models import AudienceMixin
from abhnetz.core import limits

from .querysets import AnnouncementQuerySet


class Announcement(AudienceMixin, ClusterableModel):
    """A short notice (Mitteilung) to an audience: a new contact, a closed office, a call.

    ``body`` is Markdown; ``body_html`` is its sanitized rendering, made once on save by
    ``announcement_save`` so lists never render Markdown per item.
    """

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=limits.BODY,
        help_text=_("Markdown: *italic*, **bold**, lists, links."),
    )
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audience_author_field = "author"

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("announcements:detail", kwargs={"pk": self.pk})
