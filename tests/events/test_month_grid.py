"""The month view's grid: each event on each of its days, at a cost per event."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from abhnetz.audiences.models import Audience
from events.views import month_grid


def _event(title, start, end):
    aware = timezone.get_current_timezone()
    return SimpleNamespace(
        title=title,
        start=dt.datetime.combine(start, dt.time(18), aware),
        end=dt.datetime.combine(end, dt.time(9), aware),
    )


def _reference(events, year, month):
    """The grid as it was drawn: every event tested against every day."""
    import calendar

    return [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "events": [
                    event
                    for event in events
                    if timezone.localtime(event.start).date()
                    <= day
                    <= timezone.localtime(event.end).date()
                ],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


def test_each_event_on_each_of_its_days_in_order():
    # given events in December 2026: one day, three days, one from November into
    # December, one running past the grid's last day, one outside the grid
    events = [
        _event("Vorher", dt.date(2026, 10, 1), dt.date(2026, 10, 2)),
        _event("Über den Monatswechsel", dt.date(2026, 11, 28), dt.date(2026, 12, 2)),
        _event("Eintägig", dt.date(2026, 12, 2), dt.date(2026, 12, 2)),
        _event("Drei Tage", dt.date(2026, 12, 2), dt.date(2026, 12, 4)),
        _event("Bis ins neue Jahr", dt.date(2026, 12, 30), dt.date(2027, 1, 20)),
    ]

    # when the grid is drawn
    grid = month_grid(events, 2026, 12)

    # then it is the grid of the day-by-day test: each day its events in their order
    assert grid == _reference(events, 2026, 12)
    days = {day["date"]: [event.title for event in day["events"]] for week in grid for day in week}
    assert days[dt.date(2026, 12, 2)] == ["Über den Monatswechsel", "Eintägig", "Drei Tage"]
    assert days[dt.date(2026, 11, 30)] == ["Über den Monatswechsel"]
    assert days[dt.date(2027, 1, 3)] == ["Bis ins neue Jahr"]  # the grid's last day
    assert not any("Vorher" in titles for titles in days.values())


def test_the_grid_costs_per_event_not_per_event_and_day(monkeypatch):
    # given a hundred one-day events in a month (factor 1 has about that many)
    events = [
        _event(f"Termin {n}", dt.date(2026, 12, 1 + n % 28), dt.date(2026, 12, 1 + n % 28))
        for n in range(100)
    ]
    calls = []
    localtime = timezone.localtime
    monkeypatch.setattr(
        "events.views.timezone.localtime", lambda value: calls.append(value) or localtime(value)
    )

    # when the grid is drawn
    month_grid(events, 2026, 12)

    # then each event's start and end are made local once, not once for each of 35 days
    assert len(calls) == 2 * len(events)


def test_the_month_shows_only_what_the_reader_may_see(
    network, publish_event, client_for, event_index
):
    # given an event for office A only and one for the network on the same day
    start = timezone.now() + dt.timedelta(days=2)
    publish_event(
        "Nur Adorf", start=start, audience=Audience.selected(organisations=[network.office_a])
    )
    publish_event("Für alle", start=start)
    url = f"{event_index.url}?ansicht=monat&monat={timezone.localtime(start):%Y-%m}"

    # then office B sees the network's event and not even the title of office A's
    html = client_for(network.office_staff_b).get(url).content.decode()
    assert "Für alle" in html
    assert "Nur Adorf" not in html
    assert "Nur Adorf" in client_for(network.office_staff).get(url).content.decode()
