"""Which of a guide's downloads the reader may see: one question to the audience rule.

The documents app gives documents an audience and renders download links
(``{% document_link %}``), which cost no query for documents marked as checked for the
reader. This asks once for all documents of a guide and marks the visible ones.
"""

from knowledge.documents.selectors import mark_checked, visible_documents

from .blocks import documents_in


def visible_document_ids(user, body) -> set[int]:
    """The ids of the body's documents that ``user`` may download (at most one query)."""
    documents = documents_in(body)
    if not documents:
        return set()
    visible = set(visible_documents(user, {document.pk for document in documents}))
    mark_checked(user, [document for document in documents if document.pk in visible])
    return visible
