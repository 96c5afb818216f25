"""Rules of procedure as data: the majority arithmetic on its boundaries, the result
a decision gets when it is recorded (and keeps), a rejected motion that is no task,
and the rules page (members read it, the office edits it, the history shows it)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cooperation import services as cooperation_services
from cooperation.models import (
    DecisionKind,
    DeputyRule,
    Majority,
    QuorumRule,
    Role,
    RulesOfProcedure,
    majority_reached,
    rules_for,
)
from meetings import selectors, services
from meetings.models import AttendanceStatus, Decision, DecisionResult, MeetingStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


# --- The arithmetic ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("majority", "yes", "no", "abstain", "seats", "adopted"),
    [
        # Simple majority of the votes cast: a tie fails, abstentions do not count.
        (Majority.SIMPLE, 3, 3, 0, 9, False),
        (Majority.SIMPLE, 4, 3, 0, 9, True),
        (Majority.SIMPLE, 1, 0, 8, 9, True),
        (Majority.SIMPLE, 0, 0, 9, 9, False),  # only abstentions: nothing adopted
        (Majority.SIMPLE, 0, 0, 0, 9, False),
        # Absolute majority of the seats: more than half of all voting seats.
        (Majority.ABSOLUTE_OF_SEATS, 5, 0, 0, 10, False),  # exactly half
        (Majority.ABSOLUTE_OF_SEATS, 6, 0, 0, 10, True),
        (Majority.ABSOLUTE_OF_SEATS, 5, 0, 0, 9, True),
        (Majority.ABSOLUTE_OF_SEATS, 4, 0, 3, 9, False),  # abstentions are no yes votes
        # Two thirds of the votes cast: at least two thirds.
        (Majority.TWO_THIRDS_OF_VOTES, 2, 1, 0, 9, True),
        (Majority.TWO_THIRDS_OF_VOTES, 5, 3, 0, 9, False),
        (Majority.TWO_THIRDS_OF_VOTES, 6, 3, 5, 14, True),
        # Two thirds of the seats.
        (Majority.TWO_THIRDS_OF_SEATS, 6, 0, 0, 9, True),
        (Majority.TWO_THIRDS_OF_SEATS, 5, 0, 0, 9, False),
        (Majority.TWO_THIRDS_OF_SEATS, 7, 0, 0, 10, True),
        (Majority.TWO_THIRDS_OF_SEATS, 6, 0, 0, 10, False),
        # Unanimity of the votes cast: abstentions do not prevent it, one no does.
        (Majority.UNANIMITY, 5, 0, 4, 9, True),
        (Majority.UNANIMITY, 8, 1, 0, 9, False),
        (Majority.UNANIMITY, 0, 0, 9, 9, False),  # nobody voted yes
    ],
)
def test_it_decides_the_majority_on_its_boundaries(majority, yes, no, abstain, seats, adopted):
    assert majority_reached(majority, yes=yes, no=no, abstain=abstain, seats=seats) is adopted


votes = st.integers(min_value=0, max_value=40)


@hypothesis_settings(max_examples=200, deadline=None)
@given(yes=votes, no=votes, abstain=votes, extra_seats=votes, majority=st.sampled_from(Majority))
def test_it_never_adopts_a_tie_and_stricter_rules_imply_the_simple_one(
    yes, no, abstain, extra_seats, majority
):
    seats = yes + no + abstain + extra_seats  # never fewer seats than votes
    reached = majority_reached(majority, yes=yes, no=no, abstain=abstain, seats=seats)
    if yes == no:
        assert not reached  # a tie (also 0:0) is never a majority
    if reached:
        # Whatever the rule, an adopted motion has more yes than no votes.
        assert majority_reached(Majority.SIMPLE, yes=yes, no=no, abstain=abstain, seats=seats)
    # More abstentions never turn a rejection of votes cast into adoption, and vice versa.
    if majority in (Majority.SIMPLE, Majority.TWO_THIRDS_OF_VOTES, Majority.UNANIMITY):
        assert reached == majority_reached(
            majority, yes=yes, no=no, abstain=abstain + 1, seats=seats + 1
        )


# --- The result on record -----------------------------------------------------------


def board_meeting(*, members: int, present: int, represented: int = 0, rules: dict | None = None):
    """A board with `members` voting seats, `present` of them present in person and
    `represented` more by their own deputies (who also attend); an invited meeting with
    one item. Returns (body, item, office)."""
    office = f.UserFactory()
    body = f.BodyFactory(quorum_rule=QuorumRule.NONE)
    f.membership(office, body, Role.OFFICE)
    if rules:
        cooperation_services.rules_of_procedure_update(body=body, data=rules, actor=office)
    seats = [f.membership(f.UserFactory(), body, Role.MEMBER) for _ in range(members)]
    entries = [(seat, AttendanceStatus.PRESENT, None) for seat in seats[:present]]
    for seat in seats[present : present + represented]:
        deputy = f.membership(f.UserFactory(), body, Role.DEPUTY_MEMBER, deputy_for=seat)
        entries.append((seat, AttendanceStatus.REPRESENTED, deputy))
    meeting = f.MeetingFactory(body=body, status=MeetingStatus.INVITED)
    services.attendance_record(meeting=meeting, entries=entries, actor=office)
    item = f.AgendaItemFactory(meeting=meeting)
    return body, item, office


def record(item, office, **kwargs):
    kwargs.setdefault("title", "Antrag")
    kwargs.setdefault("text", "Der Antrag.")
    return services.decision_record(item=item, actor=office, **kwargs)


def test_it_records_a_tie_as_rejected_and_keeps_its_number():
    _body, item, office = board_meeting(members=4, present=4)
    first = record(item, office, votes_yes=2, votes_no=2)
    second = record(item, office, votes_yes=3, votes_no=1)

    first.refresh_from_db()
    assert first.result == DecisionResult.REJECTED
    assert second.result == DecisionResult.ADOPTED
    # The rejected motion has its number in the gapless series, as councils do it.
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.majority == Majority.SIMPLE and first.seats == 4


def test_it_counts_represented_seats_for_the_absolute_majority_of_seats():
    # 7 seats: 2 present in person, 2 represented by their deputies. 4 yes votes are
    # more than half of the 7 seats, 3 are not: the deputies vote in their member's place.
    _body, item, office = board_meeting(
        members=7,
        present=2,
        represented=2,
        rules={"majority_contract": Majority.ABSOLUTE_OF_SEATS},
    )
    assert selectors.quorum(item.meeting).present == 4
    adopted = record(item, office, kind=DecisionKind.CONTRACT, votes_yes=4)
    rejected = record(item, office, kind=DecisionKind.CONTRACT, votes_yes=3, votes_abstain=1)
    ordinary = record(item, office, votes_yes=3, votes_abstain=1)

    assert (adopted.result, adopted.seats, adopted.majority) == (
        DecisionResult.ADOPTED,
        7,
        Majority.ABSOLUTE_OF_SEATS,
    )
    assert rejected.result == DecisionResult.REJECTED
    # The same votes on an ordinary decision: a simple majority is enough.
    assert ordinary.result == DecisionResult.ADOPTED


def test_it_adopts_unanimously_despite_abstentions_but_not_against_one_no():
    _body, item, office = board_meeting(
        members=5, present=5, rules={"majority_rules": Majority.UNANIMITY}
    )
    adopted = record(item, office, kind=DecisionKind.RULES, votes_yes=3, votes_abstain=2)
    rejected = record(item, office, kind=DecisionKind.RULES, votes_yes=4, votes_no=1)
    assert adopted.result == DecisionResult.ADOPTED
    assert rejected.result == DecisionResult.REJECTED


def test_it_keeps_the_result_when_the_rules_change_later():
    body, item, office = board_meeting(members=3, present=3)
    decision = record(item, office, votes_yes=2, votes_no=1)
    cooperation_services.rules_of_procedure_update(
        body=body, data={"majority_ordinary": Majority.UNANIMITY}, actor=office
    )
    decision.refresh_from_db()
    assert (decision.result, decision.majority) == (DecisionResult.ADOPTED, Majority.SIMPLE)
    assert decision.computed_result() == DecisionResult.ADOPTED


def test_it_lets_any_deputy_stand_in_only_where_the_rules_say_so():
    body, item, office = board_meeting(members=2, present=0)
    first, second = body.memberships.filter(role=Role.MEMBER).order_by("pk")
    deputy = f.membership(f.UserFactory(), body, Role.DEPUTY_MEMBER, deputy_for=first)
    meeting = item.meeting
    with pytest.raises(ValidationError):
        services.attendance_record(
            meeting=meeting,
            entries=[(second, AttendanceStatus.REPRESENTED, deputy)],
            actor=office,
        )
    cooperation_services.rules_of_procedure_update(
        body=body, data={"deputy_rule": DeputyRule.ANY_MEMBER}, actor=office
    )
    body.refresh_from_db()
    meeting.body = body
    services.attendance_record(
        meeting=meeting, entries=[(second, AttendanceStatus.REPRESENTED, deputy)], actor=office
    )
    # Still one vote per deputy: never two seats at once.
    with pytest.raises(ValidationError):
        services.attendance_record(
            meeting=meeting,
            entries=[
                (first, AttendanceStatus.REPRESENTED, deputy),
                (second, AttendanceStatus.REPRESENTED, deputy),
            ],
            actor=office,
        )


# --- A rejected motion is no task -------------------------------------------------


def test_it_refuses_a_due_date_or_a_working_group_on_a_rejected_motion(world):
    group = world.working_group.body
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            item=world.public_item,
            title="Abgelehnt",
            text="Text",
            votes_no=1,
            due_date=timezone.localdate() + datetime.timedelta(days=3),
            commissioned_groups=[group],
            actor=world.office,
        )
    assert set(error.value.message_dict) == {"due_date", "commissioned_groups"}
    assert not Decision.objects.filter(title="Abgelehnt").exists()


def test_it_shows_a_rejected_motion_but_never_as_open_or_overdue(client, world):
    rejected = services.decision_record(
        item=world.public_item, title="Abgelehnter Antrag", text="Text", votes_no=1,
        actor=world.office,
    )  # fmt: skip
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # Even with a due date that lies in the past (say, set in the admin), it is no task.
    Decision.objects.filter(pk=rejected.pk).update(due_date=yesterday)
    rejected.refresh_from_db()
    assert not rejected.is_overdue()
    assert rejected not in Decision.objects.still_open()
    assert rejected not in Decision.objects.overdue()
    assert rejected not in selectors.due_for_user(world.board_member)

    client.force_login(world.board_member)
    follow_up = client.get(reverse("meetings:decision_list") + "?ueberfaellig=on")
    assert "Abgelehnter Antrag" not in follow_up.content.decode()
    listed = client.get(reverse("meetings:decision_list")).content.decode()
    assert "Abgelehnter Antrag" in listed and "Abgelehnt</span>" in listed
    page = client.get(rejected.get_absolute_url()).content.decode()
    assert "Abgelehnt" in page and "Einfache Mehrheit der abgegebenen Stimmen" in page
    assert reverse("meetings:decision_progress", args=[rejected.pk]) not in page
    dashboard = client.get(reverse("overview:dashboard")).content.decode()
    due_section = dashboard.split('aria-labelledby="due-decisions"')[1].split("</section>")[0]
    assert "Abgelehnter Antrag" not in due_section  # the change feed may name it, not "due"

    client.force_login(world.office)
    progress = client.post(
        reverse("meetings:decision_progress", args=[rejected.pk]),
        {"date": timezone.localdate().isoformat(), "status": "done", "note": "x"},
    )
    assert progress.status_code == 403


def test_it_shows_the_result_on_the_public_page_and_in_the_api(client, world):
    page = client.get(reverse("public:decision_detail", args=[world.decision.pk]))
    assert page.status_code == 200
    assert "Angenommen" in page.content.decode()

    item = client.get(f"/oparl/v1/agendaitem/{world.public_item.pk}/").json()
    [decision] = item["impuls:decisions"]
    assert (decision["result"], decision["resultLabel"]) == ("adopted", "Angenommen")
    assert decision["majorityRequired"] == Majority.SIMPLE
    assert decision["votingSeats"] == 1


# --- The rules page ---------------------------------------------------------------


def rules_url(body):
    return reverse("cooperation:rules_of_procedure", args=[body.pk])


def edit_url(body):
    return reverse("cooperation:rules_of_procedure_update", args=[body.pk])


def rules_data(**overrides):
    data = {
        "quorum_rule": QuorumRule.TWO_THIRDS_OF_SEATS,
        "majority_ordinary": Majority.SIMPLE,
        "majority_financial": Majority.ABSOLUTE_OF_SEATS,
        "majority_contract": Majority.TWO_THIRDS_OF_SEATS,
        "majority_rules": Majority.UNANIMITY,
        "deputy_rule": DeputyRule.OWN_MEMBER,
        "written_procedure_allowed": "on",
        "written_procedure_majority": Majority.ABSOLUTE_OF_SEATS,
        "written_procedure_objection": "any_member",
    }
    data.update(overrides)
    return data


def test_members_read_the_defaults_before_the_office_sets_rules(client, world):
    assert rules_for(world.board).pk is None
    client.force_login(world.board_member)
    response = client.get(rules_url(world.board))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Einfache Mehrheit der abgegebenen Stimmen" in content
    assert edit_url(world.board) not in content  # members read, they do not edit


def test_the_office_edits_the_rules_and_the_history_shows_it(client, world):
    client.force_login(world.office)
    response = client.post(edit_url(world.board), rules_data())
    assert response.status_code == 302
    rules = RulesOfProcedure.objects.get(body=world.board)
    world.board.refresh_from_db()
    assert world.board.quorum_rule == QuorumRule.TWO_THIRDS_OF_SEATS  # its one home
    assert rules.majority_contract == Majority.TWO_THIRDS_OF_SEATS
    assert rules.written_procedure_allowed
    assert rules.history.get().history_user == world.office

    client.post(edit_url(world.board), rules_data(majority_ordinary=Majority.ABSOLUTE_OF_SEATS))
    page = client.get(rules_url(world.board)).content.decode()
    assert "Änderungsverlauf" in page
    assert "Geschäftsordnung geändert" in page  # the change reason
    assert "Beschlussfähigkeit" in page  # the quorum rule's change, from the body's history
    assert "Absolute Mehrheit der stimmberechtigten Sitze" in page
    assert rules.history.count() == 2


def test_it_refuses_an_unknown_majority_and_changes_nothing(client, world):
    client.force_login(world.office)
    response = client.post(edit_url(world.board), rules_data(majority_ordinary="most"))
    assert response.status_code == 400
    assert not RulesOfProcedure.objects.filter(body=world.board).exists()
    world.board.refresh_from_db()
    assert world.board.quorum_rule == QuorumRule.MAJORITY_OF_SEATS


def test_a_member_may_not_edit_the_rules(client, world):
    client.force_login(world.board_member)
    assert client.get(edit_url(world.board)).status_code == 403
    assert client.post(edit_url(world.board), rules_data()).status_code == 403
    assert not RulesOfProcedure.objects.filter(body=world.board).exists()
