"""A minimal OpenDocument spreadsheet (.ods) writer: a zip of XML, no dependency.

LibreOffice and Excel open it; numbers are stored as numbers (``office:value``), so
the reader's own locale formats them (decimal commas in a German Excel).
"""

import io
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""  # noqa: E501

CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>"""  # noqa: E501
CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def _cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        number = format(Decimal(value).normalize(), "f")
        return (
            f'<table:table-cell office:value-type="float" office:value="{number}">'
            f"<text:p>{number}</text:p></table:table-cell>"
        )
    text = str(value)
    # a leading = would be a formula in some readers: keep text as text
    return f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'  # noqa: E501


def ods_bytes(*, sheet: str, rows: list[list]) -> bytes:
    body = [CONTENT_HEAD, f"<table:table table:name={quoteattr(sheet[:31])}>"]
    for row in rows:
        body.append("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>")
    body.append("</table:table>" + CONTENT_TAIL)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # the mimetype comes first and uncompressed (OpenDocument 1.2, 3.3)
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", "".join(body), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
