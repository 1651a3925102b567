"""Reads of events, always through the audience rule."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone

from abhnetz.audiences.rules import visible_to

from .models import Answer, EventInvitation, EventPage, Rsvp


def visible_events(user):
    """Live events ``user`` may see (one semi-join), soonest first."""
    return visible_to(user, EventPage.objects.live()).order_by("start", "pk")


def invitation_q(user, prefix: str = "") -> Q:
    """Invitations naming ``user``: them, their organisation or a working group of theirs."""
    return (
        Q(**{f"{prefix}person": user})
        | Q(**{f"{prefix}organisation__members": user})
        | Q(**{f"{prefix}working_group__group__user": user})
    )


def is_invited(user, event) -> bool:
    return EventInvitation.objects.filter(invitation_q(user), event=event).exists()


def my_events(user):
    """Events ``user`` is invited to or answered Zusage/Vielleicht, if visible to them now."""
    invited = EventInvitation.objects.filter(invitation_q(user)).values("event_id")
    answered = Rsvp.objects.filter(person=user, answer__in=[Answer.YES, Answer.MAYBE]).values(
        "event_id"
    )
    return visible_events(user).filter(Q(pk__in=invited) | Q(pk__in=answered))


def seats_taken(event) -> int:
    """Seats held by registered Zusagen, each with its colleagues."""
    total = Rsvp.objects.filter(
        event=event, answer=Answer.YES, waitlisted_at__isnull=True
    ).aggregate(seats=Sum("colleagues"), people=Count("pk"))
    return (total["people"] or 0) + (total["seats"] or 0)


def upcoming(queryset):
    return queryset.filter(end__gte=timezone.now())
