"""How fast the index is rebuilt through the site's own indexers, indexer by indexer.

    python -m bench.rebuild_speed [--per-object] [indexer ...]

Runs ``search.services.rebuild`` for each indexer on the database as it is (e.g. after
``seed_scale --no-index``) and prints its documents per second. ``--per-object`` makes
every indexer build its documents one object at a time (``Indexer.documents``, the path
before ``documents_many``), to compare both on the same data.
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from search import registry, services
    from search.models import SearchEntry

    per_object = "--per-object" in argv
    names = [a for a in argv[1:] if not a.startswith("--")]
    total_documents, total_seconds = 0, 0.0
    for indexer in registry.indexers():
        if names and indexer.name not in names:
            continue
        if per_object:
            indexer.documents_many = registry.Indexer.documents_many.__get__(indexer)
        started = time.perf_counter()
        services.rebuild(batch_size=500, indexer_names=[indexer.name])
        seconds = time.perf_counter() - started
        documents = SearchEntry.objects.filter(owner__startswith=f"{indexer.name}:").count()
        total_documents, total_seconds = total_documents + documents, total_seconds + seconds
        rate = round(documents / seconds) if seconds else 0
        line = f"{indexer.name:<16} {documents:>8} documents {seconds:7.1f} s {rate:>6}/s\n"
        sys.stdout.write(line)
    rate = round(total_documents / total_seconds) if total_seconds else 0
    mode = "per object" if per_object else "documents_many"
    sys.stdout.write(f"{'all (' + mode + ')':<16} {total_documents:>8} documents "
                     f"{total_seconds:7.1f} s {rate:>6}/s\n")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv)
