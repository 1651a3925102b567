"""The events' front end: the calendar, an event's page parts, answers, lists, feeds.

Thin views: reads through ``selectors`` (the audience rule), writes through ``services``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from abhnetz.accounts.mfa import mfa_gate
from abhnetz.audiences.rules import visible_pages, visible_to
from abhnetz.core.pagination import paginate

from . import ical, services
from .display import event_when
from .forms import EventFilterForm, InviteForm, RsvpForm
from .minutes import minutes_draft_create, open_action_items
from .models import Answer, DatePoll, EventInvitation, EventPage, FeedToken, Rsvp
from .permissions import may_coordinate, may_see_video_link
from .selectors import invitation_q, is_invited, my_events, seats_taken, visible_events


def _visible_minutes(user, events) -> dict[int, Page]:
    """Each event's minutes page if live and readable by ``user``: one query for all."""
    ids = {event.minutes_id for event in events if event.minutes_id}
    if not ids:
        return {}
    pages = visible_pages(user, Page.objects.live().filter(pk__in=ids))
    by_id = {page.pk: page for page in pages}
    return {event.pk: by_id[event.minutes_id] for event in events if event.minutes_id in by_id}


def _listed(queryset):
    return queryset.select_related("organisation", "working_group").only(
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "start",
        "end",
        "all_day",
        "kind",
        "cancelled",
        "minutes_id",
        "place_address",
        "place_room",
        "organisation__name",
        "working_group__name",
        "locale_id",
    )


def _parse_month(value: str, today: dt.date) -> tuple[int, int]:
    if value:
        year, month = value.split("-")
        return int(year), int(month)
    return today.year, today.month


def month_grid(events, year: int, month: int) -> list[list[dict]]:
    """Weeks (Monday first) of days, each with the events on it (multi-day on each day)."""
    dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    # each event's days once (a month holds a hundred events at factor 1: testing every
    # event against each of the 42 days was half of the page's CPU)
    on_day: dict[dt.date, list] = {}
    for event in events:
        day = max(timezone.localtime(event.start).date(), dates[0][0])
        last = min(timezone.localtime(event.end).date(), dates[-1][-1])
        while day <= last:
            on_day.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    return [
        [
            {"date": day, "in_month": day.month == month, "events": on_day.get(day, [])}
            for day in week
        ]
        for week in dates
    ]


def index_context(request, index_page) -> dict:
    """/termine/: upcoming (list or month), past with minutes, filtered."""
    user = request.user
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    events = visible_events(user)
    if filters["kind"]:
        events = events.filter(kind=filters["kind"])
    if filters["organisation"]:
        events = events.filter(organisation=filters["organisation"])
    if filters["working_group"]:
        events = events.filter(working_group=filters["working_group"])
    if filters["topic"]:
        events = events.filter(topics=filters["topic"])
    if filters["mine"]:
        events = events.filter(pk__in=my_events(user).values("pk"))
    now = timezone.now()
    today = timezone.localdate()
    view = "monat" if request.GET.get("ansicht") == "monat" else "liste"
    context = {
        "filter_form": form,
        "view": view,
        "is_filtered": any(filters.values()),
        "open_polls": list(
            visible_to(user, DatePoll.objects.filter(closed_at__isnull=True)).order_by(
                "-created_at"
            )[:10]
        ),
        "may_coordinate": may_coordinate(user),
    }
    if view == "monat":
        year, month = _parse_month(
            form.cleaned_data.get("monat", "") if form.is_valid() else "", today
        )
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
        # the month's events by their dates alone first: given those ids the planner
        # probes them one by one; with both date bounds inside the join it guessed ten
        # times too many and read all 31,000 pages (13 ms at factor 1)
        dated = EventPage.objects.filter(start__lt=end, end__gte=start)  # not shown: ids
        # (without the page tree's order, which joins every page)
        ids = list(dated.order_by().values_list("pk", flat=True))
        in_month = list(_listed(events.filter(pk__in=ids)))
        previous = first - dt.timedelta(days=1)
        following = last + dt.timedelta(days=1)
        query = request.GET.copy()
        query["ansicht"] = "monat"
        query["monat"] = f"{previous:%Y-%m}"
        previous_query = query.urlencode()
        query["monat"] = f"{following:%Y-%m}"
        context.update(
            month=first,
            weeks=month_grid(in_month, year, month),
            previous_query=previous_query,
            next_query=query.urlencode(),
            month_events=in_month,
        )
    else:
        # a network's year of events runs to a thousand and more: a page at a time
        upcoming_page = paginate(request, _listed(events.filter(end__gte=now)))
        upcoming = list(upcoming_page)
        past = list(_listed(events.filter(end__lt=now)).order_by("-start")[:20])
        minutes = _visible_minutes(user, past)
        for event in past:
            event.visible_minutes = minutes.get(event.pk)
        for event in upcoming + past:
            event.when = event_when(event)
        context.update(upcoming=upcoming, upcoming_page=upcoming_page, past=past)
    return context


