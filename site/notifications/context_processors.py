from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """The header's unread count: one COUNT query, only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from .models import Notification

        return Notification.objects.visible_to(user).unread().count()

    return {"unread_notifications": SimpleLazyObject(count)}
