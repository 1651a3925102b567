from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    """Practice guides (Praxisleitfäden): writing, review, workflow, revisions."""

    name = "knowledge.guides"
    label = "guides"
    verbose_name = _("Guides")

    def ready(self):
        from search.registry import register

        from .indexers import GuideIndexer
        from .notification_kinds import register_notification_kinds
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_notification_kinds()
        register(GuideIndexer())
