"""How well the search ranks: the relevance set (relevance_queries.py) over the demo.

The demo network is seeded and indexed once for this module, inside a transaction that
is rolled back at its end. Each case's reciprocal rank is 1/rank of its expected result
among the first ten hits (0 when it is not there); the suite prints the table with the
mean (MRR), hits@1 and hits@3 and fails when the mean falls below the baseline of the
database in use.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import search_reader_keys
from knowledge.guides.indexers import BOOST_OVERDUE, BOOST_REVIEWED
from search import services
from search.models import SearchEntry

from .relevance_queries import (
    APPOINTMENTS_GUIDE,
    CASES,
    EFILE_GUIDE,
    OFFICE,
    OFFICE2,
    Case,
)

# Every test uses the database: the mark also makes pytest-django create the test
# database before the module's fixture seeds it.
pytestmark = pytest.mark.django_db

TOP = 10
# The mean reciprocal rank the set must reach per database (measured with 111 queries
# after issue #14: SQLite 0.948, PostgreSQL 0.956; before, with 50: 0.918 and 0.947).
# Raise when relevance improves; never lower it without a decision record.
# The forum's threads, the events and the key figures joined the demo index and took
# first places from guides, minutes and announcements (0.938 / 0.949); kind priors and
# the every-word title factor (search/backends/words.py) won them back, and 17 cases
# for forum questions and events joined: 129 queries, SQLite 0.966, PostgreSQL 0.961.
BASELINE = {"sqlite": 0.96, "postgresql": 0.96}


@pytest.fixture(scope="module")
def demo_index(django_db_setup, django_db_blocker):
    """The demo network, indexed; rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # seed_demo runs only with the demo flag; indexing runs in the site's language
        with override_settings(ABHNETZ_DEMO=True), translation.override("de"):
            call_command("seed_demo", verbosity=0)
            # the whole index now, whatever ran or not after commit while seeding
            services.rebuild()
        yield
        transaction.set_rollback(True)


def reader(email: str) -> User:
    return User.objects.get(email=email)


def rank(case: Case) -> tuple[int | None, list]:
    """The expected result's place among the first TOP hits (None: not there)."""
    hits = services.search(reader(case.reader), case.query, per_page=TOP).hits
    for place, hit in enumerate(hits, start=1):
        if case.expects(hit):
            return place, hits
    return None, hits


def visible_to_reader(case: Case) -> bool:
    entries = SearchEntry.objects.filter(title=case.title)
    if case.kind:
        entries = entries.filter(kind=case.kind)
    keys = search_reader_keys(reader(case.reader))
    return entries.filter(audience_keys__key__in=keys).exists()


def table(rows, mrr: float, at1: float, at3: float) -> str:
    width = max(len(case.query) for case, _rank in rows)
    lines = [f"\nSearch relevance ({connection.vendor}, {len(rows)} queries)"]
    for case, place in rows:
        shown = str(place) if place else f">{TOP}"
        note = "  (known weak)" if case.weak else ""
        lines.append(f"  {case.query:<{width}}  {shown:>4}{note}")
    lines.append(f"  MRR {mrr:.3f}   hits@1 {at1:.3f}   hits@3 {at3:.3f}")
    baseline = BASELINE.get(connection.vendor)
    lines.append(f"  baseline MRR {baseline}")
    return "\n".join(lines)


def test_the_set_covers_the_demo(demo_index):
    """Every expected result is in the index and visible to the case's reader, so a
    miss below is a ranking problem, not a renamed demo title."""
    assert len(CASES) >= 100
    assert len({(case.query, case.reader) for case in CASES}) == len(CASES)
    assert sum(bool(case.weak) for case in CASES) <= 3, "only a few may be known weak"
    missing = [case for case in CASES if not visible_to_reader(case)]
    assert not missing, "expected result not in the demo index or not visible:\n" + "\n".join(
        f"  {case.query!r}: {case.title!r} for {case.reader}" for case in missing
    )


def test_mean_reciprocal_rank_does_not_fall(demo_index, capsys):
    rows, failures = [], []
    for case in CASES:
        place, hits = rank(case)
        rows.append((case, place))
        if place is None and not case.weak:
            found = "\n".join(f"      {h.kind}: {h.title}" for h in hits) or "      (nothing)"
            failures.append(
                f"  {case.query!r} ({case.reader}): {case.title!r} not in the first {TOP}"
                f" - {case.why}\n    got:\n{found}"
            )
    reciprocal = [1 / place if place else 0.0 for _case, place in rows]
    mrr = sum(reciprocal) / len(rows)
    at1 = sum(place == 1 for _case, place in rows) / len(rows)
    at3 = sum(bool(place) and place <= 3 for _case, place in rows) / len(rows)
    with capsys.disabled():  # the score shows in every run of the suite
        print(table(rows, mrr, at1, at3))  # noqa: T201 - a report, like the benchmarks

    assert not failures, "queries whose expected result is missing:\n" + "\n".join(failures)
    assert mrr >= BASELINE[connection.vendor], (
        f"MRR {mrr:.3f} fell below the baseline {BASELINE[connection.vendor]}"
    )


def test_reviewed_guide_ranks_above_overdue_one_at_equal_match(demo_index):
    """The demo puts the same hint into a reviewed and the overdue guide; the overdue
    one matches at least as well (shorter text), so only the review boost orders them."""
    hits = services.search(reader(OFFICE), "Personalrat").hits
    assert [hit.title for hit in hits] == [EFILE_GUIDE, APPOINTMENTS_GUIDE]
    entries = SearchEntry.objects.filter(title__in=[EFILE_GUIDE, APPOINTMENTS_GUIDE])
    boosts = dict(entries.values_list("title", "boost"))
    assert boosts == {EFILE_GUIDE: BOOST_REVIEWED, APPOINTMENTS_GUIDE: BOOST_OVERDUE}
    reviewed, overdue = (hit.score / boosts[hit.title] for hit in hits)
    # the match alone would not put the reviewed guide first (PostgreSQL: equal, up to
    # its single-precision rank)
    assert overdue >= reviewed * 0.99


def test_result_for_one_office_stays_in_that_office(demo_index):
    """The best result for "Dienstplan" is the roster guide of ABH Rosenfurt, open to
    that office only: its members get it first, another office's members never."""
    roster = "Dienstplan ServicePoint (intern)"
    for email in (OFFICE, "moderator@demo.abhnetz.example"):  # both ABH Rosenfurt
        hits = services.search(reader(email), "Dienstplan").hits
        assert hits, email
        assert hits[0].title == roster, email
    for email in (OFFICE2, "e.schmitt@demo.abhnetz.example"):  # other offices
        results = services.search(reader(email), "Dienstplan")
        assert roster not in [hit.title for hit in results.hits], email
        # nor counted: only what they may see is (a near miss of theirs at most:
        # "Dienst" and "Plan" apart, docs/search.md "Near misses")
        assert results.total == len(results.hits), email
        assert all(not hit.missing for hit in results.hits), email
