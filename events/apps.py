from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Networking meetings, RSVPs, date polls and calendar feeds."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from .notification_kinds import register_notification_kinds

        register_notification_kinds()

        from search.registry import register

        from .indexers import EventIndexer

        register(EventIndexer())

        from wagtail.signals import page_published

        from .minutes import minutes_published_notify

        page_published.connect(minutes_published_notify, dispatch_uid="events_minutes_published")
