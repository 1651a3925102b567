"""Writes of events: answers with capacity and waitlist, invitations, changes, feeds.

Capacity holds on the server: every answer locks the event's row first
(``select_for_update``), so two people taking the last seat at the same moment are
served one after the other, and the second is put on the waitlist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view, readers_of
from abhnetz.core.mail import mail_send

from . import ical
from .display import event_when
from .models import SCHEDULE_FIELDS, Answer, EventInvitation, EventPage, FeedToken, Rsvp
from .notification_kinds import CANCELLED, CHANGED, INVITED, PROMOTED
from .selectors import seats_taken

MAX_COLLEAGUES = 20


# --- answers ------------------------------------------------------------------------


def _locked(event: EventPage) -> EventPage:
    # the event's own row (not Wagtail's page row) serialises every answer to it
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def rsvp_answer(
    *, event: EventPage, person: User, answer: str, colleagues: int = 0, now=None
) -> Rsvp:
    """``person`` answers ``event``; a Zusage beyond capacity joins the waitlist.

    A registered person can always cancel (also after the deadline, also when full);
    whatever frees seats promotes the waitlist in order.
    """
    now = now or timezone.now()
    if not can_view(person, event) or not event.live:
        raise PermissionDenied
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Please choose an answer.")})
    if not 0 <= colleagues <= MAX_COLLEAGUES:
        raise ValidationError(
            {"colleagues": _("At most %(limit)s colleagues.") % {"limit": MAX_COLLEAGUES}}
        )
    event = _locked(event)
    if answer != Answer.YES:
        colleagues = 0
    rsvp = Rsvp.objects.select_for_update().filter(event=event, person=person).first()
    cancelling = answer == Answer.NO
    if event.cancelled and not cancelling:
        raise ValidationError({"answer": _("This event was cancelled.")})
    if event.end < now and not cancelling:
        raise ValidationError({"answer": _("This event is over.")})
    if (
        event.registration_deadline
        and now > event.registration_deadline
        and not cancelling
        and not (rsvp and rsvp.answer == answer and rsvp.colleagues >= colleagues)
    ):
        raise ValidationError({"answer": _("The registration deadline has passed.")})

    rsvp = rsvp or Rsvp(event=event, person=person)
    was_registered = rsvp.pk is not None and rsvp.is_registered
    old_seats = rsvp.seats if was_registered else 0
    rsvp.answer = answer
    rsvp.colleagues = colleagues
    rsvp.answered_at = now
    if answer == Answer.YES:
        free = None if event.capacity is None else event.capacity - (seats_taken(event) - old_seats)
        if free is None or rsvp.seats <= free:
            rsvp.waitlisted_at = None
        elif was_registered:
            # more colleagues than fit: keep the seats they hold, say so
            raise ValidationError(
                {
                    "colleagues": ngettext(
                        "Only %(free)s place is free.", "Only %(free)s places are free.", free
                    )
                    % {"free": max(free, 0)}
                }
            )
        elif rsvp.waitlisted_at is None:
            rsvp.waitlisted_at = now
    else:
        rsvp.waitlisted_at = None
    rsvp.save()
    waitlist_promote(event=event)
    return rsvp


def waitlist_promote(*, event: EventPage) -> list[Rsvp]:
    """Give free seats to the waitlist in order, as long as the next one fits; tell them.

    Strict order: when the first in line needs more seats than are free, nobody behind
    them jumps the queue. Call with the event locked (``rsvp_answer`` does).
    """
    waiting = list(
        Rsvp.objects.select_for_update()
        .filter(event=event, waitlisted_at__isnull=False)
        .order_by("waitlisted_at", "pk")
    )
    if not waiting:
        return []
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    promoted = []
    for rsvp in waiting:
        if free is not None and rsvp.seats > free:
            break
        promoted.append(rsvp)
        if free is not None:
            free -= rsvp.seats
    if promoted:
        Rsvp.objects.filter(pk__in=[r.pk for r in promoted]).update(waitlisted_at=None)
        from abhnetz.notifications.services import notify

        batch = notify(
            kind=PROMOTED,
            target=event,
            recipients=User.objects.filter(pk__in=[r.person_id for r in promoted]),
        )
        for rsvp in promoted:
            rsvp.waitlisted_at = None
        calendar_mail_send(
            event=event,
            people=[r.person for r in promoted],
            method="REQUEST",
            promoted=True,
            batch=batch,
        )
    return promoted


# --- invitations and calendar mails ----------------------------------------------------


def calendar_mail_send(
    *,
    event: EventPage,
    people,
    method: str,
    updated: bool = False,
    promoted: bool = False,
    batch=None,
) -> int:
    """Mail each of ``people`` who may read ``event`` its calendar part (REQUEST or CANCEL).

    One message per person: the ATTENDEE line carries their own PARTSTAT. ``batch`` (what
    ``notify`` returned for the same news) is this mail's inbox entry: it is marked as
    mailed, so neither the immediate mail nor the digest repeats it, whatever the person
    chose (docs/decisions/0058).
    """
    people = readers_of(event, User.objects.filter(pk__in=[p.pk for p in people]))
    answers = {r.person_id: r for r in Rsvp.objects.filter(event=event, person__in=people)}
    template = "events/email/cancelled" if method == "CANCEL" else "events/email/invitation"
    sent = 0
    for person in people:
        content = ical.calendar_for(
            [event],
            method=method,
            attendees={event.pk: [(person, ical.partstat_of(answers.get(person.pk)))]},
            video_for={event.pk},
        ).decode()
        sent += len(
            mail_send(
                template=template,
                to=[person],
                context={
                    "event": event,
                    "event_url": _event_url(event),
                    # lazy: written in each recipient's language ("Uhr" / "o'clock")
                    "when": lazy(event_when, str)(event),
                    "updated": updated,
                    "promoted": promoted,
                },
                attachments=[
                    {
                        "filename": "einladung.ics" if method != "CANCEL" else "absage.ics",
                        "content": content,
                        "mimetype": "text/calendar",
                        "params": {"method": method},
                    }
                ],
            )
        )
    if batch is not None:
        notifications_mark_mailed(batch=batch, people=people)
    return sent


def notifications_mark_mailed(*, batch, people) -> int:
    """The inbox entries of ``batch`` for ``people`` went out as a calendar mail already.

    Before commit, so the shell's mail task (which runs after it) and the digest find
    nothing left to send for them.
    """
    from abhnetz.notifications.models import MailState, Notification

    return Notification.objects.filter(batch=batch, recipient__in=people).update(
        mail_state=MailState.NONE, emailed_at=timezone.now()
    )


def _event_url(event) -> str:
    from abhnetz.core.mail import absolute_url

    return absolute_url(event)


def invitees(event: EventPage):
    """Everyone the event's invitations name (people, organisations' members, groups)."""
    invitations = EventInvitation.objects.filter(event=event)
    return User.objects.filter(
        Q(pk__in=invitations.values("person_id"))
        | Q(organisation__in=invitations.values("organisation_id"))
        | Q(groups__working_group__in=invitations.values("working_group_id"))
    ).distinct()


@transaction.atomic
def event_invite(
    *, event: EventPage, by: User, organisations=(), working_groups=(), people=()
) -> int:
    """Invite organisations, working groups or people; returns how many were told.

    Only those who may read the event are mailed (the audience decides, not the list).
    """
    from abhnetz.notifications.services import notify

    rows = [EventInvitation(event=event, organisation=o, invited_by=by) for o in organisations]
    rows += [EventInvitation(event=event, working_group=g, invited_by=by) for g in working_groups]
    rows += [EventInvitation(event=event, person=p, invited_by=by) for p in people]
    EventInvitation.objects.bulk_create(rows)
    named = User.objects.filter(
        Q(pk__in=[p.pk for p in people])
        | Q(organisation__in=list(organisations))
        | Q(groups__working_group__in=list(working_groups))
    ).distinct()
    told = list(readers_of(event, named).exclude(pk=by.pk))
    batch = notify(kind=INVITED, target=event, recipients=told, actor=by)
    calendar_mail_send(event=event, people=told, method="REQUEST", batch=batch)
    return len(told)


def answered_people(event: EventPage):
    """Who answered Zusage or Vielleicht (registered or waiting): told of every change."""
    return User.objects.filter(
        event_rsvps__event=event, event_rsvps__answer__in=[Answer.YES, Answer.MAYBE]
    )


@dataclass
class EventChange:
    """What a save of a published event changes for those who answered it."""

    rescheduled: bool = False
    cancelled: bool = False

    def after_save(self, event: EventPage) -> None:
        from abhnetz.notifications.services import notify

        if not (self.rescheduled or self.cancelled):
            return
        people = list(answered_people(event)) + list(invitees(event))
        people = list({p.pk: p for p in people}.values())
        kind = CANCELLED if self.cancelled else CHANGED
        batch = notify(kind=kind, target=event, recipients=people)
        calendar_mail_send(
            event=event,
            people=people,
            method="CANCEL" if self.cancelled else "REQUEST",
            updated=True,
            batch=batch,
        )


def event_change_detect(event: EventPage) -> EventChange:
    """Compare ``event`` with its stored row; raise SEQUENCE on a change of time or place.

    The stored SEQUENCE wins over the one in memory: publishing an old revision must
    never lower it (calendar programs would ignore the update).
    """
    row = (
        EventPage.objects.filter(pk=event.pk)  # not shown: the stored row, to compare
        .values(*SCHEDULE_FIELDS, "sequence", "cancelled", "live")
        .first()
    )
    if row is None:
        return EventChange()
    event.sequence = max(row["sequence"], event.sequence)
    if not (row["live"] and event.live):
        return EventChange()
    rescheduled = any(row[name] != getattr(event, name) for name in SCHEDULE_FIELDS)
    cancelled = event.cancelled and not row["cancelled"]
    if rescheduled or cancelled:
        event.sequence += 1
    return EventChange(rescheduled=rescheduled and not cancelled, cancelled=cancelled)


# --- feeds --------------------------------------------------------------------------


@transaction.atomic
def feed_token_renew(*, person: User) -> FeedToken:
    """A new secret feed address for ``person``; the old one stops working at once."""
    FeedToken.objects.filter(person=person).delete()
    return FeedToken.objects.create(person=person)


def feed_token_revoke(*, person: User) -> None:
    FeedToken.objects.filter(person=person).delete()


# --- reminders ----------------------------------------------------------------------


def reminders_send(*, before, now=None) -> int:
    """Remind registered participants of events starting within ``before``; returns how many.

    Idempotent: each answer is marked ``reminded_at`` in the same transaction as its
    notification, and only unmarked answers are taken, so a second run (or a parallel
    one) tells nobody again. Cancelled events and people who cancelled are never reminded.
    """
    from abhnetz.notifications.services import notify

    from .notification_kinds import REMINDER

    now = now or timezone.now()
    events = EventPage.objects.live().filter(
        cancelled=False, start__gt=now, start__lte=now + before
    )
    told = 0
    for event in events:
        with transaction.atomic():
            due = list(
                Rsvp.objects.select_for_update()
                .filter(
                    event=event,
                    answer=Answer.YES,
                    waitlisted_at__isnull=True,
                    reminded_at__isnull=True,
                )
                .values_list("pk", "person_id")
            )
            if not due:
                continue
            Rsvp.objects.filter(pk__in=[pk for pk, _person in due]).update(reminded_at=now)
            notify(
                kind=REMINDER,
                target=event,
                recipients=User.objects.filter(pk__in=[person for _pk, person in due]),
            )
            told += len(due)
    return told
