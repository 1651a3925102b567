"""Reads for the people directory: a page of people costs the same queries as one person."""

from django.db.models import Q, QuerySet

from .models import User


def people_directory(*, q: str = "", organisation=None, topic=None) -> QuerySet[User]:
    """Active members, filtered; former members (deleted or deactivated) never appear."""
    people = (
        User.objects.filter(is_active=True)
        .select_related("organisation")
        .prefetch_related("expertise")
        .order_by("last_name", "first_name", "pk")
    )
    # every word of the search must match a first or a last name
    for word in q.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if organisation is not None:
        people = people.filter(organisation=organisation)
    if topic is not None:
        people = people.filter(expertise=topic)
    return people


def person_for_profile() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .select_related("organisation")
        .prefetch_related("expertise")
    )
