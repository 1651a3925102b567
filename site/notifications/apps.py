from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications of every app: kinds, the inbox, preferences, mails and digests."""

    name = "abhnetz.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
