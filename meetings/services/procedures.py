"""Writes for written procedures (Umlaufverfahren): start, vote, object, remind, close.

Closing takes the body's next decision number under the same locked counter as a
meeting's decision (`decisions._next_number`), and locks the procedure row first, so
two people (or the worker and a person) closing at once produce exactly one decision.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import default_task_backend, task

from cooperation.models import (
    VOTING_ROLES,
    DeputyRule,
    Membership,
    ObjectionRule,
    Role,
    rules_for,
)
from core.errors import Conflict
from core.i18n import portal_language
from core.links import absolute_url
from core.timezone import BERLIN
from core.tracking import save_tracked
from core.uploads import store_upload

from ..models import (
    Decision,
    ProcedurePaper,
    ProcedureStatus,
    VoteChoice,
    WrittenProcedure,
    WrittenVote,
)
from .decisions import _next_number
from .invitations import _one_line, _plain_text

logger = logging.getLogger(__name__)

# The reminder goes out this long before the deadline (to the seats not yet voted).
REMINDER_BEFORE = datetime.timedelta(days=2)
# A procedure runs at least this long and at most this long.
SHORTEST_RUN = datetime.timedelta(hours=24)
LONGEST_RUN = datetime.timedelta(days=90)


def _refuse_unless_running(procedure: WrittenProcedure, now=None) -> None:
    if not procedure.accepts_votes(now):
        raise Conflict(
            _("The written procedure has ended; nothing can be changed any more."),
            code="procedure_ended",
        )


def _mail(procedure: WrittenProcedure, users, *, template: str, subject, papers=()) -> int:
    """Plain-text e-mails with the link to the procedure. A failing mail server does not
    undo the procedure (the page shows it to every member); it is logged."""
    attachments = []
    for paper in papers:
        with paper.file.open("rb") as handle:
            attachments.append((paper.original_name, handle.read(), paper.content_type))
    messages = []
    with portal_language():
        for user in users:
            if not user.email or not user.is_active:
                continue
            body = _plain_text(
                template,
                {
                    "procedure": procedure,
                    "user": user,
                    "deadline": timezone.localtime(procedure.deadline, BERLIN),
                    "url": absolute_url(procedure.get_absolute_url()),
                },
            )
            message = EmailMessage(
                subject=_one_line(str(subject) % {"title": procedure.title}),
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
            )
            for attachment in attachments:
                message.attach(*attachment)
            messages.append(message)
    if not messages:
        return 0
    try:
        get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Written procedure %s: e-mails could not be sent", procedure.pk)
        return 0
    return len(messages)


def _seat_people(votes) -> list:
    """The holders of the seats, and the deputies where the holder declared absence
    (`seat__deputies__user` prefetched)."""
    people = []
    for vote in votes:
        if vote.holder_absent:
            people.extend(d.user for d in vote.seat.deputies.all() if d.is_current())
        else:
            people.append(vote.seat.user)
    return people


@transaction.atomic
def procedure_start(
    *, body, title: str, text: str, deadline, kind: str, actor, papers=(), notify=True
) -> WrittenProcedure:
    """Start a written procedure on the body: every current voting seat gets a ballot
    and (unless `notify` is off: the demo data) an e-mail with the link and the papers
    (`papers`: (title, uploaded file) pairs); the worker is asked to remind and to
    close it."""
    rules = rules_for(body)
    if not rules.written_procedure_allowed:
        raise Conflict(
            _("The rules of procedure of this body do not allow written procedures."),
            code="not_allowed",
        )
    now = timezone.now()
    if deadline < now + SHORTEST_RUN or deadline > now + LONGEST_RUN:
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline must lie between one day and 90 days from now, so that "
                    "every member can vote."
                )
            },
            code="deadline_range",
        )
    seats = list(
        Membership.objects.current(timezone.localdate())
        .filter(body=body, role__in=VOTING_ROLES)
        .select_related("user")
        .order_by("pk")
    )
    if not seats:
        raise Conflict(_("The body has no voting seats."), code="no_seats")
    procedure = WrittenProcedure(
        body=body,
        title=title,
        text=text,
        kind=kind,
        deadline=deadline,
        majority=rules.written_procedure_majority,
        objection_rule=rules.written_procedure_objection,
        votes_open=rules.written_votes_open,
        started_by=actor,
    )
    save_tracked(procedure, actor=actor, reason=_("Written procedure started"))
    votes = []
    for seat in seats:
        vote = WrittenVote(procedure=procedure, seat=seat)
        save_tracked(vote, actor=actor)
        votes.append(vote)
    stored = [
        procedure_paper_add(procedure=procedure, title=paper_title, uploaded_file=file, actor=actor)
        for paper_title, file in papers
    ]
    pk = procedure.pk

    def send():
        _mail(
            procedure,
            _seat_people(votes),
            template="meetings/email/procedure_started.txt",
            subject=gettext_lazy("Written procedure: %(title)s"),
            papers=stored,
        )

    def schedule():
        _schedule(pk, deadline)

    if notify:
        transaction.on_commit(send)
    transaction.on_commit(schedule)
    return procedure


def _schedule(pk: int, deadline) -> None:
    """Ask the worker to remind before and to close at the deadline. A backend that
    cannot defer (the tests' immediate one) leaves it to `close_written_procedures`,
    which the worker's deployment runs regularly as well (README)."""
    if not default_task_backend.supports_defer:
        return
    remind_at = deadline - REMINDER_BEFORE
    if remind_at > timezone.now():
        remind_written_procedure.using(run_after=remind_at).enqueue(pk)
    close_written_procedure.using(run_after=deadline).enqueue(pk)


def may_vote_for(user, vote: WrittenVote, deputy_rule: str) -> bool:
    """The seat's holder, unless they declared absence; then their deputy (or, where
    the rules allow it, any current deputy of the body)."""
    seat = vote.seat
    if not vote.holder_absent:
        return seat.user_id == user.pk
    deputies = Membership.objects.current().filter(body_id=seat.body_id, user=user)
    if deputy_rule == DeputyRule.ANY_MEMBER:
        return deputies.filter(role=Role.DEPUTY_MEMBER).exists()
    return deputies.filter(deputy_for=seat).exists()


@transaction.atomic
def procedure_vote(*, procedure: WrittenProcedure, vote: WrittenVote, choice: str, actor):
    """Cast or change the vote of one seat (until the deadline). When every seat has
    voted, the procedure closes itself."""
    procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
    _refuse_unless_running(procedure)
    vote = WrittenVote.objects.select_related("seat__user").get(pk=vote.pk, procedure=procedure)
    if not may_vote_for(actor, vote, rules_for(procedure.body).deputy_rule):
        raise PermissionDenied
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Please choose yes, no or abstention.")}, code="choice")
    changed = vote.has_voted and vote.choice != choice
    vote.choice = choice
    vote.cast_by = actor
    vote.cast_at = timezone.now()
    save_tracked(
        vote,
        actor=actor,
        reason=_("Vote changed") if changed else _("Vote cast"),
        update_fields=["choice", "cast_by", "cast_at"],
    )
    if not procedure.votes.filter(choice="").exists():
        procedure_close(procedure=procedure, actor=actor)
    return vote


def procedure_paper_add(*, procedure: WrittenProcedure, title: str, uploaded_file, actor):
    """A paper for the running procedure (checked and stored by `store_upload`)."""
    _refuse_unless_running(procedure)
    paper = ProcedurePaper(procedure=procedure, title=title)
    store_upload(paper, uploaded_file, actor=actor)
    return paper


@transaction.atomic
def procedure_declare_absence(*, procedure: WrittenProcedure, vote: WrittenVote, actor):
    """The seat's holder hands the vote to their deputy for this procedure."""
    procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
    _refuse_unless_running(procedure)
    vote = WrittenVote.objects.get(pk=vote.pk, procedure=procedure)
    if vote.seat.user_id != actor.pk:
        raise PermissionDenied
    if vote.holder_absent:
        return vote
    vote.holder_absent = True
    save_tracked(
        vote,
        actor=actor,
        reason=_("Absence declared: the deputy votes"),
        update_fields=["holder_absent"],
    )
    vote = (
        WrittenVote.objects.select_related("seat__user")
        .prefetch_related("seat__deputies__user")
        .get(pk=vote.pk)
    )
    deputies = _seat_people([vote])
    transaction.on_commit(
        lambda: _mail(
            procedure,
            deputies,
            template="meetings/email/procedure_absence.txt",
            subject=gettext_lazy("Please vote as deputy – written procedure: %(title)s"),
        )
    )
    return vote


@transaction.atomic
def procedure_object(*, procedure: WrittenProcedure, membership, reason: str, actor):
    """A member objects to the procedure itself. Where the rules say so, that ends it
    (no decision; the subject goes to the next meeting)."""
    procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
    _refuse_unless_running(procedure)
    if membership.user_id != actor.pk or membership.body_id != procedure.body_id:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Please give a reason for the objection.")}, code="reason"
        )
    if procedure.objected_by_id:
        raise Conflict(_("An objection has already been recorded."), code="objected")
    procedure.objected_by = membership
    procedure.objection_reason = reason
    fields = ["objected_by", "objection_reason"]
    if procedure.objection_rule == ObjectionRule.ANY_MEMBER:
        procedure.status = ProcedureStatus.ENDED_BY_OBJECTION
        procedure.closed_at = timezone.now()
        fields += ["status", "closed_at"]
    save_tracked(procedure, actor=actor, reason=_("Objection"), update_fields=fields)
    return procedure


