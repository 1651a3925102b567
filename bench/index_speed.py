"""How fast the database backend takes documents: ``search.services.store`` in batches.

    python -m bench.index_speed out.json [documents]

Stores generated documents (German words, the reader keys of the scale network) in
batches of 1,000 through the bulk entry point the indexers use, reports documents per
second, and removes them again.
"""

from __future__ import annotations

import json
import random
import sys
import time


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from abhnetz.core.scale import WORDS
    from search import services
    from search.backends.database import DatabaseBackend
    from search.documents import SearchDocument

    count = int(argv[2]) if len(argv) > 2 else 5000
    rng = random.Random(15)
    batch_size = 1000
    started = time.perf_counter()
    for first in range(0, count, batch_size):
        batch = {}
        for number in range(first, min(count, first + batch_size)):
            key = f"bench-speed:{number}"
            batch[key] = [
                SearchDocument(
                    key=key,
                    kind="announcement",
                    title=" ".join(rng.choices(WORDS, k=6)),
                    url=f"/bench/{number}/",
                    audience_keys=frozenset({"member"}),
                    summary=" ".join(rng.choices(WORDS, k=20)),
                    body=" ".join(rng.choices(WORDS, k=rng.randint(80, 300))),
                )
            ]
        services.store(batch)
    seconds = time.perf_counter() - started
    DatabaseBackend().remove([f"bench-speed:{n}" for n in range(count)])
    result = {
        "documents": count,
        "seconds": round(seconds, 1),
        "documents_per_second": round(count / seconds),
    }
    with open(argv[1], "w") as file:
        json.dump(result, file)
    sys.stdout.write(f"index build (services.store, batches of {batch_size}): {result}\n")


if __name__ == "__main__":
    main(sys.argv)
