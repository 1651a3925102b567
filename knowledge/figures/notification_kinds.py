"""What key figures tell people (registered in ``ready()``)."""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import Delivery, NotificationKind, register

FIGURES_MISSING = "figures.month_missing"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=FIGURES_MISSING,
            label=_("My office has not yet submitted last month's key figures"),
            default_delivery=Delivery.IMMEDIATE,
            # work that waits for the office: it stays in the inbox
            can_turn_off=False,
        )
    )
