"""Rebuild the search index from the content, with a progress bar.

Safe while the site serves: entries are replaced batch by batch in short
transactions, never dropped first (search.services.rebuild).
"""

import sys
import time

from django.core.management.base import BaseCommand

from search import registry
from search.services import rebuild, refill_replica


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or those named with --kind)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="indexers",
            choices=[i.name for i in registry.indexers()],
            help="Only this indexer (repeatable).",
        )
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--recreate-elasticsearch",
            action="store_true",
            help="Also build a new Elasticsearch index (after changing lexicon/compounds.txt).",
        )

    def handle(self, *args, indexers=None, batch_size=200, **options):
        started = time.monotonic()
        interactive = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        width = 30

        def progress(name: str, done: int, total: int) -> None:
            share = done / total if total else 1.0
            filled = int(share * width)
            bar = "#" * filled + "-" * (width - filled)
            line = f"{name:<14} [{bar}] {done}/{total}"
            if interactive:
                self.stdout.write(f"\r{line}", ending="")
                if done >= total:
                    self.stdout.write("")
            elif done >= total or done % (batch_size * 10) == 0:
                self.stdout.write(line)
            sys.stdout.flush()

        count = rebuild(progress=progress, batch_size=batch_size, indexer_names=indexers)
        seconds = time.monotonic() - started
        rate = count / seconds if seconds else count
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} objects in {seconds:.1f} s ({rate:.0f}/s).")
        )
        if options.get("recreate_elasticsearch"):
            # after the database index: the new Elasticsearch index is filled from it
            copied = refill_replica()
            self.stdout.write(f"New Elasticsearch index filled with {copied} entries.")
