"""The words inside uploaded files (PDF, DOCX, ODT), so that search finds them.

Uploaded files are untrusted: a broken, encrypted or hostile file gives no text and a
warning in the log, never an exception that would stop indexing. The work is bounded:
at most ``MAX_PDF_PAGES`` pages of a PDF, at most ``MAX_XML_BYTES`` of an office
file's main XML part (read with a limit, whatever the zip directory claims, so a zip
bomb cannot fill the memory), and at most ``MAX_CHARS`` characters of text.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree import ElementTree

from .validation import detect_kind

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_PDF_PAGES = 200
MAX_XML_BYTES = 20 * 1024 * 1024

# Office Open XML: transitional (what Word writes) and strict
WORD_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

# ElementTree expands internal entities; a DOCTYPE can declare them ("billion laughs").
# Office files never need one, so any file declaring one is refused.
DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UnreadableFile(Exception):
    """The file is refused (too large, declares entities, misses its main part)."""


def extract_text(source, kind: str | None = None) -> str:
    """The text of a PDF, DOCX or ODT file; "" for other kinds and for unreadable files.

    ``source`` is a path, bytes or a file (a Django ``FieldFile`` is opened and closed
    again). ``kind`` is a key of ``validation.KINDS``; when omitted it is recognised
    from the content, as the upload check does.
    """
    try:
        with _binary(source) as file:
            kind = kind or detect_kind(file)
            extractor = EXTRACTORS.get(kind)
            if extractor is None:
                return ""
            text = extractor(file)
    # a broken or hostile file must never stop indexing: pypdf alone raises many kinds
    except Exception as error:
        logger.warning("No text from %s (%s): %s", _name(source), kind, error)
        return ""
    return _tidy(text)


def _name(source) -> str:
    if isinstance(source, (bytes, bytearray)):
        return "<bytes>"
    return str(getattr(source, "name", source))


@contextmanager
def _binary(source) -> Iterator:
    """A seekable binary file for ``source``, at its start."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            yield file
        return
    if isinstance(source, (bytes, bytearray)):
        yield io.BytesIO(source)
        return
    opened_here = getattr(source, "closed", False)
    if opened_here:
        source.open("rb")
    try:
        source.seek(0)
        yield source
    finally:
        if opened_here:
            source.close()
        else:
            source.seek(0)


def _tidy(text: str) -> str:
    """One line per paragraph, runs of spaces collapsed, at most ``MAX_CHARS``."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_CHARS]


def _pdf_text(file) -> str:
    import pypdf

    reader = pypdf.PdfReader(file)
    if reader.is_encrypted:
        # many forms are "encrypted" with an empty password only to forbid editing
        reader.decrypt("")
    parts: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size >= MAX_CHARS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n".join(parts)


def _xml_part(file, name: str) -> ElementTree.Element:
    """The parsed XML entry ``name`` of a zip container, refused when too large or
    when it declares a DOCTYPE or entities."""
    with zipfile.ZipFile(file) as archive:
        info = archive.getinfo(name)  # KeyError: not an office file of this kind
        if info.file_size > MAX_XML_BYTES:
            raise UnreadableFile(f"{name} is {info.file_size} bytes uncompressed")
        with archive.open(info) as entry:
            # the directory's size may lie: read one byte more than allowed, never more
            data = entry.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise UnreadableFile(f"{name} is larger than {MAX_XML_BYTES} bytes")
    # Decoded here and parsed as text, so the parser reads exactly what was checked: a
    # declared encoding (UTF-16) cannot hide a DOCTYPE from the check. Office files are
    # UTF-8; anything else fails to decode and gives no text.
    xml = data.decode("utf-8-sig")
    if DECLARATION.search(xml):
        raise UnreadableFile(f"{name} declares a DOCTYPE or entities")
    return ElementTree.fromstring(xml)  # noqa: S314 - checked above: no DOCTYPE, no entities


def _paragraphs(root: ElementTree.Element, tags: set[str], skip: set[str]):
    """The outermost paragraph elements in document order (nested ones, e.g. in text
    boxes or notes, are part of their outer paragraph's text)."""
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag in skip:
            continue
        if element.tag in tags:
            yield element
            continue
        stack.extend(reversed(element))


def _docx_text(file) -> str:
    root = _xml_part(file, "word/document.xml")
    paragraph, text, spacers, skip = set(), set(), set(), {f"{{{MARKUP_COMPATIBILITY}}}Fallback"}
    for ns in WORD_NAMESPACES:
        paragraph.add(f"{{{ns}}}p")
        text.add(f"{{{ns}}}t")
        spacers.update({f"{{{ns}}}tab", f"{{{ns}}}br", f"{{{ns}}}cr"})
        # deleted text of tracked changes is no longer part of the document
        skip.add(f"{{{ns}}}del")

    def words(element) -> Iterator[str]:
        if element.tag in skip:
            return
        if element.tag in text:
            yield element.text or ""
        elif element.tag in spacers:
            yield " "
        elif element.tag in paragraph:
            yield "\n"
        for child in element:
            yield from words(child)

    return "\n".join("".join(words(p)) for p in _paragraphs(root, paragraph, skip))


def _odt_text(file) -> str:
    root = _xml_part(file, "content.xml")
    paragraph = {f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"}
    spacers = {f"{{{ODF_TEXT}}}s", f"{{{ODF_TEXT}}}tab", f"{{{ODF_TEXT}}}line-break"}
    # comments and the deleted text of tracked changes are not what the document says
    skip = {f"{{{ODF_OFFICE}}}annotation", f"{{{ODF_TEXT}}}tracked-changes"}

    def words(element) -> Iterator[str]:
        if element.tag in spacers:
            yield " "
        elif element.tag in paragraph:
            yield "\n"
        if element.tag not in skip:
            yield element.text or ""
            for child in element:
                yield from words(child)
                # the text after a child belongs to this element, the child skipped or not
                yield child.tail or ""

    return "\n".join("".join(words(p)) for p in _paragraphs(root, paragraph, skip))


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odt_text}
