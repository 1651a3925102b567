"""The search service's own touches on what a backend answers."""

from search import services
from tests.search.helpers import doc, index


def test_spelling_suggestions_keep_the_searchers_capitals(network):
    index(doc("guide:1", "Dienstplan der Ausländerbehörde"))
    # corrected at once ...
    assert services.search(network.partner, "Dienstplann").corrected == "Dienstplan"
    assert services.search(network.partner, "dienstplann").corrected == "dienstplan"
    # ... or, exactly as typed, suggested
    exact = services.search(network.partner, "Dienstplann", exact=True)
    assert exact.corrected is None
    assert exact.suggestion == "Dienstplan"


def full_text_ids() -> set[int]:
    from django.db import connection

    from search.backends.db_writes import _dialect

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_dialect().id_column} FROM search_fts")  # noqa: S608 (a fixed column name)
        return {row[0] for row in cursor.fetchall()}


def test_orphaned_full_text_rows_are_purged_and_the_others_kept(network):
    from search.models import SearchEntry

    # given three documents, two of whose entries vanished under their full-text rows
    index(doc("guide:1", "Dienstplan"), doc("guide:2", "Schichtplan"), doc("guide:3", "Urlaub"))
    kept = SearchEntry.objects.order_by("pk").first().pk
    SearchEntry.objects.exclude(pk=kept).delete()
    # when the rebuild's last step purges the orphans
    services.database.purge_orphans()
    # then only the row that still has its entry is left
    assert full_text_ids() == {kept}
