"""Benchmark (make bench): search over 100,000 generated documents.

Prints the index build speed in documents per second and the latency p50/p95 of
searches, filtered searches, date-sorted searches and suggestions, as an office
member (whose keys open about half the documents), on the database backend of the
database the run uses (SQLite, then PostgreSQL in `make bench`).
"""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from abhnetz.audiences.rules import search_reader_keys
from search import services
from search.documents import FacetValue, SearchDocument
from tests.bench.test_bench_audience import timings

DOCUMENTS = int(os.environ.get("ABHNETZ_BENCH_DOCUMENTS", "100000"))
BATCH = 1000
BERLIN = ZoneInfo("Europe/Berlin")

WORDS = (
    "Aufenthaltserlaubnis Ausländerbehörde Fiktionsbescheinigung Niederlassungserlaubnis "
    "Duldung Beschäftigungsduldung Familiennachzug Einbürgerung Verpflichtungserklärung "
    "Blaue Karte Fachkräfteeinwanderung Integrationskurs Sprachnachweis Passersatz "
    "Termin Frist Gebühr Antrag Bescheid Widerspruch Anhörung Jobcenter Jugendamt "
    "Leitfaden Protokoll Beschluss Aufgabe Sitzung Arbeitsgruppe Praxis Hinweis Verfahren "
    "Wohnsitzauflage Meldebescheinigung Arbeitsmarktzulassung Zustimmung Bundesagentur "
    "Aufenthaltsgesetz Beschäftigungsverordnung Staatsangehörigkeit Visum Botschaft "
    "und der die das mit für nach bei von zur zum im eine einer wird werden ist sind"
).split()
KINDS = ("guide", "minutes", "decision", "action_item", "document", "announcement")
ORGS = [FacetValue(f"org-{n}", f"Organisation {n}") for n in range(20)]
TOPICS = [FacetValue(f"thema-{n}", f"Thema {n}") for n in range(12)]


def generated(count: int, keys_a: str, keys_b: str):
    rng = random.Random(20261123)  # the same corpus every run
    start = datetime(2020, 1, 1, tzinfo=BERLIN)
    for number in range(count):
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 7)))
        # every other document for office A's group, the rest for B's (and the network)
        keys = {keys_a} if number % 2 else {keys_b, "g999"}
        yield SearchDocument(
            key=f"bench:{number}",
            kind=KINDS[number % len(KINDS)],
            title=title,
            url=f"/bench/{number}/",
            audience_keys=frozenset(keys),
            summary=" ".join(rng.choices(WORDS, k=20)),
            body=" ".join(rng.choices(WORDS, k=rng.randint(80, 300))),
            organisation=ORGS[number % len(ORGS)],
            topics=(TOPICS[number % len(TOPICS)],),
            date=start + timedelta(hours=number),
            boost=1.2 if number % 7 == 0 else 1.0,
        )


@pytest.fixture
def indexed(network, capsys):
    reader = network.office_staff
    group_a = f"g{network.office_a.group_id}"
    group_b = f"g{network.office_b.group_id}"
    batch: dict[str, list] = {}
    started = time.perf_counter()
    for document in generated(DOCUMENTS, group_a, group_b):
        batch[document.key] = [document]
        if len(batch) >= BATCH:
            services.store(batch)
            batch = {}
    if batch:
        services.store(batch)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # what autovacuum does after a bulk load, which cannot run inside the test's
        # transaction: empty the GIN indexes' pending lists and gather statistics.
        # Without it the planner avoids the words' index and tests every vector
        # (docs/search.md, "Plans on PostgreSQL"); ANALYZE sees this transaction's rows
        with connection.cursor() as cursor:
            # every GIN index of the table (the words, the keys, the titles)
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'search_fts'::regclass AND a.amname = 'gin'"
            )
            cursor.execute("ANALYZE")
    with capsys.disabled():
        print(
            f"\nsearch index build: {DOCUMENTS} documents in {seconds:.1f} s "
            f"= {DOCUMENTS / seconds:.0f} documents/s"
        )
    return reader


QUERIES = {
    "one word": {"text": "Fiktionsbescheinigung"},
    "two words": {"text": "Duldung Termin"},
    "compound part": {"text": "Erlaubnis"},
    "synonym": {"text": "AufenthG"},
    "phrase": {"text": '"Blaue Karte"'},
    "exclusion": {"text": "Antrag -Widerspruch"},
    "filtered": {"text": "Antrag", "filters": {"kind": ["minutes"], "year": ["2024"]}},
    "by date": {"text": "Einbürgerung", "sort": "date"},
    "page 5": {"text": "Leitfaden", "page": 5},
    # since issue #14 a typo is corrected: this finds what "one word" finds
    "no hits (spelling)": {"text": "Fiktionsbescheinigunk"},
    "nothing near": {"text": "Quxzyvolkbrm"},
    "partial (one unknown)": {"text": "Fiktionsbescheinigung Quxzyvolk"},
    "question": {"text": "wie richte ich einen Termin ein"},
}


def test_bench_search(indexed, capsys):
    rows = []
    for name, options in QUERIES.items():
        results = services.search(indexed, **options)
        # a capped total (more than COUNT_CAP matches) is shown as ">1000"
        total = f">{results.total - 1}" if results.capped else str(results.total)
        rows.append((name, total, timings(lambda o=options: services.search(indexed, **o), 15)))
    rows.append(
        ("suggest 'Fiktionsb'", None, timings(lambda: services.suggest(indexed, "Fiktionsb"), 15))
    )
    with capsys.disabled():
        print(
            f"search latency, {DOCUMENTS} documents, "
            f"reader keys {len(search_reader_keys(indexed))}:"
        )
        for name, total, stats in rows:
            found = "" if total is None else f"{total:>7} hits"
            print(
                f"  {name:<22} {found:>12}  "
                f"p50 {stats['p50_ms']:>7} ms  p95 {stats['p95_ms']:>7} ms"
            )
    # the audience rule held: the reader found only their own half
    assert services.search(indexed, "Antrag").total <= DOCUMENTS // 2
    # counts stop at the cap: the reader's half is far more than 1,000
    assert services.search(indexed, "Antrag").capped
