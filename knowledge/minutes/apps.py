from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    """Minutes (Protokolle) with their decisions and action items."""

    name = "knowledge.minutes"
    label = "minutes"
    verbose_name = _("Minutes")

    def ready(self):
        from search.registry import register

        from .indexers import MinutesIndexer

        register(MinutesIndexer())
