"""Which of a guide's downloads the reader may see.

The documents app gives documents an audience. Until it offers its own helper, this
asks the audience rule once for all documents of a guide: a document model that
carries an audience shows only the documents the reader may see; one that carries
none (Wagtail's own) leaves it to Wagtail's collection privacy, as its download URL does.
"""

from wagtail.documents import get_document_model

from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import visible_to

from .blocks import documents_in


def visible_document_ids(user, body) -> set[int]:
    """The ids of the body's documents that ``user`` may download (at most one query)."""
    documents = documents_in(body)
    ids = {document.pk for document in documents}
    if not ids:
        return set()
    model = get_document_model()
    if not issubclass(model, AudienceMixin):
        return ids
    return set(visible_to(user, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))
