from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    """Short announcements (Mitteilungen) with an audience."""

    name = "abhnetz.announcements"
    label = "announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from search.registry import register

        from .indexers import AnnouncementIndexer

        register(AnnouncementIndexer())
