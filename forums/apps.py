from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Discussions, questions and answers, comments under pages, moderation."""

    name = "forums"
    verbose_name = _("Forum")

    def ready(self):
        from search.registry import register

        from .indexers import ThreadIndexer
        from .notification_kinds import register_notification_kinds
        from .signal_handlers import register_signal_handlers

        register_notification_kinds()
        register_signal_handlers()
        register(ThreadIndexer())
