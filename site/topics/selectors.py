"""Reads about topics that several apps share."""

from django.db import models

from .models import Topic, TopicFollow


def followed_topic_ids(user) -> set[int]:
    """The ids of the topics ``user`` follows (one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(TopicFollow.objects.filter(user=user).values_list("topic_id", flat=True))


def followed_topics(user) -> models.QuerySet:
    """The topics ``user`` follows, by name."""
    if not getattr(user, "is_authenticated", False):
        return Topic.objects.none()
    return Topic.objects.filter(follows__user=user).order_by("name")
