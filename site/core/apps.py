from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site shell: home dashboard, legal pages, navigation, base templates."""

    name = "abhnetz.core"
    label = "core"
    verbose_name = _("Site")
