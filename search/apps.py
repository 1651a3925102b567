from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The one audience-aware search service (issue: Search)."""

    name = "search"
    verbose_name = _("Search")
