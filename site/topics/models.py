from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A subject of the field (ServicePoint, E-Akte, Aufenthaltsrecht ...).

    One managed list shared by every app, so guides, minutes, questions, events and
    people's expertise use the same words and a topic page can gather them all.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name
