""" "Meine Daten": a person downloads their own data as one JSON file."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from core import personal_data
from councils import services as council_services
from meetings import services as meeting_services
from meetings.models import Invitation, MeetingStatus
from workinggroups import services as wg_services
from workinggroups.models import FindingType

from .. import factories as f

pytestmark = pytest.mark.django_db


def _download(client, user):
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    return response, json.loads(response.content.decode("utf-8"))


def test_it_downloads_the_own_data_as_a_json_attachment(client, world):
    response, data = _download(client, world.wg_member)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="impuls-meine-daten-')
    assert data["schema"] == "impuls.personal-data"
    assert data["schema_version"] == 1
    assert "DSGVO" in data["README"]
    assert data["person"] == {"id": world.wg_member.pk}
    sections = data["sections"]
    assert list(sections) == [
        "account", "cooperation", "meetings", "councils", "workinggroups", "documents",
        "priorities", "participation", "access", "history",
    ]  # fmt: skip
    assert sections["account"]["title"] == "Ihr Konto"
    profile = sections["account"]["data"]["profile"]
    assert profile["username"] == "emil"
    assert profile["email"] == "emil@example.org"
    assert "password" not in profile and "calendar_token" not in profile
    memberships = sections["cooperation"]["data"]["memberships"]
    assert [(m["body"], m["role"], m["partner_represented"]) for m in memberships] == [
        ("AG Verkehrsinfrastruktur", "member", "Stadt Halberstadt")
    ]
    assert memberships[0]["valid_from"] == timezone.localdate().isoformat()
    findings = sections["workinggroups"]["data"]["findings"]
    assert sorted(x["title"] for x in findings) == [
        "Empfehlung: Stundentakt nach Hannover",
        "Entwurf: Taktlücken im Regionalverkehr",
    ]
    history = {row["kind"]: row for row in sections["history"]["data"]}
    assert history["workinggroups.Finding"]["count"] >= 2
    assert "cooperation.Partner" not in history  # never changed a partner


def test_it_holds_only_the_own_rows(client, world):
    wg_services.comment_add(
        finding=world.agreed_finding, author=world.board_member, text="Gute Empfehlung."
    )
    _response, data = _download(client, world.board_member)
    text = json.dumps(data, ensure_ascii=False)
    assert "Gute Empfehlung." in text
    assert "Stundentakt" in text  # the finding the comment is on
    assert "Taktlücken" not in text  # someone else's draft finding
    assert data["sections"]["workinggroups"]["data"]["findings"] == []
    assert "emil@example.org" not in text
    seats = data["sections"]["cooperation"]["data"]["memberships"]
    assert [s["body"] for s in seats] == ["Kooperationsgremium"]


def test_it_exports_the_authored_meeting_items(client, world):
    person = world.board_member
    meeting_services.proposal_create(
        meeting=world.meeting, proposed_by=person, title="Radwegekonzept", actor=person
    )
    meeting_services.minutes_save(
        item=world.public_item, text="Bericht erstattet.", actor=person, expected_version=0
    )
    meeting_services.decision_progress_add(
        decision=world.decision, note="Auftrag erteilt.", status="in_progress", actor=person
    )
    Invitation.objects.create(
        meeting=world.meeting, user=person, email=person.email, kind="invitation", sequence=0
    )
    _response, data = _download(client, person)
    meetings = data["sections"]["meetings"]["data"]
    assert [p["title"] for p in meetings["agenda_proposals"]] == ["Radwegekonzept"]
    assert [m["agenda_item__title"] for m in meetings["minutes_written"]] == [
        "Bericht der Geschäftsstelle"
    ]
    assert [n["note"] for n in meetings["decision_progress_notes"]] == ["Auftrag erteilt."]
    assert [i["email"] for i in meetings["invitations_received"]] == [person.email]
    assert [a["status"] for a in meetings["attendance"]] == ["present"]
    assert meetings["papers_uploaded"] == []


def test_the_office_sees_its_own_uploads_and_decisions(client, world):
    _response, data = _download(client, world.office)
    meetings = data["sections"]["meetings"]["data"]
    assert sorted(p["title"] for p in meetings["papers_uploaded"]) == sorted(
        [world.public_paper.title, "Vertraulich"]
    )
    assert [d["number"] for d in meetings["decisions_recorded"]] == [world.decision.number]


def test_a_person_without_a_role_downloads_too_and_anonymous_users_log_in(client, world):
    _response, data = _download(client, world.no_membership)
    assert data["sections"]["cooperation"]["data"] == {"memberships": [], "staff_links": []}
    client.logout()
    for name in ("my_data", "my_data_download"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_page_lists_the_sections_in_german(client, world):
    client.force_login(world.no_membership)
    response = client.get(reverse("my_data"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Meine Daten herunterladen" in text
    assert "Mitgliedschaften und Partner" in text


def test_it_tells_the_access_log_about_the_export(client, world):
    received = []

    def receiver(sender, user, request, sections, **kwargs):
        received.append((user.pk, sections))

    personal_data.personal_data_exported.connect(receiver)
    try:
        _download(client, world.board_member)
    finally:
        personal_data.personal_data_exported.disconnect(receiver)
    assert received == [(world.board_member.pk, [s.key for s in personal_data.sections()])]


def test_a_registered_section_joins_the_export(client, world):
    personal_data.register("later", lambda user: {"events": [user.pk]}, title="Später")
    try:
        _response, data = _download(client, world.board_member)
    finally:
        personal_data._sections.pop("later")
    assert data["sections"]["later"] == {
        "title": "Später",
        "data": {"events": [world.board_member.pk]},
    }


def test_lists_are_capped(world, monkeypatch):
    monkeypatch.setattr(personal_data, "ROW_LIMIT", 1)
    monkeypatch.setattr(personal_data.take, "__defaults__", (1,))
    data = personal_data.collect(world.wg_member)
    assert len(data["sections"]["workinggroups"]["data"]["findings"]) == 1
    assert "höchstens 1 Einträge" in data["README"]


# --- Query counts: per section the same with one and with many rows ---------------------


def _grow(world, person, n):
    seat = world.board.memberships.get(user=person)
    for i in range(n):
        body = f.BodyFactory()
        f.membership(person, body, Role.MEMBER, partner=world.halberstadt,
                     valid_until=timezone.localdate() + datetime.timedelta(days=i))  # fmt: skip
        f.staff(person, f.PartnerFactory(), position=f"Referent:in {i}")
        # Now: on today's date in Berlin whatever the hour, so the seats are today's
        # (an hour ago was yesterday there between midnight and one o'clock).
        starts = timezone.now()
        meeting = f.MeetingFactory(
            body=world.board, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
            status=MeetingStatus.INVITED,
        )  # fmt: skip
        item = f.AgendaItemFactory(meeting=meeting)
        meeting_services.proposal_create(
            meeting=meeting, proposed_by=person, title=f"Vorschlag {i}", actor=person
        )
        f.PaperFactory(meeting=meeting, agenda_item=item, uploaded_by=person)
        meeting_services.minutes_save(item=item, text="Text", actor=person, expected_version=0)
        meeting_services.attendance_record(
            meeting=meeting, entries=[(seat, "present", None)], actor=world.office
        )
        Invitation.objects.create(
            meeting=meeting, user=person, email=person.email, kind="invitation", sequence=0
        )
        decision = meeting_services.decision_record(
            votes_yes=1, item=item, title=f"Beschluss {i}", text="Beschlossen.", actor=person
        )
        meeting_services.decision_progress_add(
            decision=decision, note="Weiter.", status="in_progress", actor=person
        )
        requirement = council_services.requirement_create(
            decision=decision, scope="named", partners=[world.halberstadt], actor=world.office
        )
        consultation = requirement.consultations.get()
        council_services.consultation_record(
            consultation=consultation,
            data={
                "council_name": consultation.council_name, "planned_date": None,
                "status": "on_agenda", "resolution_number": "", "resolution_date": None,
                "note": "",
            },
            extract=SimpleUploadedFile(f"auszug{i}.pdf", f.PDF_BYTES),
            actor=person,
        )  # fmt: skip
        finding = wg_services.finding_create(
            group=world.working_group, author=person, type=FindingType.OBSTACLE,
            title=f"Befund {i}", text="Text", function_area=world.working_group.function_area,
            actor=person,
        )  # fmt: skip
        wg_services.comment_add(finding=finding, author=person, text=f"Kommentar {i}")


SECTION_QUERIES = {
    "account": 2,
    "cooperation": 2,
    "meetings": 8,
    "councils": 1,
    "workinggroups": 4,
    "documents": 1,
    "priorities": 1,
    "participation": 2,
    "access": 1,
    "history": 1,
}


@pytest.mark.parametrize("rows", [1, 12])
def test_each_section_runs_a_fixed_number_of_queries(world, rows):
    person = world.board_member
    _grow(world, person, rows)
    assert set(SECTION_QUERIES) == {s.key for s in personal_data.sections()}
    for section in personal_data.sections():
        with CaptureQueriesContext(connection) as queries:
            data = section.exporter(person)
        assert len(queries) == SECTION_QUERIES[section.key], (section.key, len(queries))
        assert data
    meetings = personal_data.collect(person)["sections"]["meetings"]["data"]
    assert len(meetings["agenda_proposals"]) == rows
    assert len(meetings["minutes_written"]) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_the_download_runs_a_fixed_number_of_queries(client, world, rows):
    _grow(world, world.board_member, rows)
    client.force_login(world.board_member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    # The session, the user and the second-factor device, every section, and the access
    # log's record of the export.
    assert len(queries) == 3 + sum(SECTION_QUERIES.values()) + 1, len(queries)
