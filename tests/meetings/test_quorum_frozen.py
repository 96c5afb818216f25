"""A held meeting keeps its attendance and quorum as they were on the day: memberships
back-dated later and a changed quorum rule leave them alone, on every page and document."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from cooperation import services as cooperation_services
from cooperation.models import QuorumRule, Role
from documents import council_report as cr
from documents import meeting_documents
from meetings import selectors, services
from meetings.models import AttendanceStatus, Meeting, MeetingStatus

from .. import factories as f

pytestmark = pytest.mark.django_db

REACHED_1_OF_1 = "Beschlussfähig: 1 von 1 stimmberechtigten Sitzen besetzt (1 erforderlich)."


def plain(markup: str) -> str:
    """The text of some HTML, tags removed and white space folded."""
    return " ".join(html.unescape(strip_tags(markup)).split())


def text(response) -> str:
    return plain(response.content.decode())


@pytest.fixture
def held(world):
    """A board meeting earlier today (the world's members joined today): its one voting
    seat present, marked as held."""
    starts = timezone.localtime().replace(hour=0, minute=5, second=0, microsecond=0)
    meeting = f.MeetingFactory(
        body=world.board,
        status=MeetingStatus.INVITED,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    f.AgendaItemFactory(meeting=meeting, position=1, title="Bericht")
    seat = world.board.memberships.get(user=world.board_member)
    services.attendance_record(
        meeting=meeting, entries=[(seat, AttendanceStatus.PRESENT, None)], actor=world.office
    )
    services.meeting_mark_held(meeting=meeting, actor=world.office)
    return meeting


def back_date_a_new_member(world, meeting):
    """A second voting member entered afterwards, valid since before the meeting."""
    late = f.UserFactory(username="ludwig", display_name="Nachgetragenes Mitglied")
    day = timezone.localtime(meeting.starts_at).date()
    return cooperation_services.membership_create(
        user=late,
        body=world.board,
        role=Role.MEMBER,
        partner=world.wernigerode,
        valid_from=day - datetime.timedelta(days=30),
        actor=world.office,
    )


def reload(meeting):
    return Meeting.objects.select_related("body").get(pk=meeting.pk)


def test_it_freezes_the_quorum_when_the_meeting_is_marked_held(world, held):
    meeting = reload(held)

    assert meeting.quorum_is_frozen
    assert meeting.quorum_rule == QuorumRule.MAJORITY_OF_SEATS
    assert meeting.quorum_seat_ids == [world.board.memberships.get(user=world.board_member).pk]
    assert (meeting.quorum_present, meeting.quorum_required) == (1, 1)


def test_it_keeps_the_quorum_when_a_membership_is_back_dated(client, world, held):
    back_date_a_new_member(world, held)
    meeting = reload(held)

    state = selectors.quorum(meeting)
    assert (state.seats, state.present, state.required, state.reached) == (1, 1, 1, True)
    assert [m.user for m in selectors.voting_seats(meeting)] == [world.board_member]

    client.force_login(world.office)
    page = text(client.get(meeting.get_absolute_url()))
    fragment = text(client.get(reverse("meetings:quorum", args=[meeting.pk])))
    assert REACHED_1_OF_1 in page
    assert "Nachgetragenes Mitglied" not in page  # no seat at that meeting
    assert REACHED_1_OF_1 in fragment


def test_it_keeps_the_quorum_rule_of_the_meeting_day(client, world, held):
    cooperation_services.body_update(
        body=world.board, data={"quorum_rule": QuorumRule.NONE}, actor=world.office
    )
    meeting = reload(held)

    assert selectors.quorum(meeting).rule == QuorumRule.MAJORITY_OF_SEATS
    client.force_login(world.office)
    page = text(client.get(meeting.get_absolute_url()))
    assert REACHED_1_OF_1 in page
    assert "keine Beschlussfähigkeit erforderlich" not in page


def test_the_minutes_and_the_council_report_use_the_frozen_quorum(world, held):
    back_date_a_new_member(world, held)
    cooperation_services.body_update(
        body=world.board, data={"quorum_rule": QuorumRule.TWO_THIRDS_OF_SEATS}, actor=world.office
    )
    meeting = reload(held)

    minutes = plain(
        meeting_documents.render_html(
            meeting,
            kind="minutes",
            edition="internal",
            created=timezone.now(),
            author="Geschäftsstelle",
        )
    )
    assert REACHED_1_OF_1 in minutes
    assert "Nachgetragenes Mitglied" not in minutes

    today = timezone.localdate()
    data = cr.collect(
        cr.ReportParams(
            period_from=today - datetime.timedelta(days=30),
            period_until=today,
            partner_id=None,
            edition="internal",
        )
    )
    [entry] = [m for m in data.meetings if m.anchor == f"meeting-{meeting.pk}"]
    assert (entry.seats, entry.seats_present, entry.required) == (1, 1, 1)
    assert entry.unrecorded == []


def test_a_decision_after_the_meeting_counts_the_frozen_quorum(world, held):
    back_date_a_new_member(world, held)
    item = held.agenda_items.get()

    decision = services.decision_record(
        item=item, title="Nachtrag", text="Beschlossen.", votes_yes=1, actor=world.office
    )

    assert decision.quorum_override_reason == ""


def test_an_attendance_correction_before_approval_updates_the_count_only(world, held):
    back_date_a_new_member(world, held)
    seat = world.board.memberships.get(user=world.board_member)

    services.attendance_record(
        meeting=reload(held),
        entries=[(seat, AttendanceStatus.EXCUSED, None)],
        actor=world.office,
    )

    state = selectors.quorum(reload(held))
    assert (state.seats, state.present, state.required, state.reached) == (1, 0, 1, False)
