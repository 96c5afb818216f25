"""The OParl API and the public pages show a published decision's consultations in the
partners' councils (`impuls:decisions` … `councilApproval`), valid against the schemas;
a council's result changes the `modified` of the item and meeting."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone

from councils import services
from councils.models import Consultation, ConsultationStatus, Scope
from meetings import services as meeting_services
from tests.oparl.crawl import api_root, crawl

pytestmark = pytest.mark.django_db


def _require(world, decision=None):
    return services.requirement_create(
        decision=decision or world.decision,
        scope=Scope.NAMED,
        partners=[world.halberstadt, world.wernigerode],
        planned_date=timezone.localdate() - datetime.timedelta(days=2),
        actor=world.office,
    )


def _approve(consultation, actor):
    services.consultation_record(
        consultation=consultation,
        data={
            "council_name": consultation.council_name,
            "planned_date": consultation.planned_date,
            "status": ConsultationStatus.APPROVED,
            "resolution_number": "SR-2026/114",
            "resolution_date": timezone.localdate(),
            "note": "Nur intern",
        },
        actor=actor,
    )


def test_the_agenda_item_carries_the_councils_of_its_decision(client, world):
    _require(world)
    _approve(Consultation.objects.get(partner=world.halberstadt), world.admin_halberstadt)
    item = client.get(f"/oparl/v1/agendaitem/{world.public_item.pk}/").json()
    [decision] = item["impuls:decisions"]
    approval = decision["councilApproval"]
    assert approval["effect"] == "pending"
    assert approval["effectLabel"] == "Wartet auf die Räte"
    assert approval["rule"] == "all"
    by_name = {c["name"]: c for c in approval["consultations"]}
    assert set(by_name) == {"Stadtrat Halberstadt", "Stadtrat Wernigerode"}
    assert by_name["Stadtrat Halberstadt"]["status"] == "approved"
    assert by_name["Stadtrat Halberstadt"]["resolutionNumber"] == "SR-2026/114"
    assert by_name["Stadtrat Halberstadt"]["organization"] == (
        f"{api_root()}organization/partner-{world.halberstadt.pk}/"
    )
    assert by_name["Stadtrat Wernigerode"]["overdue"] is True
    assert "Nur intern" not in str(item)


def test_the_crawl_stays_valid_and_shows_no_non_public_councils(client, world):
    _require(world)
    hidden = meeting_services.decision_record(
        item=world.confidential_item, title="Vertraulich", text="…", votes_yes=1, actor=world.office
    )
    services.requirement_create(decision=hidden, scope=Scope.ALL, actor=world.office)
    Consultation.objects.filter(requirement__decision=hidden).update(council_name="GEHEIMRAT")
    result = crawl(client)
    assert result.errors == []
    body = b"".join(result.bodies.values()).decode()
    assert "Stadtrat Wernigerode" in body
    assert "GEHEIMRAT" not in body


def test_a_councils_result_changes_the_modified_of_item_and_meeting(client, world):
    _require(world)
    since = timezone.now() + datetime.timedelta(seconds=1)
    url = f"/oparl/v1/meeting/?modified_since={quote(since.isoformat(timespec='seconds'))}"
    assert client.get(url).json()["data"] == []
    with time_machine.travel(since + datetime.timedelta(seconds=5)):
        _approve(Consultation.objects.get(partner=world.wernigerode), world.admin_wernigerode)
    [meeting] = client.get(url).json()["data"]
    assert meeting["id"].endswith(f"/meeting/{world.meeting.pk}/")
