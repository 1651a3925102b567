"""The events' parts of the shell: dashboard, topic and space sections, my data."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from abhnetz.accounts.data_services import BEFORE_USER_DELETE_HOOK, USER_DATA_EXPORT_HOOK, exports
from abhnetz.core import hooks as shell_hooks
from abhnetz.core.dashboard import DashboardSection

DASHBOARD_LENGTH = 5


def _seed(demo):
    from .demo import seed_events

    seed_events(demo)


# after the knowledge demo (order 30): the past meeting links its minutes
hooks.register(shell_hooks.SEED_DEMO, _seed, order=40)
SECTION_LENGTH = 5


@hooks.register(shell_hooks.DASHBOARD_SECTION)
def upcoming_events_section(request):
    """„Nächste Termine“: my upcoming events with my answer (three queries)."""
    from .display import event_when
    from .models import Rsvp
    from .selectors import my_events, upcoming

    user = request.user
    events = list(upcoming(my_events(user))[:DASHBOARD_LENGTH])
    answers = {
        r.event_id: r for r in Rsvp.objects.filter(person=user, event__in=[e.pk for e in events])
    }
    for event in events:
        event.when = event_when(event)
        event.my_rsvp = answers.get(event.pk)
    return DashboardSection(
        key="events",
        title=gettext_lazy("Upcoming events"),
        template="events/includes/dashboard_events.html",
        context={"events": events},
        empty_text=gettext_lazy("No upcoming events for you."),
        more_url="/termine/",
    )


def _section(user, heading: str, **filters) -> dict | None:
    from .display import event_when
    from .selectors import upcoming, visible_events

    events = list(upcoming(visible_events(user).filter(**filters))[:SECTION_LENGTH])
    if not events:
        return None
    return {
        "heading": heading,
        "items": [{"title": e.title, "url": e.url, "meta": event_when(e)} for e in events],
        "more_url": "/termine/",
    }


@hooks.register(shell_hooks.TOPIC_PAGE_SECTION)
def topic_events(*, user, topic):
    return _section(user, _("Upcoming events"), topics=topic)


@hooks.register(shell_hooks.SPACE_SECTION)
def space_events(*, user, working_group, page):
    return _section(user, _("Events of the working group"), working_group=working_group)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports(
    "events.Rsvp.person",
    "events.FeedToken.person",
    "events.EventInvitation.person",
    "events.EventInvitation.invited_by",
    "events.PollResponse.person",
    "events.DatePoll.created_by",
)
def export_events(user):
    """My answers (titles only of events I may still see), invitations and feed state."""
    from abhnetz.audiences.rules import visible_to

    from .models import DatePoll, EventInvitation, FeedToken, PollResponse, Rsvp
    from .selectors import visible_events

    visible = set(visible_events(user).values_list("pk", flat=True))
    rsvps = [
        {
            "event": r.event.title if r.event_id in visible else None,
            "answer": r.answer,
            "colleagues": r.colleagues,
            "waitlisted_at": r.waitlisted_at,
            "answered_at": r.answered_at,
        }
        for r in Rsvp.objects.filter(person=user).select_related("event").order_by("answered_at")
    ]
    invitations = [
        {"event": i.event.title if i.event_id in visible else None, "invited_at": i.invited_at}
        for i in EventInvitation.objects.filter(person=user).select_related("event")
    ]
    sent = EventInvitation.objects.filter(invited_by=user).count()
    visible_polls = set(visible_to(user, DatePoll.objects.all()).values_list("pk", flat=True))
    poll_answers = [
        {
            "poll": r.poll.title if r.poll_id in visible_polls else None,
            "comment": r.comment,
            "answered_at": r.answered_at,
            "answers": [
                {"date": a.slot.start, "answer": a.choice}
                for a in r.answers.select_related("slot").order_by("slot__start")
            ],
        }
        for r in PollResponse.objects.filter(person=user).select_related("poll")
    ]
    polls_created = list(
        DatePoll.objects.filter(created_by=user).values(  # not shown: their own polls
            "title", "created_at", "closed_at"
        )
    )
    token = FeedToken.objects.filter(person=user).first()
    return "events", {
        "rsvps": rsvps,
        "invitations": invitations,
        "invitations_sent": sent,
        "poll_answers": poll_answers,
        "polls_created": polls_created,
        "calendar_feed": {"active": token is not None, "created_at": token and token.created_at},
    }


@hooks.register(BEFORE_USER_DELETE_HOOK)
def forget_events(user):
    from .models import EventInvitation, EventPage, FeedToken, PollResponse, Rsvp
    from .services import waitlist_promote

    PollResponse.objects.filter(person=user).delete()
    mine = Rsvp.objects.filter(person=user)
    freed = list(mine.filter(waitlisted_at__isnull=True).values_list("event_id", flat=True))
    mine.delete()
    # the seats they held go to the waitlist, as a cancellation's would
    for event in EventPage.objects.select_for_update(of=("self",)).filter(pk__in=freed):
        waitlist_promote(event=event)
    FeedToken.objects.filter(person=user).delete()
    EventInvitation.objects.filter(person=user).delete()


@hooks.register(shell_hooks.SEED_SCALE)
def seed_scale(network):
    """Events, RSVPs and date polls of the benchmark network (manage.py seed_scale)."""
    from .scale import seed

    seed(network)


@hooks.register(shell_hooks.BENCH_PAGES)
def bench_pages(context) -> list[dict]:
    """The benchmark's calendar pages (bench/pages.py): an event, the month, an RSVP."""
    from django.urls import reverse
    from django.utils import timezone

    from abhnetz.audiences.rules import visible_to

    from .models import EventPage

    office = context["people"]["office"]
    upcoming = visible_to(office, EventPage.objects.live().filter(start__gte=timezone.now()))
    # the next event, one without a seat limit if there is one (answering never waits)
    event = upcoming.filter(capacity=None).order_by("start").first() or upcoming.first()
    if event is None:
        return []
    month = f"/termine/?ansicht=monat&monat={timezone.localtime(event.start):%Y-%m}"
    return [
        {"name": "calendar", "path": "/termine/", "role": "office"},
        {"name": "month view", "path": month, "role": "office"},
        {"name": "event page", "path": event.url, "role": "office"},
        {
            "name": "RSVP",
            "path": reverse("events:rsvp", args=[event.pk]),
            "form": event.url,
            "method": "POST",
            "data": {"answer": "yes", "colleagues": "0"},
            "ok": [302],
            "role": "office",
        },
    ]
