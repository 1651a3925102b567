"""Following topics: a reader's own choice, so nobody else writes it for them."""

from django.core.exceptions import PermissionDenied

from .models import Topic, TopicFollow


def _check_reader(user) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied


def topic_follow(*, user, topic: Topic) -> TopicFollow:
    """``user`` follows ``topic``; following twice changes nothing."""
    _check_reader(user)
    follow, _created = TopicFollow.objects.get_or_create(user=user, topic=topic)
    return follow


def topic_unfollow(*, user, topic: Topic) -> None:
    """``user`` no longer follows ``topic``; unfollowing a topic not followed is fine."""
    _check_reader(user)
    TopicFollow.objects.filter(user=user, topic=topic).delete()
