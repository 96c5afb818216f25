"""Written procedures (Umlaufverfahren): from the start (e-mails to every voting seat)
through votes under a fresh second factor, vote changes, absence and deputies,
objection, reminders and the deadline to the decision in the body's number series;
and two people closing at once (PostgreSQL) giving exactly one decision."""

import datetime
import io
import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.second_factor import VERIFIED_AT_SESSION_KEY
from cooperation import services as cooperation_services
from cooperation.models import Majority, ObjectionRule, Role
from core.errors import Conflict
from meetings import services
from meetings.models import (
    Decision,
    DecisionCounter,
    DecisionResult,
    ProcedureStatus,
    VoteChoice,
    WrittenProcedure,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def pdf(name):
    return SimpleUploadedFile(name, f.PDF_BYTES, content_type="application/pdf")


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def board_with_seats(n=3, *, short_code="UV", **rules):
    """A board with `n` voting members (one with a deputy) whose rules allow written
    procedures (absolute majority of seats, any member's objection ends one)."""
    office = f.UserFactory(username=f"office_{short_code.lower()}", email="office@example.org")
    body = f.BodyFactory(short_code=short_code)
    f.membership(office, body, Role.OFFICE)
    members = [
        f.UserFactory(username=f"{short_code.lower()}_m{i}", email=f"m{i}@example.org")
        for i in range(n)
    ]
    seats = [f.membership(user, body, Role.MEMBER) for user in members]
    deputy = f.UserFactory(username=f"{short_code.lower()}_dep", email="dep@example.org")
    f.membership(deputy, body, Role.DEPUTY_MEMBER, deputy_for=seats[0])
    cooperation_services.rules_of_procedure_update(
        body=body,
        data={
            "written_procedure_allowed": True,
            "written_procedure_majority": Majority.ABSOLUTE_OF_SEATS,
            "written_procedure_objection": ObjectionRule.ANY_MEMBER,
            **rules,
        },
        actor=office,
    )
    return body, office, members, deputy


def start(body, office, *, days=7, title="Zuschuss Bahnhofsumfeld"):
    return services.procedure_start(
        body=body,
        title=title,
        text="Das Gremium stimmt dem Zuschuss zu.",
        deadline=in_days(days),
        kind="financial",
        actor=office,
    )


def vote_of(procedure, user):
    return procedure.votes.get(seat__user=user)


def cast(procedure, user, choice, *, seat_user=None):
    return services.procedure_vote(
        procedure=procedure, vote=vote_of(procedure, seat_user or user), choice=choice, actor=user
    )


def test_it_refuses_a_written_procedure_the_rules_do_not_allow(client, world):
    with pytest.raises(Conflict):
        start(world.board, world.office)
    client.force_login(world.office)
    url = reverse("meetings:procedure_create", args=[world.board.pk])
    page = client.get(url).content.decode()
    assert "lässt keine Umlaufverfahren zu" in page
    deadline = timezone.localtime(in_days(7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"title": "Zuschuss", "text": "Text", "kind": "ordinary", "deadline": deadline}
    )
    assert response.status_code == 409
    assert not WrittenProcedure.objects.exists()


def test_it_refuses_a_deadline_out_of_range(django_capture_on_commit_callbacks):
    body, office, _members, _deputy = board_with_seats()
    for days in (0, 91):
        with pytest.raises(ValidationError) as error:
            start(body, office, days=days)
        assert "deadline" in error.value.message_dict
    assert not WrittenProcedure.objects.exists()


def test_it_asks_every_voting_seat_by_email(django_capture_on_commit_callbacks):
    body, office, _members, _deputy = board_with_seats()
    with django_capture_on_commit_callbacks(execute=True):
        procedure = start(body, office)
    assert procedure.votes.count() == 3
    assert procedure.majority == Majority.ABSOLUTE_OF_SEATS  # from the rules at the start
    assert sorted(m.to[0] for m in mail.outbox) == [
        "m0@example.org",
        "m1@example.org",
        "m2@example.org",
    ]
    message = mail.outbox[0]
    assert "Umlaufverfahren" in message.subject and "Zuschuss Bahnhofsumfeld" in message.subject
    assert procedure.get_absolute_url() in message.body
    assert procedure.history.get().history_user == office


def test_from_start_to_decision_with_a_vote_change(client, django_capture_on_commit_callbacks):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office)
    counter_before = DecisionCounter.objects.filter(body=body).count()

    cast(procedure, members[0], VoteChoice.NO)
    cast(procedure, members[0], VoteChoice.YES)  # changed before the deadline
    cast(procedure, members[1], VoteChoice.YES)

    # The office sees who has voted, not how (votes are secret until the end).
    client.force_login(office)
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert "2 von 3 Sitzen haben abgestimmt." in page
    assert "Ja-Stimmen" not in page and "2 Ja, 0 Nein" not in page

    cast(procedure, members[2], VoteChoice.ABSTAIN)  # the last seat: it closes itself
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.DECIDED
    decision = procedure.decision
    year = timezone.localtime(timezone.now()).year
    assert decision.number == f"UV-{year}/001"
    assert (decision.votes_yes, decision.votes_no, decision.votes_abstain) == (2, 0, 1)
    # Absolute majority of 3 seats: 2 yes votes are enough.
    assert (decision.result, decision.majority, decision.seats) == (
        DecisionResult.ADOPTED,
        Majority.ABSOLUTE_OF_SEATS,
        3,
    )
    assert decision.agenda_item is None and decision.kind == "financial"
    assert counter_before == 0
    # Every step is in the history: the change of the vote, the close.
    first = vote_of(procedure, members[0])
    assert [r.history_change_reason for r in first.history.order_by("history_id")] == [
        None,
        "Stimme abgegeben",
        "Stimme geändert",
    ]
    assert procedure.history.first().history_change_reason == "Umlaufverfahren abgeschlossen"

    # Now how each seat voted is shown; the decision page names the procedure.
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert "2 Ja, 0 Nein, 1 Enthaltungen" in page
    decision_page = client.get(decision.get_absolute_url())
    assert decision_page.status_code == 200
    assert procedure.get_absolute_url() in decision_page.content.decode()
    # A procedure's decision is not published (it hangs on no public agenda item).
    assert decision not in Decision.objects.published()
    assert decision not in Decision.objects.public()


