"""Check that pages show times in Europe/Berlin, never in UTC.

The moment is chosen so that UTC and Berlin differ in the hour *and* the date: a page
that forgets ``localtime`` shows 30.06.2026 or 22:32 instead of 01.07.2026, 00:32 (not
the site's example date 18.04.2026, which hints show).
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
# 22:32 UTC on 30 June is 00:32 on 1 July in Berlin (summer time, UTC+2)
MOMENT = datetime(2026, 6, 30, 22, 32, tzinfo=UTC)


def assert_berlin_time(html: str, moment: datetime = MOMENT, *, with_time: bool = True) -> None:
    """``moment`` appears as Berlin shows it, and nowhere as UTC would show it."""
    local, utc = moment.astimezone(BERLIN), moment.astimezone(UTC)
    assert local.strftime("%d.%m.%Y") in html, f"Berlin date {local:%d.%m.%Y} missing"
    if with_time:
        assert local.strftime("%H:%M") in html, f"Berlin time {local:%H:%M} missing"
    if utc.date() != local.date():
        assert utc.strftime("%d.%m.%Y") not in html, f"UTC date {utc:%d.%m.%Y} shown"
    assert utc.strftime("%H:%M") not in html, f"UTC time {utc:%H:%M} shown"