def tally(procedure: WrittenProcedure) -> dict[str, int]:
    counts = dict.fromkeys(VoteChoice.values, 0)
    for choice in procedure.votes.exclude(choice="").values_list("choice", flat=True):
        counts[choice] += 1
    return counts


@transaction.atomic
def procedure_close(*, procedure: WrittenProcedure, actor=None, now=None) -> WrittenProcedure:
    """Record the result as the body's next decision: at the deadline, or earlier once
    every seat has voted. Locks the procedure first: whoever comes second finds it
    decided and gets it back unchanged (exactly one decision, no gap)."""
    now = now or timezone.now()
    procedure = (
        WrittenProcedure.objects.select_for_update()
        .select_related("body", "started_by")
        .get(pk=procedure.pk)
    )
    if not procedure.is_running:
        return procedure
    waiting = procedure.votes.filter(choice="").count()
    if waiting and now < procedure.deadline:
        raise Conflict(
            _("%(n)d seats have not voted yet and the deadline has not passed.") % {"n": waiting},
            code="still_running",
        )
    actor = actor or procedure.started_by
    # Recorded by whoever started it (the office), whoever closes it (the last voter,
    # the worker, the office): the history names the closer.
    recorded_by = procedure.started_by
    counts = tally(procedure)
    seats = procedure.votes.count()
    year = timezone.localtime(now, BERLIN).year
    sequence = _next_number(procedure.body, year, actor)
    decision = Decision(
        body=procedure.body,
        year=year,
        sequence=sequence,
        agenda_item=None,
        title=procedure.title,
        text=procedure.text,
        kind=procedure.kind,
        majority=procedure.majority,
        seats=seats,
        votes_yes=counts[VoteChoice.YES],
        votes_no=counts[VoteChoice.NO],
        votes_abstain=counts[VoteChoice.ABSTAIN],
        recorded_by=recorded_by,
    )
    decision.result = decision.computed_result()
    decision.number = decision.format_number()
    save_tracked(decision, actor=actor, reason=_("Decided by written procedure"))
    not_voting = [v.seat for v in procedure.votes.filter(choice="").select_related("seat")]
    if not_voting:
        decision._history_user = actor
        decision.not_voting.set(not_voting)
    procedure.status = ProcedureStatus.DECIDED
    procedure.closed_at = now
    procedure.decision = decision
    save_tracked(
        procedure,
        actor=actor,
        reason=_("Written procedure closed"),
        update_fields=["status", "closed_at", "decision"],
    )
    return procedure


