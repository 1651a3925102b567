"""The upload check: allowed kinds by content, the name agreeing with it, and the size."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge.documents.pdf import minimal_pdf
from knowledge.documents.validation import detect_kind, validate_upload

from .conftest import JPEG, PNG, docx, opendocument, xlsx, zip_bytes

VALID = {
    "formular.pdf": (lambda: minimal_pdf("Antrag"), "pdf"),
    "formular.docx": (docx, "docx"),
    "formular.odt": (lambda: opendocument("text"), "odt"),
    "tabelle.xlsx": (xlsx, "xlsx"),
    "tabelle.ods": (lambda: opendocument("spreadsheet"), "ods"),
    "bild.png": (lambda: PNG, "png"),
    "foto.jpg": (lambda: JPEG, "jpeg"),
    "foto.JPEG": (lambda: JPEG, "jpeg"),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_each_allowed_kind_is_accepted_by_its_content(name):
    # given a small real file of an allowed kind with a matching name
    make, kind = VALID[name]
    upload = SimpleUploadedFile(name, make())
    # when it is checked
    result = validate_upload(upload)
    # then it is accepted as that kind, and the file is left at its start
    assert result == kind
    assert upload.tell() == 0


REFUSED = {
    "a program renamed to .pdf": ("antrag.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    "a web page renamed to .pdf": ("antrag.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
    "an svg image": ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    "a plain zip named .docx": ("antrag.docx", zip_bytes({"readme.txt": b"hallo"})),
    "office xml without a word part": (
        "antrag.docx",
        zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/slide1.xml": b"<p/>"}),
    ),
    "an OpenDocument presentation": ("folien.odt", opendocument("presentation")),
    "a broken zip": ("antrag.docx", b"PK\x03\x04 not really a zip"),
    "an empty file": ("leer.pdf", b""),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_other_content_is_refused_whatever_its_name(case):
    # given a file whose content is not an allowed kind
    name, content = REFUSED[case]
    # when it is checked, then it is refused with a message naming the allowed types
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert error.value.code == "file_type"
    assert "PDF" in error.value.messages[0]


def test_a_name_that_disagrees_with_the_content_is_refused():
    # given a real PNG named as a PDF (it would be served as application/pdf)
    upload = SimpleUploadedFile("antrag.pdf", PNG)
    # when it is checked, then the message says what it is and how to fix the name
    with pytest.raises(ValidationError) as error:
        validate_upload(upload)
    assert error.value.code == "file_extension"
    assert "PNG" in error.value.messages[0]
    assert ".png" in error.value.messages[0]


def test_files_over_the_limit_are_refused(settings):
    # given a limit of 1 MB and a valid PDF just over it
    settings.ABHNETZ_MAX_UPLOAD_MB = 1
    big = minimal_pdf("Antrag") + b"%" * (1024 * 1024)
    # when it is checked, then it is refused for its size
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("antrag.pdf", big))
    assert error.value.code == "file_too_large"
    # and a file under the limit passes
    assert validate_upload(SimpleUploadedFile("antrag.pdf", minimal_pdf("Antrag"))) == "pdf"


def test_the_default_limit_is_twenty_megabytes(settings):
    from knowledge.documents.validation import max_upload_bytes

    del settings.ABHNETZ_MAX_UPLOAD_MB
    assert max_upload_bytes() == 20 * 1024 * 1024


def test_detect_kind_reads_the_pdf_the_demo_makes():
    pdf = minimal_pdf("Antrag", "Zeile (2)")
    # a well-formed PDF: header, objects, cross-reference table and trailer
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref_at:].startswith(b"xref")
    assert detect_kind(SimpleUploadedFile("a.pdf", pdf)) == "pdf"
