"""Writes for decisions: recording with the next number, and the progress log."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import BodyKind, DecisionKind, rules_for
from core.errors import Conflict
from core.tracking import save_tracked

from ..models import (
    AgendaItem,
    Decision,
    DecisionCounter,
    DecisionProgress,
    DecisionResult,
)
from ..selectors.quorum import quorum
from .meetings import refuse_if_closed


def _next_number(body, year: int, actor) -> int:
    """Lock the body's counter for the year and take the next number.

    The counter row is created first in its own savepoint (two people may create
    it at once; the loser simply reads it), then locked with SELECT … FOR UPDATE
    until the surrounding transaction ends, so numbers are unique and gapless:
    a failed recording rolls its number back with everything else.
    """
    if not DecisionCounter.objects.filter(body=body, year=year).exists():
        try:
            with transaction.atomic():
                counter = DecisionCounter(body=body, year=year)
                counter._history_user = actor
                counter.save()
        except IntegrityError:
            pass  # someone else created it a moment ago
    counter = DecisionCounter.objects.select_for_update().get(body=body, year=year)
    counter.last_number += 1
    counter._history_user = actor
    counter.save(update_fields=["last_number", "modified"])
    return counter.last_number


def refuse_task_if_rejected(decision: Decision, commissioned_groups) -> None:
    """A rejected motion commissions nothing: refuse a due date or working groups on
    one (the office sees the result the votes give and can check the count)."""
    if decision.result != DecisionResult.REJECTED:
        return
    message = _(
        "With %(yes)d yes, %(no)d no and %(abstain)d abstentions the motion is rejected "
        "(required: %(majority)s). A rejected motion commissions no working group and has "
        "no due date: please remove them, or check the vote."
    ) % {
        "yes": decision.votes_yes,
        "no": decision.votes_no,
        "abstain": decision.votes_abstain,
        "majority": decision.get_majority_display(),
    }
    errors = {}
    if commissioned_groups:
        errors["commissioned_groups"] = message
    if decision.due_date:
        errors["due_date"] = message
    if errors:
        raise ValidationError(errors, code="rejected_no_task")


@transaction.atomic
def decision_record(
    *,
    item: AgendaItem,
    title: str,
    text: str,
    actor,
    votes_yes: int = 0,
    votes_no: int = 0,
    votes_abstain: int = 0,
    kind: str = DecisionKind.ORDINARY,
    not_voting=(),
    commissioned_groups=(),
    due_date: datetime.date | None = None,
    quorum_override_reason: str = "",
    may_override_quorum: bool = False,
) -> Decision:
    """Record a decision on an agenda item with the next number of the body and year.

    The result (adopted / rejected) follows from the votes, the majority the body's
    rules of procedure require for the `kind` of decision and the meeting's voting
    seats (`Decision.computed_result`). A rejected motion is recorded too and keeps
    its number, but it is no task: it commissions no working group and has no due
    date."""
    meeting = item.meeting
    refuse_if_closed(meeting)
    if not meeting.accepts_decisions:
        raise ValidationError(
            _("Decisions are recorded for a meeting that takes or took place."), code="status"
        )
    state = quorum(meeting)
    if not state.reached:
        if not quorum_override_reason.strip():
            raise ValidationError(
                {
                    "quorum_override_reason": _(
                        "The body does not have a quorum (%(present)d of %(seats)d seats "
                        "present, %(required)d required). Only the chair can record the "
                        "decision anyway, with a reason."
                    )
                    % {"present": state.present, "seats": state.seats, "required": state.required}
                },
                code="no_quorum",
            )
        if not may_override_quorum:
            raise ValidationError(
                {"quorum_override_reason": _("Only the chair can decide without a quorum.")},
                code="override_not_allowed",
            )
    body = meeting.body
    year = timezone.localtime(meeting.starts_at).year
    sequence = _next_number(body, year, actor)
    decision = Decision(
        body=body,
        year=year,
        sequence=sequence,
        agenda_item=item,
        title=title,
        text=text,
        votes_yes=votes_yes,
        votes_no=votes_no,
        votes_abstain=votes_abstain,
        kind=kind,
        majority=rules_for(body).majority_for(kind),
        seats=state.seats,
        due_date=due_date,
        quorum_override_reason=quorum_override_reason if not state.reached else "",
        recorded_by=actor,
    )
    decision.result = decision.computed_result()
    refuse_task_if_rejected(decision, commissioned_groups)
    decision.number = decision.format_number()
    save_tracked(decision, actor=actor)
    if not_voting:
        decision._history_user = actor
        decision.not_voting.set(not_voting)
    if commissioned_groups:
        if any(group.kind != BodyKind.WORKING_GROUP for group in commissioned_groups):
            raise ValidationError(
                {"commissioned_groups": _("Only working groups can be commissioned.")},
                code="not_a_working_group",
            )
        decision._history_user = actor
        decision.commissioned_groups.set(commissioned_groups)
    return decision


@transaction.atomic
def decision_progress_add(*, decision: Decision, note: str, status: str, actor, date=None):
    if decision.is_rejected:
        raise Conflict(
            _("The motion was rejected: it is no task and has no progress log."),
            code="rejected",
        )
    entry = DecisionProgress(
        decision=decision,
        author=actor,
        note=note,
        status=status,
        date=date or timezone.localdate(),
    )
    save_tracked(entry, actor=actor)
    if decision.status != status:
        decision.status = status
        save_tracked(decision, actor=actor, reason=_("Progress recorded"), update_fields=["status"])
    return entry
