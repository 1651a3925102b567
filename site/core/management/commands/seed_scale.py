"""Benchmark data: a large network built in bulk (abhnetz.core.scale).

    manage.py seed_scale --factor 0.05

Runs once on a migrated database without scale data; factor 1 is a whole state's
network after years of use (issue #15). Nobody can log in with a password: the
benchmark signs its sessions itself.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from abhnetz.core import scale


class Command(BaseCommand):
    help = "Build the benchmark network in bulk (deterministic; --factor 1 is full size)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=0.05)
        parser.add_argument(
            "--no-index", action="store_true", help="Leave the search index to `rebuild`."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing where scale data exists (bench)."
        )

    def handle(self, *args, factor: float, no_index: bool, if_empty: bool, **options):
        if not 0 < factor <= 5:
            raise CommandError("--factor must be above 0 and at most 5.")
        if scale.already_seeded():
            if if_empty:
                self.stdout.write("Scale data is there already.")
                return
            raise CommandError("This database holds scale data already: start from an empty one.")
        started = time.perf_counter()
        network = scale.seed(factor=factor, stdout=self.stdout, index=not no_index)
        seconds = time.perf_counter() - started
        for name, count in network.counts.items():
            self.stdout.write(f"  {name:<16} {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Scale network (factor {factor}) in {seconds:.0f} s.")
        )
