"""The demo findings: every working group has found something, and the board hears of it."""

import datetime

import pytest
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cooperation.models import BodyKind
from functions.models import FunctionArea
from meetings.models import MeetingStatus, Paper
from overview.models import ConceptChapter
from tests.demo.test_seed_demo import row_counts, seed
from tests.factories import callbacks_other_than_pdf_jobs
from workinggroups.models import (
    Finding,
    FindingComment,
    FindingStatus,
    FindingType,
    WorkingGroup,
    WorkingGroupReport,
)


@pytest.fixture(scope="module")
def seeded_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, seeded_media):
    """Seed once for the module, inside a transaction rolled back at its end.

    Yields the callbacks the seeding scheduled for after the commit (e-mails).
    """
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = seeded_media
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers, LANGUAGE_CODE="de", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks() as callbacks:
            seed(force=True)
        yield callbacks
        transaction.set_rollback(True)


def test_it_records_findings_in_all_six_function_areas(seeded, db):
    areas = set(FunctionArea.objects.values_list("name", flat=True))
    assert len(areas) == 6
    for group in WorkingGroup.objects.select_related("body", "function_area"):
        findings = list(group.findings.all())
        assert 3 <= len(findings) <= 5, group
        # A group writes about its own function area.
        assert {f.function_area_id for f in findings} == {group.function_area_id}, group
    assert set(Finding.objects.values_list("function_area__name", flat=True)) == areas


def test_it_mixes_every_type_and_every_status(seeded, db):
    assert set(Finding.objects.values_list("type", flat=True)) == set(FindingType.values)
    assert set(Finding.objects.values_list("status", flat=True)) == set(FindingStatus.values)
    agreed = Finding.objects.filter(status=FindingStatus.AGREED).count()
    assert agreed >= Finding.objects.count() // 3


def test_it_links_findings_to_functions_facilities_and_partners(seeded, db):
    ice = Finding.objects.get(title="Kein Fernverkehrshalt in der Region")
    assert ice.type == FindingType.OBSTACLE
    assert ice.central_function.name == "IC-/EC-/ICE-Bahnhöfe"
    assert "Magdeburg" in ice.text and "Hannover" in ice.text

    theatre = Finding.objects.get(group__body__short_code="AGK", type=FindingType.INVENTORY)
    assert {f.name for f in theatre.facilities.all()} >= {
        "Nordharzer Städtebundtheater – Großes Haus",
        "Nordharzer Städtebundtheater – Theater Quedlinburg",
    }
    doctors = Finding.objects.filter(central_function__name="Fachärzte")
    assert doctors.filter(facilities__isnull=False).exists()
    assert {p.short_name for p in doctors.first().partners.all()}
    # Linked facilities belong to the function the finding is about.
    for finding in Finding.objects.filter(central_function__isnull=False):
        for facility in finding.facilities.all():
            assert facility.central_function_id == finding.central_function_id, finding


def test_it_lets_members_write_and_leads_agree(seeded, db):
    for finding in Finding.objects.select_related("group__body", "author"):
        members = set(finding.group.body.memberships.values_list("user__username", flat=True))
        assert finding.author.username in members, finding
        if finding.status == FindingStatus.AGREED:
            last = finding.history.order_by("-history_date", "-history_id").first()
            assert last.history_user.username.startswith("ag.") and (
                last.history_user.username.endswith(".leitung")
            ), finding


def test_it_holds_a_discussion_with_a_member_of_another_group(seeded, db):
    finding = Finding.objects.filter(comments__isnull=False).distinct().get()
    comments = list(finding.comments.select_related("author"))

    assert finding.status == FindingStatus.DISCUSSION
    assert len(comments) >= 3
    assert len({c.author_id for c in comments}) == len(comments)
    group_members = set(finding.group.body.memberships.values_list("user_id", flat=True))
    assert any(c.author_id not in group_members for c in comments)
    assert FindingComment.objects.count() == len(comments)


