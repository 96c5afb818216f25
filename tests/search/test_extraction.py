"""The text inside uploaded files: read by the worker after the upload is committed, then
found by the search (PDF, DOCX, ODT); a broken file gives no text and no crash."""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.pdf import html_to_pdf
from core.search import EXTRACTED_TEXT_LIMIT
from core.text_extraction import DOCX, ODT, PDF, extract_text_from_bytes
from meetings.models import Paper
from meetings.services import paper_add
from search.selectors import search
from workinggroups import services as wg_services

from ..factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def pdf_with(text: str) -> bytes:
    return html_to_pdf(f"<html lang='de'><body><p>{text}</p></body></html>").content


def docx_with(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Einleitung")
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_with(text: str) -> bytes:
    from odf import text as odf_text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.text.addElement(odf_text.H(outlinelevel=1, text="Gutachten"))
    document.text.addElement(odf_text.P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def upload(world, name, content, django_capture_on_commit_callbacks, title="Anlage zur Sitzung"):
    with django_capture_on_commit_callbacks(execute=True):
        return paper_add(
            meeting=world.meeting,
            agenda_item=world.public_item,
            title=title,
            uploaded_file=SimpleUploadedFile(name, content),
            actor=world.office,
        )


@pytest.mark.parametrize(
    ("name", "make"),
    [("gutachten.pdf", pdf_with), ("gutachten.docx", docx_with), ("gutachten.odt", odt_with)],
)
def test_a_word_inside_an_uploaded_file_is_found(
    world, django_capture_on_commit_callbacks, name, make
):
    assert search("Wasserstoffbus", user=None).total == 0
    paper = upload(
        world, name, make("Der Wasserstoffbus fährt ab 2027."), django_capture_on_commit_callbacks
    )
    paper.refresh_from_db()
    assert "Wasserstoffbus" in paper.extracted_text
    for user in (None, world.board_member):
        results = search("Wasserstoffbus", user=user)
        assert [hit.object for hit in results.hits] == [paper]
        assert "<mark>Wasserstoffbus</mark>" in str(results.hits[0].snippet)
    # Reading the text wrote no history row: only the upload's.
    assert paper.history.count() == 1


def test_the_text_of_a_confidential_paper_is_for_its_body_only(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        paper = paper_add(
            meeting=world.meeting,
            agenda_item=world.confidential_item,
            title="Personalakte",
            uploaded_file=SimpleUploadedFile("akte.docx", docx_with("Gehaltsstufe Zwergschnäpper")),
            actor=world.office,
        )
    assert search("Zwergschnäpper", user=None).total == 0
    assert search("Zwergschnäpper", user=world.wg_member).total == 0
    assert [h.object for h in search("Zwergschnäpper", user=world.board_member).hits] == [paper]


def test_a_finding_attachment_is_found_by_members(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = wg_services.attachment_add(
            finding=world.agreed_finding,
            title="Fahrgastzählung",
            uploaded_file=SimpleUploadedFile("zaehlung.odt", odt_with("Fahrgäste Brockenbahn")),
            actor=world.wg_member,
        )
    results = search("Brockenbahn", user=world.board_member)
    assert [hit.object for hit in results.hits] == [attachment]
    assert search("Brockenbahn", user=None).total == 0


def test_nothing_is_read_before_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        paper = paper_add(
            meeting=world.meeting,
            agenda_item=world.public_item,
            title="Anlage",
            uploaded_file=SimpleUploadedFile("a.pdf", pdf_with("Eisvogel")),
            actor=world.office,
        )
    assert Paper.objects.get(pk=paper.pk).extracted_text == ""
    assert search("Eisvogel", user=world.board_member).total == 0
    for callback in callbacks:
        callback()
    assert search("Eisvogel", user=world.board_member).total == 1


def test_a_broken_file_gives_no_text_and_a_log_line(
    world, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.WARNING, logger="core.text_extraction"):
        paper = upload(
            world, "kaputt.pdf", PDF_BYTES + b"garbage", django_capture_on_commit_callbacks
        )
    assert Paper.objects.get(pk=paper.pk).extracted_text == ""
    assert "No text extracted" in caplog.text


@pytest.mark.parametrize("content_type", [PDF, DOCX, ODT])
def test_broken_bytes_of_every_type_give_empty_text(content_type, caplog):
    assert extract_text_from_bytes(b"PK\x03\x04 not really", content_type) == ""


def test_an_encrypted_pdf_gives_empty_text(caplog):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with("Geheimnis"))))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    out = io.BytesIO()
    writer.write(out)
    with caplog.at_level(logging.WARNING, logger="core.text_extraction"):
        assert extract_text_from_bytes(out.getvalue(), PDF) == ""
    assert "No text extracted" in caplog.text


def test_the_text_is_capped():
    text = extract_text_from_bytes(docx_with("Wort " * (EXTRACTED_TEXT_LIMIT // 4)), DOCX)
    assert len(text) == EXTRACTED_TEXT_LIMIT
