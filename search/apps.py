from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The one audience-aware search service: document shape, registry, backends."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .signals import connect_signals

        connect_signals()
