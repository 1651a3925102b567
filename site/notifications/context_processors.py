from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """The header's unread count: one COUNT query, only on pages that show it, and kept
    for the person's next pages until something changes (abhnetz.core.fragments)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from abhnetz.core import fragments

        from .models import Notification

        return fragments.for_person(
            "unread", user, lambda: Notification.objects.visible_to(user).unread().count()
        )

    return {"unread_notifications": SimpleLazyObject(count)}