@transaction.atomic
def procedure_remind(*, procedure: WrittenProcedure, now=None) -> int:
    """Remind the seats that have not voted yet (once, before the deadline)."""
    now = now or timezone.now()
    procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
    if not procedure.accepts_votes(now) or procedure.reminded_at is not None:
        return 0
    waiting = list(
        procedure.votes.filter(choice="")
        .select_related("seat__user")
        .prefetch_related("seat__deputies__user")
    )
    procedure.reminded_at = now
    save_tracked(
        procedure,
        actor=procedure.started_by,
        reason=_("Reminder sent"),
        update_fields=["reminded_at"],
    )
    people = _seat_people(waiting)
    transaction.on_commit(
        lambda: _mail(
            procedure,
            people,
            template="meetings/email/procedure_reminder.txt",
            subject=gettext_lazy("Reminder – written procedure: %(title)s"),
        )
    )
    return len(people)


def procedures_due(now=None) -> tuple[list[int], list[int]]:
    """(to remind, to close): running procedures whose reminder or deadline is due."""
    now = now or timezone.now()
    running = WrittenProcedure.objects.filter(status=ProcedureStatus.RUNNING)
    remind = running.filter(
        reminded_at__isnull=True, deadline__gt=now, deadline__lte=now + REMINDER_BEFORE
    )
    close = running.filter(deadline__lte=now)
    return list(remind.values_list("pk", flat=True)), list(close.values_list("pk", flat=True))


# The worker's tasks (re-exported by `meetings.tasks`): enqueued with `run_after` when
# a procedure starts; `close_written_procedures` does the same for whatever is due.


@task()
def remind_written_procedure(pk: int) -> int:
    procedure = WrittenProcedure.objects.filter(pk=pk).first()
    return procedure_remind(procedure=procedure) if procedure else 0


@task()
def close_written_procedure(pk: int) -> str:
    procedure = WrittenProcedure.objects.filter(pk=pk).first()
    if procedure is None:
        return "missing"
    try:
        return procedure_close(procedure=procedure).status
    except Conflict:  # run before the deadline (and not every seat voted): not yet
        return procedure.status
