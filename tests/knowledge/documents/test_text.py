"""The text inside uploaded files, for search: real PDF, DOCX and ODT files made in code,
and broken or hostile ones that must give no text and never an error."""

import io
import logging
import zipfile

import pytest
from django.core.files.base import ContentFile

from knowledge.documents import text as text_module
from knowledge.documents.pdf import minimal_pdf
from knowledge.documents.text import extract_text

from .conftest import PNG, xlsx, zip_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx_file(body_xml: str, *, prolog: str = "") -> bytes:
    """A DOCX whose main part has ``body_xml`` inside <w:body>."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body_xml}</w:body></w:document>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": document.encode("utf-8"),
        }
    )


def docx_paragraphs(*paragraphs: str) -> bytes:
    return docx_file("".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs))


def odt_file(body_xml: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body_xml}</office:text></office:body>"
        "</office:document-content>"
    )
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": b"<manifest/>",
            "content.xml": content.encode("utf-8"),
        }
    )


def test_the_text_of_a_pdf_with_umlauts():
    data = minimal_pdf("Verpflichtungserklärung nach § 68 AufenthG", "Größe: DIN A4")
    assert extract_text(data, "pdf") == (
        "Verpflichtungserklärung nach § 68 AufenthG\nGröße: DIN A4"
    )


def test_the_text_of_a_docx_paragraph_by_paragraph():
    data = docx_file(
        # runs of one paragraph join; a tab separates words
        "<w:p><w:r><w:t>Antrag auf </w:t></w:r><w:r><w:t>Einbürgerung</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Name:</w:t><w:tab/><w:t>Müller</w:t></w:r></w:p>"
        # deleted text of a tracked change is no longer in the document
        "<w:p><w:del><w:r><w:delText>gestrichen</w:delText></w:r></w:del>"
        "<w:r><w:t>Straße</w:t></w:r></w:p>"
        # a text box comes with a fallback copy of itself: counted once
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>Textfeld</w:t></w:r></w:p>"
        "</mc:Choice><mc:Fallback><w:p><w:r><w:t>Textfeld</w:t></w:r></w:p></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )

    assert extract_text(data, "docx") == "Antrag auf Einbürgerung\nName: Müller\nStraße\nTextfeld"


def test_the_text_of_an_odt_with_headings_spans_and_spaces():
    data = odt_file(
        "<text:h>Übersicht</text:h>"
        "<text:p>Bitte <text:span>vollständig</text:span> ausfüllen.</text:p>"
        "<text:p>Ort<text:s/>und<text:tab/>Datum<text:line-break/>Unterschrift</text:p>"
        # a comment is not what the document says, the text after it is
        "<text:p>Gültig<office:annotation><text:p>intern: prüfen</text:p></office:annotation>"
        " ab heute</text:p>"
    )

    assert extract_text(data, "odt") == (
        "Übersicht\nBitte vollständig ausfüllen.\nOrt und Datum Unterschrift\nGültig ab heute"
    )


def test_the_kind_is_recognised_from_the_content_of_bytes_paths_and_files(tmp_path):
    data = docx_paragraphs("Aufenthaltserlaubnis")
    path = tmp_path / "antrag.docx"
    path.write_bytes(data)
    django_file = ContentFile(odt_file("<text:p>Niederlassungserlaubnis</text:p>"), "a.odt")

    assert extract_text(data) == "Aufenthaltserlaubnis"
    assert extract_text(path) == "Aufenthaltserlaubnis"
    assert extract_text(str(path)) == "Aufenthaltserlaubnis"
    assert extract_text(django_file) == "Niederlassungserlaubnis"
    # the file is left at its start for whoever reads it next
    assert django_file.tell() == 0


@pytest.mark.parametrize(
    "data", [PNG, xlsx(), b"just some text"], ids=["image", "spreadsheet", "unknown"]
)
def test_other_kinds_give_no_text(data):
    assert extract_text(data) == ""


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\nthis is not a PDF", "pdf"),
        (b"PK\x03\x04 not a zip at all", "docx"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"}), "docx"),
        (docx_file("<w:p><w:r><w:t>nicht geschlossen</w:t></w:p>"), "docx"),
        (odt_file("<text:p>kaputt").replace(b"</office:text>", b""), "odt"),
    ],
    ids=["pdf", "zip", "no-main-part", "docx-xml", "odt-xml"],
)
def test_a_broken_file_gives_no_text_and_a_warning(caplog, data, kind):
    with caplog.at_level(logging.WARNING, logger="knowledge.documents.text"):
        assert extract_text(data, kind) == ""
    assert "No text from" in caplog.text


def test_a_missing_file_gives_no_text(tmp_path):
    assert extract_text(tmp_path / "gone.pdf", "pdf") == ""


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def test_an_entity_bomb_is_refused_before_parsing():
    data = docx_file("<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>", prolog=BILLION_LAUGHS)
    assert extract_text(data, "docx") == ""


def test_an_entity_declaration_cannot_hide_behind_another_encoding():
    # given the same bomb written in UTF-16, where the bytes "<!DOCTYPE" never occur
    document = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        f'{BILLION_LAUGHS}<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol3;</w:t>'
        "</w:r></w:p></w:body></w:document>"
    ).encode("utf-16")
    assert b"<!DOCTYPE" not in document
    data = zip_bytes(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": document},
    )

    assert extract_text(data, "docx") == ""


def test_a_zip_bomb_is_not_unpacked():
    # given a DOCX whose main part unpacks to more than the limit (a few KB compressed)
    size = text_module.MAX_XML_BYTES + 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * size)
    assert len(buffer.getvalue()) < 100_000

    assert extract_text(buffer.getvalue(), "docx") == ""


def test_the_text_is_capped(monkeypatch):
    monkeypatch.setattr(text_module, "MAX_CHARS", 20)
    text = extract_text(docx_paragraphs("Ausländerbehörde " * 10), "docx")
    assert text == "Ausländerbehörde Aus"
