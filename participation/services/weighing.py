"""The office's weighing (Abwägung) of a submitted statement: outcome, reasoning and the
change to the chapter it led to. One weighing per statement, changed until the board
has decided on the weighing (then it is what the board decided, and what is published)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import save_tracked

from ..models import Statement, StatementStatus, Weighing
from .procedures import lock_procedure


def refuse_if_decided(procedure) -> None:
    if procedure.is_published:
        raise Conflict(
            _("The weighing has been published; it can no longer be changed."), code="published"
        )
    if procedure.is_decided:
        raise Conflict(
            _("The board has decided on the weighing; it can no longer be changed."),
            code="decided",
        )


@transaction.atomic
def weighing_save(
    *, statement: Statement, outcome: str, reasoning: str, chapter_change: str = "", actor
) -> Weighing:
    """Record or change the weighing of a submitted statement (409 for a draft, and once
    the board has decided or the table is published)."""
    procedure = lock_procedure(statement.procedure)
    current = Statement.objects.get(pk=statement.pk)
    if current.status != StatementStatus.SUBMITTED:
        raise Conflict(_("Only a submitted statement can be weighed."), code="draft")
    refuse_if_decided(procedure)
    weighing = Weighing.objects.select_for_update().filter(statement=current).first()
    reason = _("Weighing changed")
    if weighing is None:
        weighing = Weighing(statement=current)
        reason = _("Weighed")
    weighing.outcome = outcome
    weighing.reasoning = reasoning
    weighing.chapter_change = chapter_change
    weighing.weighed_by = actor
    save_tracked(weighing, actor=actor, reason=reason)
    return weighing