def test_votes_are_shown_while_running_where_the_rules_make_them_open(client):
    body, office, members, _deputy = board_with_seats(written_votes_open=True)
    procedure = start(body, office)
    cast(procedure, members[1], VoteChoice.NO)
    client.force_login(office)
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert "0 Ja, 1 Nein, 0 Enthaltungen" in page


def test_a_vote_needs_a_fresh_second_factor(client):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office)
    vote = vote_of(procedure, members[1])
    url = reverse("meetings:procedure_vote", args=[procedure.pk, vote.pk])
    client.force_login(members[1])
    session = client.session
    session[VERIFIED_AT_SESSION_KEY] = time.time() - 24 * 3600
    session.save()

    response = client.post(url, {"choice": "yes"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_verify"))
    vote.refresh_from_db()
    assert vote.choice == ""

    client.force_login(members[1])  # verified just now
    response = client.post(url, {"choice": "yes"})
    assert response.status_code == 302
    vote.refresh_from_db()
    assert (vote.choice, vote.cast_by) == ("yes", members[1])


def test_only_the_holder_votes_or_the_deputy_after_a_declared_absence(
    client, django_capture_on_commit_callbacks
):
    body, office, members, deputy = board_with_seats()
    procedure = start(body, office)
    seat_vote = vote_of(procedure, members[0])
    url = reverse("meetings:procedure_vote", args=[procedure.pk, seat_vote.pk])

    client.force_login(deputy)
    assert client.post(url, {"choice": "no"}).status_code == 403
    client.force_login(members[1])
    assert client.post(url, {"choice": "no"}).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        services.procedure_declare_absence(procedure=procedure, vote=seat_vote, actor=members[0])
    # The deputy is told by e-mail.
    assert [m.to for m in mail.outbox] == [["dep@example.org"]]
    assert "Stellvertretung" in mail.outbox[0].subject
    with pytest.raises(PermissionDenied):
        cast(procedure, members[0], VoteChoice.YES)  # the holder handed it over
    client.force_login(deputy)
    assert client.post(url, {"choice": "no"}).status_code == 302
    seat_vote.refresh_from_db()
    assert (seat_vote.choice, seat_vote.cast_by) == ("no", deputy)
    # A bad choice: 400, nothing changed.
    assert client.post(url, {"choice": "vielleicht"}).status_code == 400
    seat_vote.refresh_from_db()
    assert seat_vote.choice == "no"


def test_an_objection_ends_the_procedure_where_the_rules_say_so(client):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office)
    cast(procedure, members[1], VoteChoice.YES)
    client.force_login(members[2])
    url = reverse("meetings:procedure_objection", args=[procedure.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Das gehört in die Sitzung."})
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ENDED_BY_OBJECTION
    assert procedure.objected_by.user == members[2]
    assert procedure.decision is None
    with pytest.raises(Conflict):
        cast(procedure, members[0], VoteChoice.YES)
    # Closing it later records nothing: no decision, no number used.
    services.procedure_close(procedure=procedure, actor=office)
    assert not Decision.objects.filter(body=body).exists()


def test_an_objection_is_only_recorded_where_the_rules_let_it_stand():
    body, office, members, _deputy = board_with_seats(
        written_procedure_objection=ObjectionRule.NONE
    )
    procedure = start(body, office)
    membership = body.memberships.get(user=members[2])
    services.procedure_object(
        procedure=procedure, membership=membership, reason="Bedenken.", actor=members[2]
    )
    procedure.refresh_from_db()
    assert procedure.is_running and procedure.objected_by == membership


def test_reminders_go_to_the_seats_that_have_not_voted(django_capture_on_commit_callbacks):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office, days=1.5)  # inside the reminder window
    cast(procedure, members[0], VoteChoice.YES)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_written_procedures", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["m1@example.org", "m2@example.org"]
    assert "Erinnerung" in mail.outbox[0].subject
    # Once only.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_written_procedures", stdout=io.StringIO())
    assert mail.outbox == []


def test_at_the_deadline_the_worker_records_the_result_with_the_seats_not_voting():
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office)
    cast(procedure, members[0], VoteChoice.YES)
    # The office cannot close it early: seats are missing and the deadline has not passed.
    with pytest.raises(Conflict):
        services.procedure_close(procedure=procedure, actor=office)
    WrittenProcedure.objects.filter(pk=procedure.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("close_written_procedures", stdout=io.StringIO())
    procedure.refresh_from_db()
    decision = procedure.decision
    # 1 yes of 3 seats is no absolute majority: rejected, with its number.
    assert decision.result == DecisionResult.REJECTED
    assert decision.sequence == 1 and decision.recorded_by == office
    assert {s.user for s in decision.not_voting.all()} == {members[1], members[2]}
    # Closing again (a second worker, the office) adds nothing.
    services.procedure_close(procedure=procedure, actor=office)
    assert Decision.objects.filter(body=body).count() == 1


def test_the_task_closes_the_procedure(django_capture_on_commit_callbacks):
    from meetings.tasks import close_written_procedure

    body, office, _members, _deputy = board_with_seats()
    procedure = start(body, office)
    assert close_written_procedure.call(procedure.pk) == ProcedureStatus.RUNNING  # too early
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=timezone.now())
    assert close_written_procedure.call(procedure.pk) == ProcedureStatus.DECIDED


def test_other_members_do_not_see_a_procedure_and_only_the_office_closes_it(client, world):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office)
    client.force_login(world.board_member)  # a member of another body
    assert client.get(procedure.get_absolute_url()).status_code == 404
    client.force_login(members[0])
    assert client.get(procedure.get_absolute_url()).status_code == 200
    close_url = reverse("meetings:procedure_close", args=[procedure.pk])
    assert client.post(close_url, {}).status_code == 403
    client.force_login(office)
    assert client.post(close_url, {}).status_code == 409  # still running, seats missing
    assert not Decision.objects.filter(body=body).exists()


