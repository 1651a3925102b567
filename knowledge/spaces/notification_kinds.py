"""What working-group spaces tell people (registered in ``SpacesConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import NotificationKind, register

JOIN_REQUEST_WAITS = "spaces.join_request_waits"
JOIN_REQUEST_DECIDED = "spaces.join_request_decided"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=JOIN_REQUEST_WAITS,
            label=_("A request to join a working group waits for my decision"),
            template="spaces/email/join_request_received",
            can_turn_off=False,
        )
    )
    register(
        NotificationKind(
            key=JOIN_REQUEST_DECIDED,
            label=_("My request to join a working group was decided"),
            template="spaces/email/join_request_decided",
        )
    )
