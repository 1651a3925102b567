import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.documents.models import Document, FormItem
from knowledge.documents.pdf import minimal_pdf

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip container with these entries, in this order (as office files are built)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def xlsx() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "_rels/.rels": b"<Relationships/>",
            "xl/workbook.xml": b"<workbook/>",
        }
    )


def opendocument(kind: str) -> bytes:
    return zip_bytes(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
            "META-INF/manifest.xml": b"<manifest/>",
            "content.xml": b"<office:document-content/>",
        }
    )


@pytest.fixture(autouse=True)
def _files_on_disk(settings):
    """Documents are served from disk (sendfile), so store them in the test's MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def make_document(db):
    """A document saved as Wagtail's upload would save it, for an audience."""

    def make(
        title="Antrag",
        *,
        language="de",
        audience=None,
        form_item=None,
        topics=(),
        uploader=None,
        content=None,
        name=None,
    ) -> Document:
        doc = Document(
            title=title,
            language=language,
            form_item=form_item,
            uploaded_by_user=uploader,
            collection=Collection.get_first_root_node(),
        )
        doc.file.save(
            name or f"{title.lower().replace(' ', '-')}-{language}.pdf",
            ContentFile(content or minimal_pdf(title)),
            save=False,
        )
        doc._set_document_file_metadata()
        doc.topics.set(list(topics))
        audience_assign(doc, audience or Audience.network())
        doc.save()
        return doc

    return make


@pytest.fixture
def make_form(db):
    def make(
        title="Antrag auf Erteilung eines Aufenthaltstitels", *, audience=None, **fields
    ) -> FormItem:
        """A form for ``audience`` (the whole network unless given), saved as the
        snippet editor saves it."""
        item = FormItem(title=title, **fields)
        audience_assign(item, audience or Audience.network())
        item.save()
        return item

    return make
