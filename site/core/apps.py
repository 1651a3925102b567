from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site shell: home dashboard, legal pages, navigation, base templates."""

    name = "abhnetz.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import pre_save

        from .limits import guard_text_limits

        pre_save.connect(guard_text_limits, dispatch_uid="abhnetz_text_limits")
