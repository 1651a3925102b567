from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Guides, minutes, working-group spaces, documents and the toolkit (issue: Knowledge)."""

    name = "knowledge"
    verbose_name = _("Knowledge")
