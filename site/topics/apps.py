from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    """The managed taxonomy every app tags its content with."""

    name = "abhnetz.topics"
    label = "topics"
    verbose_name = _("Topics")
