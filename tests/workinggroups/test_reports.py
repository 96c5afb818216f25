"""Working-group reports: the lead writes versions and submits them to the board as a PDF."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cooperation.models import Role
from meetings.models import MeetingStatus, Paper
from workinggroups import services as wg_services
from workinggroups.models import WorkingGroupReport

from .. import factories as f

PERIOD = {"period_from": "2026-01-01", "period_until": "2026-03-31"}


@pytest.fixture
def lead(world):
    user = f.UserFactory(username="greta", display_name="AG-Leitung")
    f.membership(user, world.working_group.body, Role.LEAD, partner=world.halberstadt)
    return user


def _report(world, actor=None, **kwargs):
    data = {
        "group": world.working_group,
        "period_from": datetime.date(2026, 1, 1),
        "period_until": datetime.date(2026, 3, 31),
        "summary": "Die AG hat **drei Mal** getagt.",
        "findings": [world.agreed_finding],
        "actor": actor or world.wg_member,
    }
    data.update(kwargs)
    return wg_services.report_create(**data)


def _create_url(world):
    return reverse("workinggroups:report_create", args=[world.working_group.pk])


def _submit(client, report, item):
    return client.post(
        reverse("workinggroups:report_submit", args=[report.pk]),
        {"target": "existing", "agenda_item": item.pk},
    )


def _pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_it_offers_only_the_groups_agreed_findings(client, world, lead):
    client.force_login(lead)
    response = client.get(_create_url(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert world.agreed_finding.title in content
    assert world.draft_finding.title not in content


def test_it_refuses_a_draft_finding_with_400(client, world, lead):
    client.force_login(lead)
    response = client.post(_create_url(world), {**PERIOD, "findings": [world.draft_finding.pk]})
    assert response.status_code == 400
    assert "keine gültige Auswahl" in response.content.decode()
    assert not WorkingGroupReport.objects.exists()


def test_it_refuses_a_period_that_ends_before_it_starts(client, world, lead):
    client.force_login(lead)
    response = client.post(
        _create_url(world), {"period_from": "2026-03-31", "period_until": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "Der Zeitraum darf nicht vor seinem Beginn enden." in response.content.decode()
    assert not WorkingGroupReport.objects.exists()


def test_it_creates_numbered_versions_with_the_task_status(client, world, lead):
    client.force_login(lead)
    first = client.post(
        _create_url(world),
        {**PERIOD, "summary": "Erstes Quartal", "findings": [world.agreed_finding.pk]},
    )
    second = client.post(
        _create_url(world),
        {"period_from": "2026-04-01", "period_until": "2026-06-30", "summary": "Zweites"},
    )
    v1, v2 = world.working_group.reports.order_by("version")
    assert (v1.version, v2.version) == (1, 2)
    assert first.url == v1.get_absolute_url()
    assert second.url == v2.get_absolute_url()
    assert list(v1.findings.all()) == [world.agreed_finding]
    assert list(v2.findings.all()) == []
    assert [task["number"] for task in v1.task_status] == [world.decision.number]


def test_it_shows_the_report_to_the_groups_members(client, world, lead):
    report = _report(world)
    client.force_login(world.wg_member)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Version 1" in content
    assert "1. Januar 2026" in content and "31. März 2026" in content
    assert "<strong>drei Mal</strong>" in content  # Markdown rendered
    assert world.agreed_finding.title in content
    assert world.decision.number in content and world.decision.title in content
    assert "Noch nicht eingereicht" in content
    # Only the lead is offered to submit.
    assert reverse("workinggroups:report_submit", args=[report.pk]) not in content
    client.force_login(lead)
    content = client.get(report.get_absolute_url()).content.decode()
    assert reverse("workinggroups:report_submit", args=[report.pk]) in content


@pytest.mark.parametrize("persona", ["board_member", "admin_halberstadt"])
def test_it_hides_an_unsubmitted_report_from_non_members(client, world, persona):
    report = _report(world)
    client.force_login(getattr(world, persona))
    assert client.get(report.get_absolute_url()).status_code == 404


def test_it_shows_an_unsubmitted_report_to_the_office_that_may_submit_it(client, world):
    report = _report(world)
    client.force_login(world.office)
    content = client.get(report.get_absolute_url()).content.decode()
    assert reverse("workinggroups:report_submit", args=[report.pk]) in content


@pytest.mark.parametrize("persona", ["wg_member", "board_member"])
def test_it_lets_only_the_lead_create_reports(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(_create_url(world)).status_code == 403
    response = client.post(_create_url(world), {**PERIOD})
    assert response.status_code == 403
    assert not WorkingGroupReport.objects.exists()


def test_it_lets_only_the_lead_submit(client, world, lead):
    report = _report(world)
    url = reverse("workinggroups:report_submit", args=[report.pk])
    client.force_login(world.wg_member)
    assert client.get(url).status_code == 403
    assert _submit(client, report, world.public_item).status_code == 403
    # The board member does not even learn that the unsubmitted report exists.
    client.force_login(world.board_member)
    assert _submit(client, report, world.public_item).status_code == 404
    report.refresh_from_db()
    assert report.submitted_at is None
    assert not Paper.objects.filter(title__startswith="Bericht").exists()


def test_it_submits_the_report_as_a_pdf_paper_the_board_sees(client, world, lead):
    report = _report(world)
    client.force_login(lead)
    form = client.get(reverse("workinggroups:report_submit", args=[report.pk]))
    assert form.status_code == 200
    assert "TOP 1: Bericht der Geschäftsstelle" in form.content.decode()

    response = _submit(client, report, world.public_item)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.agenda_item == world.public_item
    assert report.submitted_by == lead
    assert report.submitted_at is not None
    paper = report.paper
    assert paper.title == "Bericht der AG Verkehrsinfrastruktur (Version 1)"
    assert paper.agenda_item == world.public_item
    assert paper.original_name == "bericht-agi-v1.pdf"
    assert report.history.first().history_change_reason == "Dem Kooperationsgremium vorgelegt"

    client.force_login(world.board_member)
    meeting_page = client.get(world.meeting.get_absolute_url())
    assert paper.title in meeting_page.content.decode()
    download = client.get(reverse("meetings:paper_download", args=[paper.pk]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "AG Verkehrsinfrastruktur" in text
    assert world.agreed_finding.title in text
    assert world.decision.number in text


@pytest.mark.parametrize("persona", ["board_member", "admin_wernigerode", "wg_member", "office"])
def test_it_shows_a_submitted_report_to_every_member(client, world, lead, persona):
    report = _report(world)
    wg_services.report_submit(report=report, agenda_item=world.public_item, actor=lead)
    client.force_login(getattr(world, persona))
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert "Eingereicht zu" in response.content.decode()


def test_it_can_add_a_new_agenda_item_for_the_report(client, world, lead):
    report = _report(world)
    client.force_login(lead)
    response = client.post(
        reverse("workinggroups:report_submit", args=[report.pk]),
        {"target": "new", "meeting": world.meeting.pk, "title": "Bericht der AG Verkehr"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    item = report.agenda_item
    assert (item.meeting, item.title, item.position, item.is_public) == (
        world.meeting,
        "Bericht der AG Verkehr",
        3,
        True,
    )
    assert report.paper.agenda_item == item


def test_it_refuses_a_second_submission_with_409(client, world, lead):
    report = _report(world)
    client.force_login(lead)
    assert _submit(client, report, world.public_item).status_code == 302
    response = _submit(client, report, world.public_item)
    assert response.status_code == 409
    assert "bereits eingereicht" in response.content.decode()
    assert Paper.objects.filter(working_group_report__isnull=False).count() == 1
    with pytest.raises(ValidationError) as error:
        wg_services.report_submit(report=report, agenda_item=world.public_item, actor=lead)
    assert error.value.code == "submitted"
    # A new version can go to the board instead.
    second = _report(world, actor=lead)
    assert _submit(client, second, world.public_item).status_code == 302
    assert world.public_item.papers.count() == 3  # the fixture's paper and two reports


def test_it_does_not_offer_items_of_past_or_cancelled_meetings(client, world, lead):
    report = _report(world)
    world.meeting.status = MeetingStatus.CANCELLED
    world.meeting.cancellation_reason = "Krankheit"
    world.meeting.save()
    client.force_login(lead)
    response = _submit(client, report, world.public_item)
    assert response.status_code == 400
    assert "gültige Auswahl" in response.content.decode()
    report.refresh_from_db()
    assert report.submitted_at is None


@pytest.mark.parametrize(
    ("status", "code"),
    [(MeetingStatus.MINUTES_APPROVED, "frozen"), (MeetingStatus.CANCELLED, "cancelled")],
)
def test_it_refuses_meetings_that_take_no_papers(world, lead, status, code):
    report = _report(world)
    world.meeting.status = status
    world.meeting.cancellation_reason = "Krankheit"
    world.meeting.save()
    papers = Paper.objects.count()
    with pytest.raises(ValidationError) as error:
        wg_services.report_submit(report=report, agenda_item=world.public_item, actor=lead)
    assert error.value.code == code
    report.refresh_from_db()
    assert report.submitted_at is None and report.paper is None
    assert Paper.objects.count() == papers


def test_it_offers_non_public_items_only_to_those_who_may_see_them(client, world, lead):
    report = _report(world)
    url = reverse("workinggroups:report_submit", args=[report.pk])
    client.force_login(lead)
    assert "Personalangelegenheit" not in client.get(url).content.decode()
    # Once the lead also sits on the board, the board's non-public items are offered.
    f.membership(lead, world.board, Role.MEMBER, partner=world.halberstadt)
    content = client.get(url).content.decode()
    assert "TOP 2: Personalangelegenheit" in content and "nicht öffentlich" in content


def test_it_keeps_a_non_public_items_title_from_those_outside_the_board(client, world, lead):
    f.membership(lead, world.board, Role.MEMBER, partner=world.halberstadt)
    report = _report(world)
    wg_services.report_submit(report=report, agenda_item=world.confidential_item, actor=lead)
    client.force_login(world.wg_member)
    content = client.get(report.get_absolute_url()).content.decode()
    assert "nicht öffentlichen Tagesordnungspunkt" in content
    assert "Personalangelegenheit" not in content
    assert reverse("meetings:paper_download", args=[report.paper_id]) not in content
    client.force_login(world.board_member)
    content = client.get(report.get_absolute_url()).content.decode()
    assert "TOP 2: Personalangelegenheit" in content
    assert reverse("meetings:paper_download", args=[report.paper_id]) in content


def test_it_keeps_a_report_on_a_non_public_item_from_other_partners(client, world, lead):
    f.membership(lead, world.board, Role.MEMBER, partner=world.halberstadt)
    report = _report(world)
    wg_services.report_submit(report=report, agenda_item=world.confidential_item, actor=lead)
    client.force_login(world.admin_halberstadt)
    assert client.get(report.get_absolute_url()).status_code == 404


def test_it_says_that_a_submitted_report_cannot_be_submitted_again(client, world, lead):
    report = _report(world)
    wg_services.report_submit(report=report, agenda_item=world.public_item, actor=lead)
    client.force_login(lead)
    response = client.get(reverse("workinggroups:report_submit", args=[report.pk]))
    assert response.status_code == 200
    assert "bereits eingereicht" in response.content.decode()
    assert '<form method="post" novalidate' not in response.content.decode()
