"""Time the benchmark's searches in-process through the database backend, with the
reader keys of a real person of the scale network (bench/pages.py people_by_role).

    DJANGO_SETTINGS_MODULE=abhnetz.settings.production DATABASE_URL=… \
        python -m bench.search_timing [--rounds 15] [--sql] [NAME ...]

Prints p50/p95 per search (wall clock of ``DatabaseBackend.search``, or with
``--view`` of GET /suche/ through django.test.Client as that person), the number of
queries and, with ``--sql``, the slowest statements of the last round. Reads only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def page_query(spec: dict) -> dict:
    """The /suche/ parameters of a backend query (search/forms.py)."""
    words = {"kind": "art", "year": "jahr"}
    params = {"q": spec["text"]}
    for facet, values in spec.get("filters", {}).items():
        params[words[facet]] = "protokoll" if values == ("minutes",) else values[0]
    if spec.get("sort") == "date":
        params["sortierung"] = "datum"
    if spec.get("page"):
        params["seite"] = str(spec["page"])
    return params


def searches() -> dict[str, dict]:
    """The benchmark's searches (bench/pages.py SEARCHES) as backend queries."""
    return {
        "broad word": {"text": "Antrag"},
        "narrow": {"text": "Fiktionsbescheinigung Wohnsitzauflage"},
        "phrase": {"text": '"Blaue Karte"'},
        "compound part": {"text": "Erlaubnis"},
        "synonym": {"text": "AufenthG"},
        "exclusion": {"text": "Antrag -Widerspruch"},
        "filtered": {"text": "Antrag", "filters": {"kind": ("minutes",), "year": ("2023",)}},
        "by date": {"text": "Termin", "sort": "date"},
        "page 5": {"text": "Leitfaden", "page": 5},
        "misspelt": {"text": "Fiktionsbescheinigunk"},
        "exclusion, page 6": {"text": "Antrag -Widerspruch", "page": 6},
        "exclusion, by date": {"text": "Antrag -Widerspruch", "sort": "date"},
        "exclusion, filtered": {
            "text": "Antrag -Widerspruch",
            "filters": {"kind": ("minutes",), "year": ("2023",)},
        },
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--role", default="office")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument(
        "--view", action="store_true", help="time GET /suche/ (the whole page) instead"
    )
    parser.add_argument("names", nargs="*")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abhnetz.settings.production")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from abhnetz.audiences.rules import search_reader_keys
    from bench.pages import people_by_role
    from search.backends.base import SearchQuery
    from search.backends.database import DatabaseBackend

    person = people_by_role()[options.role]
    keys = search_reader_keys(person)
    backend = DatabaseBackend()
    wanted = options.names or list(searches())
    print(f"reader {person.pk} ({options.role}), {len(keys)} keys; {os.getloadavg()}")
    client = Client()
    client.force_login(person)
    for name in wanted:
        spec = searches()[name]
        query = SearchQuery(reader_keys=keys, **spec)
        times = []
        # one untimed round first: the first request of a process loads templates
        for round_number in range(options.rounds + 1):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                if options.view:
                    response = client.get("/suche/", page_query(spec))
                    if response.status_code != 200:
                        raise SystemExit(f"{name}: status {response.status_code}")
                else:
                    results = backend.search(query)
                if round_number:
                    times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        found = (
            ""
            if options.view
            else (
                f"total {results.total}{'+' if results.capped else ''}  hits {len(results.hits)}  "
            )
        )
        print(
            f"{name:22} p50 {statistics.median(times):7.1f}  p95 {p95:7.1f} ms  "
            f"{found}queries {len(ctx.captured_queries)}"
        )
        if options.sql:
            for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:5]:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:220]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
