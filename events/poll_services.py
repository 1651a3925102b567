"""Date polls (Terminfindung): asking, answering, the matrix, closing into an event."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view, readers_of
from abhnetz.audiences.services import audience_assign, audience_store

from .models import (
    DatePoll,
    EventIndexPage,
    EventPage,
    PollAnswer,
    PollChoice,
    PollResponse,
    PollSlot,
)
from .notification_kinds import POLL_CLOSED, POLL_INVITED
from .permissions import may_coordinate


def poll_asked(poll: DatePoll):
    """Everyone the poll asks who may read it: members of its organisations and groups."""
    asked = User.objects.filter(
        Q(organisation__in=poll.invited_organisations.all())
        | Q(groups__working_group__in=poll.invited_working_groups.all())
    ).distinct()
    return readers_of(poll, asked)


@transaction.atomic
def poll_create(
    *,
    by: User,
    title: str,
    kind: str,
    slots: list[tuple],
    audience: Audience,
    organisations=(),
    working_groups=(),
    description: str = "",
    series: str = "",
    place_address: str = "",
) -> DatePoll:
    """A coordinator proposes ``slots`` ((start, end) pairs) and asks organisations/groups."""
    from abhnetz.notifications.services import notify

    if not may_coordinate(by):
        raise PermissionDenied
    if not slots:
        raise ValidationError({"slots": _("Propose at least one date.")})
    poll = DatePoll(
        title=title,
        kind=kind,
        description=description,
        series=series,
        place_address=place_address,
        created_by=by,
    )
    audience_assign(poll, audience)
    poll.save()
    audience_store(poll)
    poll.invited_organisations.set(organisations)
    poll.invited_working_groups.set(working_groups)
    PollSlot.objects.bulk_create(PollSlot(poll=poll, start=s, end=e) for s, e in slots)
    notify(kind=POLL_INVITED, target=poll, recipients=poll_asked(poll), actor=by)
    return poll


@transaction.atomic
def poll_answer(*, poll: DatePoll, person: User, choices: dict[int, str], comment: str = ""):
    """``person`` answers each slot Ja / Wenn nötig / Nein; changeable until it closes."""
    if not can_view(person, poll):
        raise PermissionDenied
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."))
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    if set(choices) != slot_ids or not set(choices.values()) <= set(PollChoice.values):
        raise ValidationError(_("Please answer every date."))
    response, _created = PollResponse.objects.update_or_create(
        poll=poll, person=person, defaults={"comment": comment, "answered_at": timezone.now()}
    )
    PollAnswer.objects.filter(response=response).delete()
    PollAnswer.objects.bulk_create(
        PollAnswer(response=response, slot_id=slot, choice=choice)
        for slot, choice in choices.items()
    )
    return response


@dataclass
class SlotResult:
    slot: PollSlot
    counts: dict[str, int] = field(default_factory=dict)
    covered: list[str] = field(default_factory=list)  # organisations that can come
    missing: list[str] = field(default_factory=list)  # participating ones that cannot
    cells: list[str] = field(default_factory=list)  # each respondent's choice, in order


def poll_matrix(poll: DatePoll) -> tuple[list[PollResponse], list[SlotResult], list[SlotResult]]:
    """Respondents, slots with totals and coverage, and the slots ranked (four queries).

    Coverage: an organisation is represented at a slot when someone of it answered Ja or
    Wenn nötig. The participating organisations are the ones asked plus those of the
    respondents. Ranking: most organisations covered first, then most Ja, then fewest
    Wenn nötig, then the earlier date.
    """
    slots = list(poll.slots.all())
    responses = list(
        poll.responses.select_related("person__organisation").order_by(
            "person__organisation__name", "person__last_name", "pk"
        )
    )
    choices = {
        (a.response_id, a.slot_id): a.choice for a in PollAnswer.objects.filter(response__poll=poll)
    }
    participating = set(poll.invited_organisations.values_list("name", flat=True))
    participating |= {r.person.organisation.name for r in responses if r.person.organisation}
    results = []
    for slot in slots:
        result = SlotResult(slot=slot, counts=dict.fromkeys(PollChoice.values, 0))
        covered = set()
        for response in responses:
            choice = choices.get((response.pk, slot.pk), "")
            result.cells.append(choice)
            if choice:
                result.counts[choice] += 1
            if choice in (PollChoice.YES, PollChoice.IF_NEEDED) and response.person.organisation:
                covered.add(response.person.organisation.name)
        result.covered = sorted(covered)
        result.missing = sorted(participating - covered)
        results.append(result)
    ranked = sorted(
        results,
        key=lambda r: (
            -len(r.covered),
            -r.counts[PollChoice.YES],
            r.counts[PollChoice.IF_NEEDED],
            r.slot.start,
        ),
    )
    return responses, results, ranked


@transaction.atomic
def poll_close(*, poll: DatePoll, slot: PollSlot, by: User) -> EventPage:
    """Close the poll on ``slot``: the event is made and published, the asked invited,
    and everyone who answered told, in one action."""
    from abhnetz.notifications.services import notify

    from .services import event_invite, invitees, notifications_mark_mailed

    if not may_coordinate(by) or not can_view(by, poll):
        raise PermissionDenied
    poll = DatePoll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."))
    if slot.poll_id != poll.pk:
        raise ValidationError(_("Choose one of the poll's dates."))
    event = EventPage(
        title=poll.title.removeprefix("Terminfindung: "),
        kind=poll.kind,
        series=poll.series,
        summary=poll.description,
        start=slot.start,
        end=slot.end,
        place_address=poll.place_address,
        owner=by,
    )
    audience_assign(
        event,
        Audience(
            poll.audience_scope,
            poll.audience_organisations.all(),
            poll.audience_working_groups.all(),
            poll.audience_advisory_board,
        ),
    )
    EventIndexPage.objects.get().add_child(instance=event)
    # the coordinator's right to do this is ours (may_coordinate, the second factor), not a
    # Wagtail page permission they need not hold in the admin
    event.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    poll.closed_at = timezone.now()
    poll.event = event
    poll.save(update_fields=["closed_at", "event"])
    event_invite(
        event=event,
        by=by,
        organisations=list(poll.invited_organisations.all()),
        working_groups=list(poll.invited_working_groups.all()),
    )
    respondents = User.objects.filter(event_poll_responses__poll=poll)
    batch = notify(kind=POLL_CLOSED, target=poll, recipients=respondents, actor=by, link=event.url)
    # the invited respondents read the chosen date in their invitation: one mail each
    notifications_mark_mailed(batch=batch, people=readers_of(event, invitees(event)))
    return event
