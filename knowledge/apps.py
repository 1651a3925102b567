from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Guides, minutes, working-group spaces, documents and the toolkit (issue: Knowledge)."""

    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from .notification_kinds import register_notification_kinds
        from .signal_handlers import register_signal_handlers

        register_notification_kinds()
        register_signal_handlers()
