from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    """Working-group spaces and the toolkit."""

    name = "knowledge.spaces"
    label = "spaces"
    verbose_name = _("Working-group spaces")

    def ready(self):
        from . import signal_handlers  # noqa: F401 - connects the receivers
        from .notification_kinds import register_notification_kinds

        register_notification_kinds()
