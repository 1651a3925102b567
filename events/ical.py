"""The events as RFC 5545 iCalendar: invitations (REQUEST, CANCEL), downloads, feeds.

One event always has the same UID (``EventPage.ical_uid``); its SEQUENCE is raised on
every change of time or place, so calendar programs replace what they hold.
Times are written in Europe/Berlin with a VTIMEZONE limited to the years the
calendar's events fall in (stack-notes.md); all-day events are DATE values with an
exclusive end.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from abhnetz.core.mail import absolute_url

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PRODID = "-//ABH-Netz//Termine//DE"


def _address(email: str, name: str = "", **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key.upper().replace("_", "-")] = vText(value)
    return address


def uid_of(event) -> str:
    return f"{event.ical_uid}@abh-netz"


def event_component(event, *, method: str = "PUBLISH", attendees=(), with_video: bool = False):
    """One VEVENT for ``event``. ``attendees``: (person, PARTSTAT) pairs."""
    if event.all_day:
        start = timezone.localtime(event.start, BERLIN).date()
        # DTEND of an all-day event is the day after the last one (RFC 5545 3.6.1)
        end = timezone.localtime(event.end, BERLIN).date() + dt.timedelta(days=1)
    else:
        start = timezone.localtime(event.start, BERLIN)
        end = timezone.localtime(event.end, BERLIN)
    cancelled = method == "CANCEL" or event.cancelled
    description = event.summary or ""
    if with_video and event.video_link:
        description = f"{description}\n\n{event.video_link}".strip()
    component = Event.new(
        uid=uid_of(event),
        start=start,
        end=end,
        summary=event.title,
        description=description or None,
        location=event.place or None,
        sequence=event.sequence,
        stamp=timezone.now(),
        url=absolute_url(event),
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    component.add(
        "organizer", _address(settings.DEFAULT_FROM_EMAIL.split("<")[-1].strip(">"), "ABH-Netz")
    )
    for person, partstat in attendees:
        component.add(
            "attendee",
            _address(
                person.email,
                person.get_full_name() or person.email,
                partstat=partstat,
                role="REQ-PARTICIPANT",
                rsvp="TRUE" if partstat == "NEEDS-ACTION" else "FALSE",
            ),
        )
    return component


def calendar_for(
    events, *, method: str = "PUBLISH", attendees=None, name: str = "", video_for=frozenset()
) -> bytes:
    """A VCALENDAR with ``events``; ``attendees``: {event pk: [(person, PARTSTAT)]}.

    ``video_for``: the pks of events whose video link the recipient may see.
    """
    events = list(events)
    calendar = Calendar.new(prodid=PRODID, method=method, name=name or None)
    for event in events:
        calendar.add_component(
            event_component(
                event,
                method=method,
                attendees=(attendees or {}).get(event.pk, ()),
                with_video=event.pk in video_for,
            )
        )
    if events:
        first = min(timezone.localtime(e.start, BERLIN).date() for e in events)
        last = max(timezone.localtime(e.end, BERLIN).date() for e in events)
        # the rules of the event's years only, not decades of them
        calendar.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1)
        )
    return calendar.to_ical()


PARTSTAT = {"yes": "ACCEPTED", "maybe": "TENTATIVE", "no": "DECLINED"}


def partstat_of(rsvp) -> str:
    if rsvp is None:
        return "NEEDS-ACTION"
    if rsvp.waitlisted_at is not None:
        return "TENTATIVE"
    return PARTSTAT[rsvp.answer]
