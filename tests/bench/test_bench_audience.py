"""Benchmarks (make bench): how the audience rule holds up with many items.

Not part of `make test` (tests/conftest.py leaves this folder out unless
ABHNETZ_BENCH=1). Prints p50/p95 per page so changes can be compared over time.
"""

import statistics
import time

import pytest

from abhnetz.announcements.models import Announcement
from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import visible_to
from tests.factories import make_announcement

ITEMS = 2000
RUNS = 30


def timings(func, runs=RUNS) -> dict:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
    }


@pytest.fixture
def many_announcements(network):
    audiences = [
        Audience.network(),
        Audience.offices(),
        Audience.selected(organisations=[network.office_a]),
        Audience.selected(working_groups=[network.digital_group]),
        Audience.network(advisory_board=True),
    ]
    for number in range(ITEMS):
        make_announcement(
            network.coordinator, title=f"Mitteilung {number}", audience=audiences[number % 5]
        )
    return network


def test_bench_announcement_pages(many_announcements, client_for, capsys):
    network = many_announcements
    results = {}
    for role in ("office_staff", "partner", "board_member"):
        user = getattr(network, role)
        client = client_for(user)
        results[f"list as {role}"] = timings(lambda client=client: client.get("/mitteilungen/"))
        results[f"dashboard as {role}"] = timings(lambda client=client: client.get("/"))
        results[f"count as {role}"] = timings(
            lambda user=user: visible_to(user, Announcement.objects.all()).count()
        )
    with capsys.disabled():
        print(f"\naudience benchmark, {ITEMS} announcements, {RUNS} runs each")
        for name, result in results.items():
            print(f"  {name:<28} p50 {result['p50_ms']:>7} ms   p95 {result['p95_ms']:>7} ms")
    assert all(result["p50_ms"] > 0 for result in results.values())