def test_the_office_starts_one_on_the_page(client, django_capture_on_commit_callbacks):
    body, office, members, _deputy = board_with_seats()
    client.force_login(office)
    url = reverse("meetings:procedure_create", args=[body.pk])
    assert client.get(url).status_code == 200
    deadline = timezone.localtime(in_days(7)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "Zuschuss", "text": "Text", "kind": "ordinary", "deadline": deadline}
    # A paper needs a title: 400, nothing started, no mail.
    response = client.post(url, {**data, "paper": pdf("plan.pdf")})
    assert response.status_code == 400
    assert not WrittenProcedure.objects.exists() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "paper_title": "Kostenplan", "paper": pdf("plan.pdf")})
    procedure = WrittenProcedure.objects.get()
    assert response.status_code == 302 and response.url == procedure.get_absolute_url()
    assert len(mail.outbox) == 3
    # The e-mail carries the paper; the page lists it for the members.
    assert [name for name, _content, _type in mail.outbox[0].attachments] == ["plan.pdf"]
    [paper] = procedure.papers.all()
    client.force_login(members[1])
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert reverse("meetings:procedure_paper_download", args=[paper.pk]) in page
    download = client.get(reverse("meetings:procedure_paper_download", args=[paper.pk]))
    assert download.status_code == 200
    client.force_login(members[0])
    assert client.get(url).status_code == 403


