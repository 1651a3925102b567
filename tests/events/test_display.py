"""An event's time reads as German administration writes it, in Europe/Berlin."""

from types import SimpleNamespace

from events.display import event_when

from .conftest import berlin


def event(start, end, all_day=False):
    return SimpleNamespace(start=start, end=end, all_day=all_day)


def test_same_day_reads_date_and_times():
    assert event_when(event(berlin(2026, 4, 18, 10), berlin(2026, 4, 18, 15, 30))) == (
        "18.04.2026, 10:00–15:30 Uhr"
    )


def test_times_stay_local_across_the_change_to_summer_time():
    # given a meeting on the last Sunday of March (clocks go 02:00 → 03:00) and one before
    before = event(berlin(2026, 3, 28, 10), berlin(2026, 3, 28, 12))
    on_the_day = event(berlin(2026, 3, 29, 10), berlin(2026, 3, 29, 12))
    # then both read 10:00, although their UTC hours differ
    assert before.start.utcoffset() != on_the_day.start.utcoffset()
    assert event_when(before) == "28.03.2026, 10:00–12:00 Uhr"
    assert event_when(on_the_day) == "29.03.2026, 10:00–12:00 Uhr"


def test_times_stay_local_across_the_change_to_winter_time():
    # the last Sunday of October: 03:00 → 02:00; a meeting spanning the change
    assert event_when(event(berlin(2026, 10, 25, 1), berlin(2026, 10, 25, 4))) == (
        "25.10.2026, 01:00–04:00 Uhr"
    )


def test_all_day_and_multi_day():
    assert event_when(event(berlin(2026, 4, 18), berlin(2026, 4, 18), all_day=True)) == "18.04.2026"
    assert event_when(event(berlin(2026, 4, 18), berlin(2026, 4, 19), all_day=True)) == (
        "18.04.2026 bis 19.04.2026"
    )
    assert event_when(event(berlin(2026, 4, 18, 9), berlin(2026, 4, 19, 16))) == (
        "18.04.2026, 09:00 Uhr bis 19.04.2026, 16:00 Uhr"
    )