def event_context(request, event: EventPage) -> dict:
    """An event's page: when, where (video link for invitees), agenda, my answer, seats."""
    user = request.user
    rsvp = Rsvp.objects.filter(event=event, person=user).first()
    invited = is_invited(user, event)
    taken = seats_taken(event)
    minutes = _visible_minutes(user, [event]).get(event.pk)
    waitlist_position = None
    if rsvp and rsvp.is_waitlisted:
        waitlist_position = (
            Rsvp.objects.filter(event=event, waitlisted_at__lt=rsvp.waitlisted_at).count() + 1
        )
    initial = {"answer": rsvp.answer, "colleagues": rsvp.colleagues} if rsvp else {}
    return {
        "when": event_when(event),
        "agenda_items": list(event.agenda_items.select_related("document")),
        "rsvp": rsvp,
        "rsvp_form": RsvpForm(initial=initial),
        "waitlist_position": waitlist_position,
        "seats_taken": taken,
        "show_video_link": may_see_video_link(invited=invited, rsvp=rsvp),
        "visible_minutes": minutes,
        "may_coordinate": may_coordinate(user),
        "previous_meeting_items": open_action_items(user, event),
        "deadline_passed": bool(
            event.registration_deadline and timezone.now() > event.registration_deadline
        ),
    }


def _event_or_404(user, pk: int) -> EventPage:
    try:
        return visible_events(user).get(pk=pk)
    except EventPage.DoesNotExist:
        raise Http404 from None


