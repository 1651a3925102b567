"""How an event's time reads: 18.04.2026, 10:00–15:30 Uhr (in Europe/Berlin)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _


def _date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _time(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def event_when(event) -> str:
    """The event's dates and times as German administration writes them.

    Converted to Europe/Berlin first, so a meeting at 10:00 reads 10:00 in summer and
    winter alike (the stored value is UTC).
    """
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    if event.all_day:
        if start.date() == end.date():
            return _date(start.date())
        return _("%(start)s to %(end)s") % {"start": _date(start.date()), "end": _date(end.date())}
    if start.date() == end.date():
        return _("%(date)s, %(start)s–%(end)s o'clock") % {
            "date": _date(start.date()),
            "start": _time(start),
            "end": _time(end),
        }
    return _("%(start_date)s, %(start)s o'clock to %(end_date)s, %(end)s o'clock") % {
        "start_date": _date(start.date()),
        "start": _time(start),
        "end_date": _date(end.date()),
        "end": _time(end),
    }
