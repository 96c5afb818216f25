"""The demo meetings: a consistent year of the board, loadable repeatedly."""

import datetime
import io
import itertools
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cooperation.models import Body, BodyKind, Membership, Role
from demo.papers import demo_pdf
from meetings import selectors
from meetings.models import (
    AgendaItem,
    AgendaProposal,
    AttendanceStatus,
    Decision,
    DecisionStatus,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
    ProposalStatus,
)
from tests.demo.test_seed_demo import row_counts, seed
from tests.factories import callbacks_other_than_pdf_jobs


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module, inside a transaction rolled back at its end.

    Yields the callbacks the seeding scheduled for after the commit (e-mails) and the
    e-mails sent while seeding (the test settings' locmem outbox).
    """
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers, LANGUAGE_CODE="de", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks() as callbacks:
            seed(force=True)
        yield SimpleNamespace(callbacks=callbacks, sent=list(mail.outbox))
        transaction.set_rollback(True)


@pytest.fixture
def board(seeded, db):
    return Body.objects.get(short_code="KG")


def past_meetings(body):
    return list(
        Meeting.objects.filter(body=body, starts_at__lt=timezone.now()).order_by("starts_at")
    )


def test_it_holds_a_year_of_board_meetings_approved_at_the_next_one(board):
    meetings = past_meetings(board)
    today = timezone.localdate()

    assert len(meetings) >= 5
    first = timezone.localtime(meetings[0].starts_at).date()
    assert today - datetime.timedelta(days=366) <= first
    for meeting, following in itertools.pairwise(meetings):
        assert meeting.status == MeetingStatus.MINUTES_APPROVED, meeting
        assert meeting.minutes_approved_in == following
        assert meeting.minutes_approved_on == timezone.localtime(following.starts_at).date()
        assert set(
            Minutes.objects.filter(agenda_item__meeting=meeting).values_list("status", flat=True)
        ) == {MinutesStatus.APPROVED}
    latest = meetings[-1]
    assert latest.status == MeetingStatus.HELD
    assert set(
        Minutes.objects.filter(agenda_item__meeting=latest).values_list("status", flat=True)
    ) == {MinutesStatus.CIRCULATED}


def test_it_writes_minutes_for_every_agenda_item_of_a_past_meeting(board):
    for meeting in past_meetings(board):
        items = list(meeting.agenda_items.all())
        assert 4 <= len(items) <= 7, meeting
        assert [item.position for item in items] == list(range(1, len(items) + 1))
        assert not AgendaItem.objects.filter(meeting=meeting, minutes__isnull=True).exists()
        assert meeting.location or meeting.video_url
        assert timezone.localtime(meeting.starts_at).hour == 14


def test_it_records_attendance_for_every_voting_seat(seeded, db):
    meetings = Meeting.objects.filter(starts_at__lt=timezone.now())
    statuses = set()
    for meeting in meetings:
        seats = {seat.pk for seat in selectors.voting_seats(meeting)}
        attendances = list(meeting.attendances.select_related("represented_by"))

        assert seats, meeting
        assert {a.membership_id for a in attendances} == seats, meeting
        for attendance in attendances:
            if attendance.status == AttendanceStatus.REPRESENTED:
                assert attendance.represented_by.deputy_for_id == attendance.membership_id
        assert selectors.quorum(meeting).reached, meeting
        if meeting.body.is_board:
            statuses |= {a.status for a in attendances}

    assert {
        AttendanceStatus.PRESENT,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.REPRESENTED,
    } <= statuses


def test_it_numbers_the_decisions_of_each_year_without_gaps(board):
    decisions = list(Decision.objects.filter(body=board).order_by("year", "sequence"))
    assert decisions
    years = sorted({d.year for d in decisions})
    for year in years:
        of_year = [d for d in decisions if d.year == year]
        assert [d.sequence for d in of_year] == list(range(1, len(of_year) + 1))
        assert [d.number for d in of_year] == [
            f"KG-{year}/{n:03d}" for n in range(1, len(of_year) + 1)
        ]
    for decision in decisions:
        if decision.agenda_item is None:  # decided by written procedure (demo/procedures.py)
            continue
        meeting = decision.agenda_item.meeting
        assert decision.year == timezone.localtime(meeting.starts_at).year
        assert meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
        assert decision.number in decision.agenda_item.minutes.text


def test_it_follows_up_decisions_overdue_due_soon_and_done(board):
    today = timezone.localdate()
    decisions = Decision.objects.filter(body=board)
    open_statuses = [DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS]

    assert decisions.overdue().exists()
    assert decisions.filter(
        status__in=open_statuses,
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=30),
    ).exists()
    assert {DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS, DecisionStatus.DONE} <= set(
        decisions.values_list("status", flat=True)
    )
    groups = {
        code
        for d in decisions
        for code in d.commissioned_groups.values_list("short_code", flat=True)
    }
    assert len(groups) >= 4


def test_it_logs_progress_by_the_office_or_the_group_leads(board):
    meeting_decisions = Decision.objects.filter(body=board, agenda_item__isnull=False)
    for decision in meeting_decisions.prefetch_related("progress"):
        entries = list(decision.progress.all())
        meeting_day = timezone.localtime(decision.agenda_item.meeting.starts_at).date()
        if decision.status != DecisionStatus.OPEN:
            assert entries, decision
            assert entries[-1].status == decision.status
        leads = set(
            Membership.objects.filter(
                body__in=decision.commissioned_groups.all(), role=Role.LEAD
            ).values_list("user__username", flat=True)
        )
        for entry in entries:
            assert meeting_day < entry.date <= timezone.localdate()
            assert entry.author.username in leads | {"geschaeftsstelle"}


def test_it_records_everything_with_the_office_as_the_acting_user(board):
    meetings = Meeting.objects.filter(body__in=Body.objects.all())
    users = set(
        Meeting.history.filter(id__in=meetings.values("pk")).values_list(
            "history_user__username", flat=True
        )
    )
    assert users == {"geschaeftsstelle"}
    assert set(Decision.objects.values_list("recorded_by__username", flat=True)) == {
        "geschaeftsstelle"
    }
    assert not Minutes.history.filter(history_user__isnull=True).exists()


def test_it_marks_non_public_items_and_their_papers(board):
    confidential = AgendaItem.objects.filter(meeting__body=board, is_public=False)

    assert confidential.filter(meeting__starts_at__lt=timezone.now()).count() >= 2
    assert confidential.filter(meeting__starts_at__gt=timezone.now()).exists()
    assert Paper.objects.filter(agenda_item__in=confidential).exists()


def test_it_invites_to_the_upcoming_meeting_without_sending_mail(seeded, board):
    upcoming = Meeting.objects.filter(body=board).upcoming().get()
    day = timezone.localtime(upcoming.starts_at).date()
    # Everyone on the board that day, deputies and office included.
    invitees = Membership.objects.current(day).filter(body=board)
    assert invitees.filter(role=Role.DEPUTY_MEMBER).exists()

    assert 14 <= (day - timezone.localdate()).days <= 28
    assert upcoming.status == MeetingStatus.INVITED
    assert upcoming.invited_at <= timezone.now()
    assert set(Invitation.objects.filter(meeting=upcoming).values_list("user", flat=True)) == set(
        invitees.values_list("user", flat=True)
    )
    assert upcoming.agenda_items.filter(is_public=False).exists()
    assert upcoming.papers.exists()
    assert not upcoming.attendances.exists()
    # The invitation service ran, but nothing was sent; and nothing waits for the commit
    # but the meeting PDFs handed to the worker (no proposal e-mail).
    assert seeded.sent == []
    assert seeded.callbacks
    assert callbacks_other_than_pdf_jobs(seeded.callbacks) == []


def test_it_shows_a_pending_and_decided_proposals_for_the_upcoming_meeting(board):
    upcoming = Meeting.objects.filter(body=board).upcoming().get()
    proposals = {p.status: p for p in AgendaProposal.objects.filter(meeting=upcoming)}

    assert proposals[ProposalStatus.PENDING].proposed_by.username == "ob.quedlinburg"
    declined = proposals[ProposalStatus.DECLINED]
    assert declined.reason and declined.decided_by.username == "geschaeftsstelle"
    accepted = proposals[ProposalStatus.ACCEPTED]
    assert accepted.agenda_item.meeting == upcoming
    assert accepted.agenda_item.presenter == accepted.proposed_by


def test_it_holds_a_few_working_group_meetings(seeded, db):
    meetings = Meeting.objects.filter(body__kind=BodyKind.WORKING_GROUP)

    assert 2 <= meetings.values("body").distinct().count() <= 3
    for meeting in meetings:
        assert meeting.starts_at < timezone.now()
        assert meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
        assert meeting.attendances.exists()
        assert not AgendaItem.objects.filter(meeting=meeting, minutes__isnull=True).exists()
    assert not Decision.objects.filter(body__kind=BodyKind.WORKING_GROUP).exists()


def test_it_changes_nothing_when_run_a_second_time(seeded, db):
    before = row_counts()

    seed(force=True)

    assert row_counts() == before


def test_it_changes_nothing_when_run_again_on_a_later_day(seeded, db):
    before = row_counts()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=9)):
        seed(force=True)

    assert row_counts() == before


def test_it_makes_papers_that_are_valid_pdfs():
    pdf = demo_pdf("Einladung (Entwurf)", ["Straße – Übersicht", "Zeile mit \\ und )"])

    pypdf = pytest.importorskip("pypdf")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Einladung (Entwurf)" in text
    assert "Straße – Übersicht" in text


PERSONAS = ["ob.halberstadt", "geschaeftsstelle", "ag.mitglied", "admin.wernigerode"]
# Whose non-public items (and decisions on them) each persona sees: the chair sits on
# the board, the office sees every body's, the working-group member is on AGI only,
# the partner administrator and the account without a role on no body.
SEES_NON_PUBLIC = {
    "ob.halberstadt": {"KG"},
    "geschaeftsstelle": "all",
    "ag.mitglied": {"AGI"},
    "admin.wernigerode": set(),
    "ohne.zuordnung": set(),
}


def _sees(username, body) -> bool:
    bodies = SEES_NON_PUBLIC[username]
    return bodies == "all" or body.short_code in bodies


@pytest.mark.parametrize("username", [*PERSONAS, "ohne.zuordnung"])
def test_every_meeting_page_of_the_demo_answers_each_persona_as_specified(
    client, seeded, db, username
):
    client.force_login(User.objects.get(username=username))
    member = username != "ohne.zuordnung"
    # Without any role: the dashboard explains it (200), every other page refuses (403).
    page = 200 if member else 403
    expected = {
        reverse("meetings:meeting_list"): page,
        reverse("meetings:meeting_list") + "?zeitraum=vergangen": page,
        reverse("meetings:decision_list"): page,
        reverse("meetings:decision_list") + "?ueberfaellig=on": page,
        reverse("meetings:calendar_settings"): page,
        reverse("overview:dashboard"): 200,
    }
    for meeting in Meeting.objects.all():
        expected[meeting.get_absolute_url()] = page
        expected[reverse("meetings:meeting_ics", args=[meeting.pk])] = page
    decisions = Decision.objects.select_related("agenda_item", "body")
    for decision in decisions:
        visible = decision.is_public or _sees(username, decision.body)
        expected[decision.get_absolute_url()] = page if visible or not member else 404
    answered = {url: client.get(url).status_code for url in expected}

    assert answered == expected
    if member:
        # The overdue filter is applied: only overdue decisions are listed.
        response = client.get(reverse("meetings:decision_list") + "?ueberfaellig=on")
        listed = list(response.context["page"].object_list)
        assert response.context["filtered"] and listed
        assert {d.pk for d in listed} <= set(decisions.overdue().values_list("pk", flat=True))


def test_a_member_of_another_body_sees_no_non_public_board_content(client, seeded, db):
    client.force_login(User.objects.get(username="ag.mitglied"))
    secret_items = AgendaItem.objects.filter(meeting__body__short_code="KG", is_public=False)
    assert secret_items.exists()
    for item in secret_items:
        page = client.get(item.meeting.get_absolute_url()).content.decode()
        assert item.title not in page
        for paper in item.papers.all():
            response = client.get(reverse_paper(paper))
            assert response.status_code == 404


def reverse_paper(paper):
    return reverse("meetings:paper_download", args=[paper.pk])