@require_POST
def rsvp(request, pk: int):
    """Zusage / Absage / Vielleicht; errors come back to the event page with the input."""
    event = _event_or_404(request.user, pk)
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            answer = services.rsvp_answer(
                event=event,
                person=request.user,
                answer=form.cleaned_data["answer"],
                colleagues=form.cleaned_data["colleagues"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            if answer.is_waitlisted:
                messages.warning(request, _("The event is full: you are on the waitlist."))
            elif answer.answer == Answer.YES:
                messages.success(request, _("You are registered."))
            else:
                messages.success(request, _("Your answer is saved."))
            return redirect(event.url)
    context = event.get_context(request)
    context["rsvp_form"] = form
    return render(request, event.get_template(request), context, status=400)


def event_ics(request, pk: int):
    """One event as an .ics download (the video link only for those who may see it)."""
    event = _event_or_404(request.user, pk)
    rsvp = Rsvp.objects.filter(event=event, person=request.user).first()
    video = may_see_video_link(invited=is_invited(request.user, event), rsvp=rsvp)
    content = ical.calendar_for([event], video_for={event.pk} if video else frozenset())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{event.pk}.ics"'
    return response


def _coordinated_event(request, pk: int) -> EventPage:
    event = _event_or_404(request.user, pk)
    if not may_coordinate(request.user):
        raise PermissionDenied
    return event


def participant_rows(event: EventPage):
    """Answers grouped by organisation, and the invited organisations with no answer yet."""
    answers = list(
        Rsvp.objects.filter(event=event)
        .select_related("person__organisation")
        .order_by("person__organisation__name", "waitlisted_at", "person__last_name", "pk")
    )
    groups: dict[str, list[Rsvp]] = {}
    for answer in answers:
        name = (
            answer.person.organisation.name if answer.person.organisation else _("No organisation")
        )
        groups.setdefault(name, []).append(answer)
    answered_orgs = {a.person.organisation_id for a in answers if a.person.organisation_id}
    invited_orgs = list(
        event.invitations.filter(organisation__isnull=False)
        .exclude(organisation__in=answered_orgs)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    not_answered = sorted({i.organisation.name for i in invited_orgs})
    return groups, not_answered


def participants(request, pk: int):
    """Coordinators: who comes, grouped by organisation, and which offices have not answered."""
    event = _coordinated_event(request, pk)
    if (response := mfa_gate(request)) is not None:
        return response
    groups, not_answered = participant_rows(event)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "groups": groups,
            "not_answered": not_answered,
            "seats_taken": seats_taken(event),
            "when": event_when(event),
        },
    )


def participants_csv(request, pk: int):
    """The participant list for German Excel: UTF-8 with BOM, semicolons."""
    event = _coordinated_event(request, pk)
    if (response := mfa_gate(request)) is not None:
        return response
    groups, _not_answered = participant_rows(event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teilnehmende-{event.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 (umlauts) only with the byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Organisation"), _("Name"), _("E-mail"), _("Answer"), _("Colleagues"), _("Waitlist")]
    )
    for organisation, answers in groups.items():
        for answer in answers:
            writer.writerow(
                [
                    _csv_safe(organisation),
                    _csv_safe(answer.person.get_full_name()),
                    _csv_safe(answer.person.email),
                    answer.get_answer_display(),
                    answer.colleagues,
                    _("yes") if answer.is_waitlisted else "",
                ]
            )
    return response


def _csv_safe(value: str) -> str:
    # a cell starting with = + - @ is a formula to Excel (CSV injection)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def invite(request, pk: int):
    """Coordinators invite organisations, working groups or people (second factor first)."""
    event = _coordinated_event(request, pk)
    if (response := mfa_gate(request)) is not None:
        return response
    form = InviteForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        told = services.event_invite(
            event=event,
            by=request.user,
            organisations=form.cleaned_data["organisations"],
            working_groups=form.cleaned_data["working_groups"],
            people=form.cleaned_data["people"],
        )
        messages.success(request, _("Invitations sent to %(count)s people.") % {"count": told})
        return redirect(event.url)
    return render(request, "events/invite.html", {"event": event, "form": form})


@login_not_required
def feed(request, token: str):
    """The personal calendar feed: what the person may see now, invited or answered.

    No session (calendar programs have none): the secret token names the person; a
    revoked or unknown token answers 404.
    """
    owner = FeedToken.objects.filter(token=token).select_related("person").first()
    if owner is None or not owner.person.is_active:
        raise Http404
    person = owner.person
    events = list(my_events(person))
    answers = {
        r.event_id: r for r in Rsvp.objects.filter(person=person, event__in=[e.pk for e in events])
    }
    invited = set(
        EventInvitation.objects.filter(
            invitation_q(person), event__in=[e.pk for e in events]
        ).values_list("event_id", flat=True)
    )
    video_for = {
        e.pk for e in events if may_see_video_link(invited=e.pk in invited, rsvp=answers.get(e.pk))
    }
    content = ical.calendar_for(events, name=_("ABH-Netz: my events"), video_for=video_for)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


def feed_settings(request):
    """My calendar subscription: show, renew or revoke the secret address."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_token_revoke(person=request.user)
            messages.success(request, _("The calendar address no longer works."))
        else:
            services.feed_token_renew(person=request.user)
            messages.success(
                request, _("A new calendar address was made; the old one no longer works.")
            )
        return redirect("events:feed_settings")
    token = FeedToken.objects.filter(person=request.user).first()
    feed_url = request.build_absolute_uri(f"/termine/abo/{token.token}.ics") if token else ""
    return render(request, "events/feed_settings.html", {"token": token, "feed_url": feed_url})


@require_POST
def minutes_create(request, pk: int):
    """Coordinators start the event's minutes, prefilled, and finish them in the admin."""
    event = _coordinated_event(request, pk)
    if (response := mfa_gate(request)) is not None:
        return response
    if event.minutes_id:
        return redirect(event.url)
    page = minutes_draft_create(event=event, by=request.user)
    messages.success(request, _("The minutes are drafted; complete and publish them here."))
    return redirect("wagtailadmin_pages:edit", page.pk)
