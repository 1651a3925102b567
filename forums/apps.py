from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Discussions, questions and answers, comments (its own issue)."""

    name = "forums"
    verbose_name = _("Forum")
