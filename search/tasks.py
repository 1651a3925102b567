"""Index work in the background (django-tasks). Every task is idempotent: it reads
the object as it is in the database when it runs, so running it twice, late or
out of order leaves the index right."""

from django_tasks import task


@task()
def reindex(indexer_name: str, pk: int) -> None:
    from .services import reindex_owner

    reindex_owner(indexer_name, pk)


@task()
def reindex_subtree(page_id: int) -> None:
    """A moved page and its descendants have new URLs (and maybe a new space)."""
    from .services import reindex_page_subtree

    reindex_page_subtree(page_id)


@task()
def sync_replica() -> None:
    """Bring the Elasticsearch copy up to the database index (no-op without it)."""
    from .services import sync_replica as sync

    sync()
