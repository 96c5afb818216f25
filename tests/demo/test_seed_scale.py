"""Scale data: plausible volumes, consistent decision numbers, history, written once."""

import io
import re
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from cooperation.models import Body, BodyKind, Membership, PartnerStaff
from demo.scale import SCALE_USERNAME_PREFIX
from meetings import selectors, services
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionCounter,
    DecisionProgress,
    Meeting,
    MeetingStatus,
    Minutes,
)
from tests.demo.test_seed_demo import row_counts
from workinggroups.models import Finding, FindingStatus

SCALE_TITLE = r"^Sitzung \d+/\d{4} (des|der) "


@pytest.fixture(scope="module")
def scaled(django_db_setup, django_db_blocker, tmp_path_factory):
    """One year of scale data on an empty database (the demo region is loaded first)."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers, LANGUAGE_CODE="de", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        before = row_counts()
        out = io.StringIO()
        call_command("seed_scale", years=1, force=True, stdout=out)
        yield {"before": before, "output": out.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def scale(scaled, db):
    return scaled


def scale_meetings():
    return Meeting.objects.filter(title__regex=SCALE_TITLE)


def test_it_refuses_without_force_when_debug_is_off(db, settings):
    settings.DEBUG = False
    before = row_counts()

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_scale", years=1, stdout=io.StringIO())

    assert row_counts() == before


def test_it_loads_the_demo_region_first_and_reports_what_it_wrote(scale):
    assert "Demoregion fehlt" in scale["output"]
    assert "Skalierungsdaten" in scale["output"]
    assert Body.objects.filter(kind=BodyKind.BOARD, short_code="KG").exists()


def test_one_year_has_a_tenth_of_the_volumes_of_the_issue(scale):
    meetings = scale_meetings()
    items = AgendaItem.objects.filter(meeting__in=meetings)
    decisions = Decision.objects.filter(agenda_item__meeting__in=meetings)

    assert 55 <= meetings.count() <= 65
    assert 520 <= items.count() <= 700
    assert 200 <= decisions.count() <= 320
    assert Finding.objects.count() - scale["before"]["workinggroups.Finding"] >= 500
    assert User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX).count() == 30
    # Both bodies meet: the board six times a year, each working group nine times.
    board_meetings = meetings.filter(body__kind=BodyKind.BOARD).count()
    assert 5 <= board_meetings <= 7
    assert items.filter(is_public=False).exists()
    assert items.filter(is_public=True).count() > items.filter(is_public=False).count()


def test_every_decision_has_a_progress_log_that_ends_in_its_status(scale):
    decisions = Decision.objects.filter(agenda_item__meeting__in=scale_meetings())
    logs = defaultdict(list)
    for entry in DecisionProgress.objects.filter(decision__in=decisions).order_by("date", "pk"):
        logs[entry.decision_id].append(entry)

    for decision in decisions:
        log = logs[decision.pk]
        assert 1 <= len(log) <= 3, decision.number
        assert log[-1].status == decision.status
        assert log[0].date >= decision.agenda_item.meeting.starts_at.date()


def test_findings_are_mostly_agreed_and_belong_to_their_groups_area(scale):
    findings = list(Finding.objects.select_related("group", "central_function"))
    agreed = [f for f in findings if f.status == FindingStatus.AGREED]

    assert len(agreed) > 0.7 * len(findings)
    for finding in findings:
        assert finding.function_area_id == finding.group.function_area_id
        if finding.central_function:
            assert finding.central_function.area_id == finding.function_area_id
    assert Finding.partners.through.objects.exists()
    assert Finding.facilities.through.objects.exists()


def test_decision_numbers_are_unique_gapless_and_match_the_counters(scale):
    sequences = defaultdict(list)
    for decision in Decision.objects.select_related("body"):
        assert decision.number == (
            f"{decision.body.short_code}-{decision.year}/{decision.sequence:03d}"
        )
        if decision.agenda_item_id:  # (the demo's written procedures have none)
            assert decision.year == decision.agenda_item.meeting.starts_at.year
        sequences[(decision.body_id, decision.year)].append(decision.sequence)

    counters = {(c.body_id, c.year): c.last_number for c in DecisionCounter.objects.all()}
    assert set(counters) == set(sequences)
    for key, numbers in sequences.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert counters[key] == len(numbers)


def test_a_decision_recorded_afterwards_gets_the_next_number(scale):
    meeting = scale_meetings().filter(body__kind=BodyKind.BOARD, status=MeetingStatus.HELD).get()
    office = User.objects.get(username="geschaeftsstelle")
    year = meeting.starts_at.year
    counter = DecisionCounter.objects.get(body=meeting.body, year=year)

    decision = services.decision_record(
        item=meeting.agenda_items.last(),
        title="Nachtrag",
        text="Das Kooperationsgremium beschließt einen Nachtrag.",
        votes_yes=5,
        actor=office,
    )

    assert decision.sequence == counter.last_number + 1
    assert decision.number == f"KG-{year}/{counter.last_number + 1:03d}"


def test_held_board_meetings_have_attendance_with_a_quorum(scale):
    held = scale_meetings().filter(
        body__kind=BodyKind.BOARD,
        status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED],
    )
    assert held.exists()
    for meeting in held:
        # Frozen as on the meeting day: one attendance per voting seat of that day.
        assert meeting.quorum_is_frozen
        assert set(meeting.quorum_seat_ids) == set(
            meeting.attendances.values_list("membership_id", flat=True)
        )
        state = selectors.quorum(meeting)
        assert state.seats > 0
        assert meeting.attendances.count() == state.seats
        assert state.reached, meeting
        # Approved meetings have approved minutes for every item.
        if meeting.status == MeetingStatus.MINUTES_APPROVED:
            assert meeting.minutes_approved_in.starts_at > meeting.starts_at
            assert (
                not Minutes.objects.filter(agenda_item__meeting=meeting)
                .exclude(status="approved")
                .exists()
            )


def test_generated_accounts_have_no_password_and_derived_permissions(scale):
    users = User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX)

    assert not any(user.has_usable_password() for user in users)
    assert PartnerStaff.objects.filter(user__in=users).count() == users.count()
    current = Membership.objects.current().filter(user__in=users).select_related("user", "body")
    assert current.exists()
    for membership in current:
        assert membership.user.has_perm("cooperation.act_as_member", membership.body)
    for membership in Membership.objects.filter(user__in=users, valid_until__isnull=False):
        if (
            not Membership.objects.current()
            .filter(user=membership.user, body=membership.body)
            .exists()
        ):
            assert not membership.user.has_perm("cooperation.act_as_member", membership.body)


def test_every_row_has_a_history_record(scale):
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model"):
            continue
        pk_name = model._meta.pk.attname
        missing = model._base_manager.exclude(pk__in=history.model.objects.values(pk_name))
        assert not missing.exists(), model._meta.label
    for owner, field in ((Decision, "commissioned_groups"), (Finding, "partners")):
        through = getattr(owner, field).through
        m2m_history = getattr(owner.history.model, field).model
        assert through.objects.exists()
        assert not through.objects.exclude(id__in=m2m_history.objects.values("id")).exists()


def test_generated_rows_are_dated_like_the_work_they_stand_for(scale):
    meeting = scale_meetings().order_by("starts_at").first()
    record = meeting.history.get()

    assert meeting.created < meeting.starts_at
    assert record.history_date == meeting.created
    assert record.history_change_reason
    assert record.history_user.username == "geschaeftsstelle"
    years = {f.created.year for f in Finding.objects.all()}
    assert len(years) >= 2  # spread over the period, not all "today"
    assert Attendance.objects.filter(meeting=meeting).count() in (0, 5)


def test_a_second_run_writes_nothing(scale):
    before = row_counts()
    out = io.StringIO()

    call_command("seed_scale", years=1, force=True, stdout=out)

    assert row_counts() == before
    assert "bereits vorhanden" in out.getvalue()
    assert re.search(r"nichts geschrieben", out.getvalue())
