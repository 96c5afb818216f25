"""Writes for the office's procedures: prepare (a draft), change while a draft, and put
out ("auslegen"): the concept's current chapters are copied into `ProcedureChapter`,
so statements refer to the text the participants read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import apply_changes, save_tracked
from overview.models import ConceptChapter

from ..models import ParticipationProcedure, ProcedureChapter

EDITABLE_FIELDS = ("title", "description", "starts_at", "ends_at", "public_may_comment")


def lock_procedure(procedure: ParticipationProcedure) -> ParticipationProcedure:
    """The procedure's row, locked for the rest of the transaction."""
    return ParticipationProcedure.objects.select_for_update().get(pk=procedure.pk)


def _check_period(starts_at, ends_at, now=None) -> None:
    if ends_at <= (now or timezone.now()):
        raise ValidationError(
            {"ends_at": _("The period must end in the future.")}, code="period_past"
        )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The period must end after it starts.")}, code="period")


@transaction.atomic
def procedure_create(
    *,
    title: str,
    starts_at,
    ends_at,
    description: str = "",
    public_may_comment: bool = False,
    actor,
    now=None,
) -> ParticipationProcedure:
    """A draft procedure of the office (not visible to members until put out). `now`:
    the moment it is prepared (the demo's history; default: now)."""
    _check_period(starts_at, ends_at, now)
    procedure = ParticipationProcedure(
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        public_may_comment=public_may_comment,
        created_by=actor,
    )
    save_tracked(procedure, actor=actor, reason=_("Participation procedure prepared"))
    return procedure


@transaction.atomic
def procedure_update(
    *, procedure: ParticipationProcedure, data: dict, actor
) -> ParticipationProcedure:
    """Title, description, period and openness to the public, while it is a draft: once
    put out, the participants have been told what and until when (409)."""
    current = lock_procedure(procedure)
    if current.is_opened:
        raise Conflict(
            _("The procedure has been put out; it can no longer be changed."), code="opened"
        )
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = apply_changes(current, data)
    if {"starts_at", "ends_at"} & set(changed):
        _check_period(current.starts_at, current.ends_at)
    if changed:
        save_tracked(current, actor=actor, reason=_("Changed"), update_fields=changed)
    return current


@transaction.atomic
def procedure_open(*, procedure: ParticipationProcedure, actor, now=None) -> ParticipationProcedure:
    """Put the concept out: copy every chapter as it is now (its current title, text and
    version) and open the procedure to its participants and members. Refused (409) when
    already put out, when the period has ended, or when the concept has no chapter.
    `now`: the moment it is put out (the demo's history; default: now)."""
    now = now or timezone.now()
    current = lock_procedure(procedure)
    if current.is_opened:
        raise Conflict(_("The procedure has already been put out."), code="opened")
    if current.ends_at <= now:
        raise Conflict(
            _("The period has already ended; please change it before putting it out."),
            code="period_past",
        )
    chapters = list(ConceptChapter.objects.order_by("position", "pk"))
    if not chapters:
        raise Conflict(
            _("The concept has no chapter yet: there is nothing to put out."), code="empty"
        )
    for position, chapter in enumerate(chapters, start=1):
        save_tracked(
            ProcedureChapter(
                procedure=current,
                chapter=chapter,
                chapter_version=chapter.version,
                position=position,
                title=chapter.title,
                text=chapter.text,
            ),
            actor=actor,
        )
    current.opened_at = now
    current.opened_by = actor
    save_tracked(
        current, actor=actor, reason=_("Put out"), update_fields=["opened_at", "opened_by"]
    )
    return current
