"""The Elasticsearch copy for operators: what waits, what was set aside and why."""

from django.core.management.base import BaseCommand

from search import replica
from search.models import ReplicaPending
from search.services import elasticsearch, sync_replica


class Command(BaseCommand):
    help = "Show the Elasticsearch copy's queue; retry documents set aside; copy now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Queue the documents set aside again (after fixing the cause).",
        )
        parser.add_argument("--sync", action="store_true", help="Copy what is due now.")

    def handle(self, *args, retry_failed=False, sync=False, **options):
        if elasticsearch() is None:
            self.stdout.write("ELASTICSEARCH_URL is not set: there is no copy.")
            return
        if retry_failed:
            self.stdout.write(f"{replica.retry_failed()} documents queued again.")
        if sync:
            self.stdout.write(f"{sync_replica()} documents copied.")
        counts = replica.status()
        self.stdout.write(
            f"pending: {counts['pending']} (after a refusal: {counts['retrying']}), "
            f"set aside: {counts['failed']}"
        )
        failed = ReplicaPending.objects.exclude(last_error="").order_by("key")
        for row in failed[:100]:
            self.stdout.write(f"{row.key}\t{row.state}\t{row.attempts}\t{row.last_error}")
