"""What guides tell their authors (registered in ``GuidesConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import Delivery, NotificationKind, register

APPROVED = "guides.approved"
CHANGES_REQUESTED = "guides.changes_requested"
REVIEW_DUE = "guides.review_due"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=APPROVED,
            label=_("A guide of mine was approved"),
            template="guides/email/workflow_approved",
        )
    )
    register(
        NotificationKind(
            key=CHANGES_REQUESTED,
            label=_("Changes were requested to a guide of mine"),
            template="guides/email/workflow_rejected",
            # work that waits for the author: at least in the inbox
            can_turn_off=False,
        )
    )
    register(
        NotificationKind(
            key=REVIEW_DUE,
            label=_("A guide of mine is due for review"),
            default_delivery=Delivery.IMMEDIATE,
            template="guides/email/review_due",
            can_turn_off=False,
        )
    )