def test_it_submits_a_report_to_the_upcoming_board_meeting(seeded, db, settings, seeded_media):
    settings.MEDIA_ROOT = seeded_media  # where the seeding stored the paper
    report = WorkingGroupReport.objects.select_related(
        "group__body", "agenda_item__meeting__body", "paper", "submitted_by"
    ).get()
    meeting = report.agenda_item.meeting
    today = timezone.localdate()

    assert report.group.body.short_code == "AGG"
    assert report.version == 1
    assert today - datetime.timedelta(days=200) <= report.period_from
    assert report.period_from <= today - datetime.timedelta(days=170)
    assert report.period_until == today
    assert meeting.body.kind == BodyKind.BOARD
    assert meeting.status == MeetingStatus.INVITED
    assert meeting.starts_at > timezone.now()
    assert report.submitted_at is not None
    assert report.submitted_by.username == "ag.gesundheit.leitung"
    findings = list(report.findings.all())
    assert len(findings) >= 2
    assert all(f.status == FindingStatus.AGREED and f.group_id == report.group_id for f in findings)
    paper = Paper.objects.get(pk=report.paper_id)
    assert paper.agenda_item_id == report.agenda_item_id
    assert paper.meeting_id == meeting.pk
    with paper.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_it_writes_two_chapters_that_cite_agreed_findings(seeded, db):
    chapters = list(ConceptChapter.objects.order_by("position"))

    assert [c.position for c in chapters] == [1, 2]
    health = chapters[1]
    assert "Gesundheit" in health.title
    assert {a.name for a in health.function_areas.all()} == {"Gesundheits- und Sozialwesen"}
    for chapter in chapters:
        cited = list(chapter.findings.all())
        assert cited, chapter
        assert all(f.status == FindingStatus.AGREED for f in cited)
    assert chapters[0].function_areas.count() == 6
    assert {f.group.body.short_code for f in health.findings.all()} == {"AGG"}


def test_it_sends_no_email(seeded, db):
    # Only the meeting PDFs wait for the commit (handed to the worker), no e-mail.
    assert callbacks_other_than_pdf_jobs(seeded) == []


def test_it_changes_nothing_when_run_a_second_time(seeded, db):
    before = row_counts()

    seed(force=True)

    assert row_counts() == before


# The bodies each persona belongs to (the office has the office role in every body).
MEMBER_OF = {
    "ag.gesundheit.mitglied": {"AGG"},
    "ag.gesundheit.leitung": {"AGG"},
    "ag.mitglied": {"AGI"},
    "ob.halberstadt": {"KG"},
    "geschaeftsstelle": "all",
    "admin.wernigerode": set(),
    "ohne.zuordnung": set(),
}


def _member(username, body) -> bool:
    bodies = MEMBER_OF[username]
    return bodies == "all" or body.short_code in bodies


def _report_status(username, report) -> int:
    """Unsubmitted: the group's own (its lead and the office are members too).
    Submitted to a non-public item: the group and those who see the board's items."""
    if report.submitted_at is None:
        return 200 if _member(username, report.group.body) else 404
    item = report.agenda_item
    if item is not None and not item.is_public:
        visible = _member(username, report.group.body) or _member(username, item.meeting.body)
        return 200 if visible else 404
    return 200


@pytest.mark.parametrize("username", list(MEMBER_OF))
def test_every_working_group_page_of_the_demo_answers_each_persona_as_specified(
    client, seeded, db, username
):
    client.force_login(User.objects.get(username=username))
    member = username != "ohne.zuordnung"
    page = 200 if member else 403  # no role: every page refuses
    expected = {
        reverse("workinggroups:finding_list"): page,
        reverse("workinggroups:matrix"): page,
        reverse("overview:overview"): page,
    }
    for group in WorkingGroup.objects.select_related("body"):
        expected[group.get_absolute_url()] = page
    for finding in Finding.objects.select_related("group__body"):
        # Drafts are the group's own.
        visible = finding.status != FindingStatus.DRAFT or _member(username, finding.group.body)
        expected[finding.get_absolute_url()] = page if visible or not member else 404
    reports = WorkingGroupReport.objects.select_related("group__body", "agenda_item__meeting__body")
    for report in reports:
        expected[report.get_absolute_url()] = _report_status(username, report) if member else 403
    for chapter in ConceptChapter.objects.all():
        expected[chapter.get_absolute_url()] = page
    answered = {url: client.get(url).status_code for url in expected}

    assert answered == expected


def test_a_member_of_another_group_never_sees_a_draft(client, seeded, db):
    drafts = Finding.objects.filter(status=FindingStatus.DRAFT).exclude(
        group__body__memberships__user__username="ag.mitglied"
    )
    assert drafts.exists()
    client.force_login(User.objects.get(username="ag.mitglied"))
    listing = client.get(reverse("workinggroups:finding_list") + "?seite=1").content.decode()
    matrix = client.get(reverse("workinggroups:matrix")).content.decode()
    for draft in drafts:
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.title not in listing
        assert draft.title not in matrix
