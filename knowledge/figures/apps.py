from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """Key figures (Kennzahlen): each office's monthly service-point figures."""

    name = "knowledge.figures"
    label = "figures"
    verbose_name = _("Key figures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search.registry import register

        from .indexers import FigureGroupIndexer, OfficeFiguresIndexer
        from .notification_kinds import register_notification_kinds
        from .signal_handlers import register_signal_handlers

        register_notification_kinds()
        register_signal_handlers()
        register(OfficeFiguresIndexer())
        register(FigureGroupIndexer())
