"""My data: the export carries my notifications and preferences; deletion removes them."""

from wagtail import hooks

from abhnetz.accounts.data_services import (
    BEFORE_USER_DELETE_HOOK,
    USER_DATA_EXPORT_HOOK,
    exports,
)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports(
    "notifications.Notification.recipient",
    "notifications.Notification.actor",
    "notifications.NotificationPreference.person",
    "notifications.DigestSent.person",
)
def export_notifications(user):
    from .models import DigestSent, Notification, NotificationPreference
    from .registry import kinds

    labels = {kind.key: str(kind.label) for kind in kinds()}
    # titles only of targets the person may still read: the export shows nothing more
    visible = {n.pk: n for n in Notification.objects.visible_to(user).prefetch_related("target")}
    notifications = [
        {
            "kind": row.kind,
            "label": labels.get(row.kind, row.kind),
            "created_at": row.created_at,
            "read_at": row.read_at,
            "emailed_at": row.emailed_at,
            "about": str(visible[row.pk].target) if row.pk in visible else None,
        }
        for row in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    ]
    preferences = dict(
        NotificationPreference.objects.filter(person=user).values_list("kind", "delivery")
    )
    digests = list(DigestSent.objects.filter(person=user).values_list("period", flat=True))
    # what the person's own acts caused others to be told: kind and time only, never
    # who was told (that is the recipients' data)
    caused = [
        {"kind": kind, "created_at": created_at}
        for kind, created_at in Notification.objects.filter(actor=user)
        .exclude(recipient=user)
        .order_by("created_at", "pk")
        .values_list("kind", "created_at")
        .distinct()
    ]
    return "notifications", {
        "notifications": notifications,
        "caused": caused,
        "preferences": preferences,
        "digests_sent": digests,
    }


@hooks.register(BEFORE_USER_DELETE_HOOK)
def forget_notifications(user):
    from .models import DigestSent, Notification, NotificationPreference

    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(person=user).delete()
    DigestSent.objects.filter(person=user).delete()
