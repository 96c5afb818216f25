"""The board's part: the weighing goes on an upcoming board meeting's agenda, and the
board's decision on that item is linked to the procedure. `link the decision` is the one
home for "decided" (`ParticipationProcedure.is_decided`): from then on the weighing is
frozen and the office may publish it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cooperation.models import Body, BodyKind
from core.errors import Conflict
from core.i18n import portal_language
from core.tracking import save_tracked
from meetings.models import AgendaItem, Decision, Meeting
from meetings.services import agenda_item_create

from ..models import ParticipationProcedure
from .procedures import lock_procedure


def the_board() -> Body | None:
    return Body.objects.filter(kind=BodyKind.BOARD, is_active=True).order_by("pk").first()


def upcoming_board_meetings():
    """The board's meetings not held yet whose agenda still changes, soonest first."""
    board = the_board()
    if board is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(body=board, ends_at__gte=timezone.now())
        .accepting_reports()
        .open()
        .order_by("starts_at", "pk")
    )


def agenda_item_title(procedure: ParticipationProcedure) -> str:
    """The item's title, in the portal's language whoever puts it on the agenda."""
    with portal_language():
        title = _("Weighing of the statements: %(title)s") % {"title": procedure.title}
    return Truncator(title).chars(250)


def agenda_item_description() -> str:
    with portal_language():
        return _(
            "The board decides on the office's weighing of the statements submitted in the "
            "participation procedure. The members find the statements, their weighing and "
            "the weighing table on the procedure's page; they are published after the decision."
        )


@transaction.atomic
def procedure_agenda_item_create(
    *, procedure: ParticipationProcedure, meeting: Meeting, actor
) -> AgendaItem:
    """Put the weighing on the agenda of an upcoming board meeting (a public item).
    Refused (409) before the period has ended, and once it is on an agenda or decided."""
    current = lock_procedure(procedure)
    if not current.has_ended():
        raise Conflict(
            _("The weighing goes to the board once the period for statements has ended."),
            code="running",
        )
    if current.is_decided:
        raise Conflict(_("The board has already decided on the weighing."), code="decided")
    if current.agenda_item_id is not None:
        raise Conflict(
            _("The weighing is already on the agenda of a board meeting."), code="on_agenda"
        )
    if not upcoming_board_meetings().filter(pk=meeting.pk).exists():
        raise ValidationError(
            {"meeting": _("Please choose an upcoming meeting of the board.")}, code="meeting"
        )
    item = agenda_item_create(
        meeting=meeting,
        title=agenda_item_title(current),
        description=agenda_item_description(),
        is_public=True,
        actor=actor,
    )
    current.agenda_item = item
    save_tracked(
        current, actor=actor, reason=_("Put on the board's agenda"), update_fields=["agenda_item"]
    )
    return item


def decisions_on_item(procedure: ParticipationProcedure):
    """The adopted decisions on the procedure's agenda item (the choices for the link)."""
    if procedure.agenda_item_id is None:
        return Decision.objects.none()
    return (
        Decision.objects.filter(agenda_item_id=procedure.agenda_item_id)
        .adopted()
        .order_by("-year", "-sequence")
    )


@transaction.atomic
def procedure_decision_link(
    *, procedure: ParticipationProcedure, decision: Decision, actor
) -> ParticipationProcedure:
    """Record that the board has decided on the weighing: `decision` must be an adopted
    decision on the procedure's agenda item. Once only (409)."""
    current = lock_procedure(procedure)
    if current.is_decided:
        raise Conflict(_("The board's decision has already been recorded."), code="decided")
    if current.agenda_item_id is None:
        raise Conflict(
            _("The weighing is not on the agenda of a board meeting yet."), code="no_item"
        )
    if decision.agenda_item_id != current.agenda_item_id or not decision.is_adopted:
        raise ValidationError(
            {"decision": _("Please choose an adopted decision on the procedure's agenda item.")},
            code="decision",
        )
    current.decision = decision
    save_tracked(
        current, actor=actor, reason=_("The board's decision recorded"), update_fields=["decision"]
    )
    return current
