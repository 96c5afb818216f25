"""The text inside an uploaded file (PDF, DOCX, ODT), for the full-text search.

`extract_text(stored_file, content_type)` never raises: a broken, encrypted or
unknown file gives an empty text and a log line. The text is cut after
`core.search.EXTRACTED_TEXT_LIMIT` characters.
"""

from __future__ import annotations

import io
import logging

from .search import EXTRACTED_TEXT_LIMIT

logger = logging.getLogger(__name__)

# The upload types with text (`core.uploads` accepts them; named here, not imported,
# because storing an upload schedules the extraction).
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


class _Collector:
    """Collects text pieces until the limit is reached."""

    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[str] = []
        self.length = 0

    @property
    def full(self) -> bool:
        return self.length >= self.limit

    def add(self, text: str | None) -> None:
        if text and not self.full:
            self.parts.append(text)
            self.length += len(text) + 1

    def text(self) -> str:
        # PostgreSQL text cannot hold NUL characters.
        return "\n".join(self.parts).replace("\x00", " ")[: self.limit].strip()


def _pdf(data: bytes, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    for page in reader.pages:
        if out.full:
            break
        out.add(page.extract_text())


def _docx(data: bytes, out: _Collector) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            out.add(" ".join(cell.text for cell in row.cells))


def _odt(data: bytes, out: _Collector) -> None:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    for element in document.getElementsByType(text.H) + document.getElementsByType(text.P):
        out.add(teletype.extractText(element))


EXTRACTORS = {PDF: _pdf, DOCX: _docx, ODT: _odt}


def extract_text_from_bytes(data: bytes, content_type: str, *, name: str = "") -> str:
    extractor = EXTRACTORS.get(content_type)
    if extractor is None:
        return ""
    out = _Collector(EXTRACTED_TEXT_LIMIT)
    try:
        extractor(data, out)
    except Exception as error:  # any broken file: no text, never a crash
        logger.warning("No text extracted from %s (%s): %s", name or "file", content_type, error)
        return ""
    return out.text()


def extract_text(stored_file, content_type: str) -> str:
    """The text of a stored file (a `FieldFile`); empty if it cannot be read."""
    if content_type not in EXTRACTORS:
        return ""
    try:
        with stored_file.open("rb") as handle:
            data = handle.read()
    except OSError as error:
        logger.warning("File %s could not be read: %s", stored_file.name, error)
        return ""
    return extract_text_from_bytes(data, content_type, name=stored_file.name)
