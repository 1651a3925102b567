"""Search documents made by hand, for tests of what backends and pages do with them."""

from search import services
from search.documents import SearchDocument


def doc(key, title, *, keys=frozenset({"member"}), kind="guide", **fields) -> SearchDocument:
    return SearchDocument(
        key=key,
        kind=kind,
        title=title,
        url=f"/wissen/{key.replace(':', '-')}/",
        audience_keys=frozenset(keys),
        **fields,
    )


def index(*documents) -> None:
    """Store each document as its own owner, as an indexer would."""
    services.store({document.key: [document] for document in documents})
