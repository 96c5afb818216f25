"""The council report's chapter on the consultations in the partners' councils, read back
from the real PDF."""

import datetime

import pytest
from django.utils import timezone

from councils import services
from councils.models import Consultation, ConsultationStatus, Scope
from tests.documents.test_council_report import pages_text, params_for, render, report_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _record(consultation, status, *, note="", resolution_date=None, actor):
    services.consultation_record(
        consultation=consultation,
        data={
            "council_name": consultation.council_name,
            "planned_date": consultation.planned_date,
            "status": status,
            "resolution_number": "SR-2026/114" if resolution_date else "",
            "resolution_date": resolution_date,
            "note": note,
        },
        actor=actor,
    )


@pytest.fixture
def councils_world(report_world):  # noqa: F811
    w = report_world
    services.requirement_create(
        decision=w.decision,
        scope=Scope.NAMED,
        partners=[w.halberstadt, w.wernigerode],
        planned_date=timezone.localdate() - datetime.timedelta(days=5),
        actor=w.office,
    )
    _record(
        Consultation.objects.get(partner=w.halberstadt),
        ConsultationStatus.APPROVED,
        resolution_date=timezone.localdate(),
        actor=w.office,
    )
    _record(
        Consultation.objects.get(partner=w.wernigerode),
        ConsultationStatus.ON_AGENDA,
        note="Interne Vorberatung im Hauptausschuss",
        actor=w.office,
    )
    return w


def test_the_report_has_a_chapter_on_the_councils(councils_world):
    w = councils_world
    _html, pdf = render(params_for(w, "internal"))
    text = "\n".join(pages_text(pdf.content)[1])
    start = text.index("Die Beschlüsse oben, die die Zustimmung der Räte")
    chapter = text[start : text.index("8 Anhang", start)]
    assert f"{w.decision.number}: Arbeitsgruppe beauftragen – Wartet auf die Räte" in chapter
    assert "Stadtrat Halberstadt" in chapter and "Zugestimmt" in chapter
    assert "SR-2026/114" in chapter
    assert "Stadtrat Wernigerode" in chapter and "überfällig" in chapter
    assert "Interne Vorberatung" in chapter


def test_the_public_edition_leaves_out_the_councils_notes(councils_world):
    _html, pdf = render(params_for(councils_world, "public"))
    text = "\n".join(pages_text(pdf.content)[1])
    assert "Stadtrat Wernigerode" in text
    assert "Interne Vorberatung" not in text


def test_a_blocked_decision_says_so(councils_world):
    w = councils_world
    _record(
        Consultation.objects.get(partner=w.wernigerode),
        ConsultationStatus.REJECTED,
        resolution_date=timezone.localdate(),
        actor=w.admin_wernigerode,
    )
    _html, pdf = render(params_for(w, "public"))
    text = "\n".join(pages_text(pdf.content)[1])
    assert f"{w.decision.number}: Arbeitsgruppe beauftragen – Blockiert" in text
