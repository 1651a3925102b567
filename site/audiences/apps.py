from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudiencesConfig(AppConfig):
    """The one visibility rule: who may read a piece of content."""

    name = "abhnetz.audiences"
    label = "audiences"
    verbose_name = _("Audiences")

    def ready(self):
        from . import (
            admin_breadcrumbs,
            checks,  # noqa: F401  registers the audience model check
        )
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        admin_breadcrumbs.install()
