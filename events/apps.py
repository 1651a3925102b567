from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Networking meetings, RSVPs, date polls and calendar feeds (its own issue)."""

    name = "events"
    verbose_name = _("Events")
