"""What onboarding tells coordinators (registered in ``AccountsConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import NotificationKind, register

ACCESS_REQUEST_WAITS = "accounts.access_request_waits"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=ACCESS_REQUEST_WAITS,
            label=_("A request for access waits for a decision"),
            template="accounts/email/access_request_received",
            can_turn_off=False,
        )
    )
