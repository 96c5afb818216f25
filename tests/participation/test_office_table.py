"""The weighing table PDF, built by the worker: every submitted statement with its
chapter, the submitter as published, the weighing and the reasoning; never a private
person's name, an e-mail address or a draft."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participation.models import TableStatus, WeighingTable
from participation.table_pdf import build_table

from . import office_helpers as h

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _procedure_with_statements(world):
    procedure = h.procedure(world, public=True)
    first, second = procedure.chapters.order_by("position")
    huy = h.participant(world, procedure, organisation="Gemeinde Huy", username="huy")
    huy.user.email = "kontakt-huy@example.org"
    huy.user.display_name = "Hanna Huy-Kontakt"
    huy.user.save()
    a = h.statement(procedure, participant=huy, chapter=first, text="Radweg Huy fehlt")
    b = h.statement(
        procedure,
        chapter=second,
        text="Mehr Busse am Abend",
        submitter_name="Erika Mustermann",
        submitter_email="erika.privat@example.org",
    )
    c = h.statement(procedure, participant=huy, text="Insgesamt gelungen")
    h.weigh(world, a, outcome="followed", reasoning="Radweg aufgenommen", change="Karte 3 ergänzt")
    h.weigh(world, b, outcome="not_followed", reasoning="Kein Bedarf belegt")
    h.draft(procedure, huy, text="Geheimer Entwurf der Gemeinde")
    return procedure, (a, b, c)


def test_the_table_lists_every_statement_and_weighing_without_private_data(
    client, world, django_capture_on_commit_callbacks
):
    procedure, _statements = _procedure_with_statements(world)
    client.force_login(world.office)
    url = reverse("participation:table_request", args=[procedure.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.post(url, {"confirm": "on"}).status_code == 302
    assert callbacks  # the worker's job, run at once (Immediate backend)
    table = WeighingTable.objects.get(procedure=procedure)
    assert table.status == TableStatus.DONE and table.statement_count == 3
    assert table.page_count >= 1 and table.size > 1000
    response = client.get(reverse("participation:table_download", args=[table.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(b"".join(response.streaming_content))
    flat = " ".join(text.split())
    for expected in (
        "Abwägungstabelle: Entwurf REK 2027",
        "Stellungnahme 1", "Stellungnahme 2", "Stellungnahme 3",
        "Radweg Huy fehlt", "Mehr Busse am Abend", "Insgesamt gelungen",
        "Gemeinde Huy", "Bürger:in (Öffentlichkeit)",
        "1. Leitbild", "2. Mobilität", "Das Konzept insgesamt",
        "Gefolgt", "Nicht gefolgt", "noch nicht abgewogen",
        "Radweg aufgenommen", "Kein Bedarf belegt", "Karte 3 ergänzt",
    ):  # fmt: skip
        assert expected in flat, expected
    for private in (
        "Erika", "Mustermann", "erika.privat", "example.org", "kontakt-huy",
        "Hanna", "Geheimer Entwurf",
    ):  # fmt: skip
        assert private not in flat, private
    # Members download it too; its page lists the build.
    client.force_login(world.board_member)
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert reverse("participation:table_download", args=[table.pk]) in page


def test_a_failed_build_is_recorded_and_another_can_be_asked_for(world, monkeypatch):
    procedure, _statements = _procedure_with_statements(world)
    from participation import services, table_pdf

    def broken(html, **kwargs):
        raise OSError("kein Platz")

    monkeypatch.setattr(table_pdf.pdf, "html_to_pdf", broken)
    table = services.table_request(procedure=procedure, actor=world.office)
    assert build_table(table.pk) is False
    table.refresh_from_db()
    assert table.status == TableStatus.FAILED and "OSError" in table.error
    assert not table.file
    # A failed table is nobody's download.
    assert build_table(table.pk) is False