# --- PostgreSQL: two people closing at once ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_people_closing_at_once_produce_exactly_one_decision():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (row locks between parallel transactions).")
    body, office, members, _deputy = board_with_seats(short_code="PAR")
    procedure = start(body, office)
    cast(procedure, members[0], VoteChoice.YES)
    cast(procedure, members[1], VoteChoice.YES)
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=timezone.now())
    pk, office_pk = procedure.pk, office.pk
    start_line = threading.Barrier(4)
    results, errors = [], []

    def closing():
        from django.db import connection

        from accounts.models import User

        try:
            user = User.objects.get(pk=office_pk)
            start_line.wait(timeout=30)
            closed = services.procedure_close(procedure=WrittenProcedure(pk=pk), actor=user)
            results.append(closed.decision_id)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=closing) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    decisions = list(Decision.objects.filter(body=body))
    assert len(decisions) == 1
    assert set(results) == {decisions[0].pk}
    year = timezone.localtime(timezone.now()).year
    assert decisions[0].number == f"PAR-{year}/001"
    assert DecisionCounter.objects.get(body=body, year=year).last_number == 1


def test_the_database_worker_is_asked_to_remind_and_to_close_at_the_deadline(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]}
    }
    body, office, _members, _deputy = board_with_seats()
    with django_capture_on_commit_callbacks(execute=True):
        procedure = start(body, office)
    queued = {
        row.task_path.rsplit(".", 1)[1]: row.run_after
        for row in DBTaskResult.objects.filter(args_kwargs__args=[procedure.pk])
    }
    assert queued == {
        "close_written_procedure": procedure.deadline,
        "remind_written_procedure": procedure.deadline - datetime.timedelta(days=2),
    }


def test_a_procedure_decision_is_found_by_the_bodys_members_only(client, world):
    from search.selectors import search

    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office, title="Zuschuss Bahnhofsumfeld Thale")
    for member in members:
        cast(procedure, member, VoteChoice.YES)
    procedure.refresh_from_db()
    titles = [hit.title for hit in search("Bahnhofsumfeld", user=members[0]).hits]
    assert str(procedure.decision) in titles
    assert search("Bahnhofsumfeld", user=world.board_member).hits == []
    assert search("Bahnhofsumfeld", user=None).hits == []
    client.force_login(members[0])
    page = client.get(reverse("search:results") + "?q=Bahnhofsumfeld")
    assert page.status_code == 200 and procedure.decision.number in page.content.decode()


def test_the_members_pages_show_a_procedure_decision(client):
    body, office, members, _deputy = board_with_seats()
    procedure = start(body, office, title="Umlaufbeschluss Radweg")
    for member in members:
        cast(procedure, member, VoteChoice.NO)
    procedure.refresh_from_db()
    decision = procedure.decision
    assert decision.result == DecisionResult.REJECTED
    for user in (members[0], office):
        client.force_login(user)
        listed = client.get(reverse("meetings:decision_list"))
        assert listed.status_code == 200 and decision.number in listed.content.decode()
        for name in ("overview:dashboard", "overview:overview", "meetings:procedure_list"):
            assert client.get(reverse(name)).status_code == 200, name
        assert client.get(decision.get_absolute_url()).status_code == 200
