"""The iCalendar the events write: valid RFC 5545, read by two independent parsers."""

import datetime as dt
import re

import pytest
from icalendar import Calendar

from events import ical
from events.models import Answer
from events.services import rsvp_answer

from .conftest import berlin


def unfold(text: str) -> list[str]:
    """A strict reading of RFC 5545 3.1: CRLF line ends, folds start with one space or tab,
    no line longer than 75 octets. Independent of the icalendar library."""
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    for line in raw:
        assert len(line.encode()) <= 75, line
        assert "\n" not in line
        assert "\r" not in line
    lines: list[str] = []
    for line in raw:
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def properties(text: str) -> list[tuple[str, dict, str]]:
    """(name, params, value) of each content line (RFC 5545 3.1 contentline)."""
    result = []
    pattern = re.compile(
        r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$'
    )
    for line in unfold(text):
        match = pattern.match(line)
        assert match, f"not a content line: {line!r}"
        params = dict(p.split("=", 1) for p in match.group(2).split(";")[1:])
        result.append((match.group(1).upper(), params, match.group(3)))
    return result


def components(props) -> dict[str, list[list]]:
    """Properties grouped by the component they are in (nested BEGIN/END balanced)."""
    stack, found = [], {}
    for name, params, value in props:
        if name == "BEGIN":
            stack.append((value, []))
        elif name == "END":
            kind, content = stack.pop()
            assert kind == value
            found.setdefault(kind, []).append(content)
        else:
            stack[-1][1].append((name, params, value))
    assert not stack
    return found


@pytest.fixture
def meeting(publish_event):
    return publish_event(
        start=berlin(2027, 3, 28, 10),
        end=berlin(2027, 3, 28, 15, 30),
        place_room="Saal 1",
        video_link="https://video.example/raum",
    )


def test_request_parses_with_icalendar_and_round_trips(network, meeting):
    rsvp = rsvp_answer(event=meeting, person=network.office_staff, answer=Answer.YES)
    content = ical.calendar_for(
        [meeting],
        method="REQUEST",
        attendees={meeting.pk: [(network.office_staff, ical.partstat_of(rsvp))]},
    )
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.events[0]
    assert str(event["UID"]) == f"{meeting.ical_uid}@abh-netz"
    assert event["SEQUENCE"] == 0
    # 10:00 in Berlin on the day summer time begins (last Sunday of March) is 08:00 UTC
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 28, 8, tzinfo=dt.UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    attendee = event["ATTENDEE"]
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    # round trip: what we wrote reads back and writes out the same
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()


def test_second_parser_reads_the_same(network, meeting):
    content = ical.calendar_for([meeting], method="REQUEST").decode()
    found = components(properties(content))
    (event,) = found["VEVENT"]
    names = {name for name, _p, _v in event}
    assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "ORGANIZER"} <= names
    start = next((p, v) for n, p, v in event if n == "DTSTART")
    assert start == ({"TZID": "Europe/Berlin"}, "20270328T100000")
    # the time zone is defined once, with only the rules of the event's year
    (timezone,) = found["VTIMEZONE"]
    assert ("TZID", {}, "Europe/Berlin") in timezone
    years = {v[:4] for n, _p, v in properties(content) if n == "DTSTART" and v[:1].isdigit()}
    assert years <= {"2027"}, years


def test_dst_end_on_the_last_sunday_of_october(publish_event):
    event = publish_event(start=berlin(2027, 10, 31, 1, 30), end=berlin(2027, 10, 31, 3, 30))
    parsed = Calendar.from_ical(ical.calendar_for([event])).events[0]
    # 01:30 is still summer time (UTC+2), 03:30 already winter time (UTC+1)
    assert parsed.decoded("DTSTART").astimezone(dt.UTC).hour == 23
    assert parsed.decoded("DTEND").astimezone(dt.UTC).hour == 2


def test_all_day_events_are_dates_with_an_exclusive_end(publish_event):
    event = publish_event(start=berlin(2027, 4, 18), end=berlin(2027, 4, 19), all_day=True)
    content = ical.calendar_for([event]).decode()
    assert "DTSTART;VALUE=DATE:20270418" in content
    assert "DTEND;VALUE=DATE:20270420" in content
    parsed = Calendar.from_ical(content).events[0]
    assert parsed.decoded("DTEND") == dt.date(2027, 4, 20)


def test_video_link_only_when_allowed(meeting):
    assert "video.example" not in ical.calendar_for([meeting]).decode()
    assert "video.example" in "".join(
        unfold(ical.calendar_for([meeting], video_for={meeting.pk}).decode())
    )
