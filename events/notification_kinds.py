"""What events tell people (registered in ``EventsConfig.ready()``).

Invitations, changes and cancellations arrive as a calendar mail with an iCalendar
part (``events.services``); their notification is the inbox entry, so nobody gets the
same news twice by mail (docs/decisions/0051, 0058); ``calendar_mail=True`` lets the
settings page offer only what the setting still decides, the inbox entry.
"""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import Delivery, NotificationKind, register

INVITED = "events.invited"
CHANGED = "events.changed"
CANCELLED = "events.cancelled"
PROMOTED = "events.waitlist_promoted"
REMINDER = "events.reminder"
POLL_INVITED = "events.poll_invited"
POLL_CLOSED = "events.poll_closed"
MINUTES_PUBLISHED = "events.minutes_published"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=INVITED,
            label=_("I was invited to an event"),
            default_delivery=Delivery.INBOX,
            calendar_mail=True,
        )
    )
    register(
        NotificationKind(
            key=CHANGED,
            label=_("The time or place of an event I answered changed"),
            default_delivery=Delivery.INBOX,
            calendar_mail=True,
        )
    )
    register(
        NotificationKind(
            key=CANCELLED,
            label=_("An event I answered was cancelled"),
            default_delivery=Delivery.INBOX,
            can_turn_off=False,
            calendar_mail=True,
        )
    )
    register(
        NotificationKind(
            key=PROMOTED,
            label=_("I moved up from the waitlist and have a place"),
            default_delivery=Delivery.INBOX,
            can_turn_off=False,
            calendar_mail=True,
        )
    )
    register(NotificationKind(key=REMINDER, label=_("Reminder of an event I registered for")))
    register(NotificationKind(key=POLL_INVITED, label=_("I was asked to answer a date poll")))
    register(NotificationKind(key=POLL_CLOSED, label=_("A date poll I answered was closed")))
    register(
        NotificationKind(
            key=MINUTES_PUBLISHED, label=_("The minutes of an event I attended were published")
        )
    )
