"""What may be uploaded: the file types of forms and documents, recognised by their content.

The extension alone proves nothing (an ``.exe`` or ``.html`` renamed to ``.pdf`` is still
what it was), and the extension decides the content type a download is served with. So
a file is accepted only when its content is one of the allowed kinds AND its name ends
in an extension of that same kind, and when it is not larger than
``ABHNETZ_MAX_UPLOAD_MB`` (default 20).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_UPLOAD_MB = 20


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", ("pdf",)),
        FileKind("docx", "Word (DOCX)", ("docx",)),
        FileKind("odt", "OpenDocument Text (ODT)", ("odt",)),
        FileKind("xlsx", "Excel (XLSX)", ("xlsx",)),
        FileKind("ods", "OpenDocument Spreadsheet (ODS)", ("ods",)),
        FileKind("png", "PNG", ("png",)),
        FileKind("jpeg", "JPEG", ("jpg", "jpeg")),
    )
}
ALLOWED_EXTENSIONS = tuple(ext for kind in KINDS.values() for ext in kind.extensions)

OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "ABHNETZ_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


def _zip_kind(file) -> str | None:
    """DOCX, XLSX, ODT or ODS by the entries of the zip container; None for other zips."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        names = archive.namelist()
        if "mimetype" in names:
            # OpenDocument: the first entry names the type (read a few bytes, never more)
            with archive.open("mimetype") as entry:
                return OPENDOCUMENT_MIMETYPES.get(entry.read(100).strip())
        if "[Content_Types].xml" in names:
            # Office Open XML: the main part's folder tells a document from a workbook
            if any(name.startswith("word/") for name in names):
                return "docx"
            if any(name.startswith("xl/") for name in names):
                return "xlsx"
    return None


def detect_kind(file) -> str | None:
    """The allowed kind ``file``'s content is (``"pdf"``, ``"docx"`` …), or None.

    Reads the first bytes (and for zip containers their directory); leaves the file at
    its start.
    """
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(file)
        return None
    finally:
        file.seek(0)


def allowed_types_text() -> str:
    return ", ".join(kind.label for kind in KINDS.values())


def validate_upload(file) -> str:
    """Check an uploaded file's size, content and name; return its kind.

    Raises a ``ValidationError`` with a message for the person who uploaded it.
    """
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s large; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _(
                "This file is not one of the allowed types, whatever its name says. "
                "Upload one of: %(types)s."
            ),
            code="file_type",
            params={"types": allowed_types_text()},
        )
    extension = os.path.splitext(file.name or "")[1].lstrip(".").lower()
    if extension not in KINDS[kind].extensions:
        raise ValidationError(
            _(
                "The file's content is %(kind)s, but its name ends in “.%(extension)s”. "
                "Rename it to end in “.%(expected)s” and upload it again."
            ),
            code="file_extension",
            params={
                "kind": KINDS[kind].label,
                "extension": extension,
                "expected": KINDS[kind].extensions[0],
            },
        )
    return kind
