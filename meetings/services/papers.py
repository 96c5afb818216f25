"""Writes for papers: adding an uploaded file to a meeting, withholding it from publication."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import save_tracked
from core.uploads import store_upload

from ..models import AgendaItem, Meeting, Paper
from .meetings import refuse_if_closed


@transaction.atomic
def paper_add(
    *, meeting: Meeting, agenda_item: AgendaItem | None, title: str, uploaded_file, actor
) -> Paper:
    """Check the file and store it under a random name (`core.uploads.store_upload`:
    nothing is left behind when it is refused); the original name is kept sanitised."""
    refuse_if_closed(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {
                "agenda_item": ValidationError(
                    _("The agenda item does not belong to this meeting."), code="other_meeting"
                )
            }
        )
    paper = Paper(meeting=meeting, agenda_item=agenda_item, title=title)
    store_upload(paper, uploaded_file, actor=actor)
    return paper


@transaction.atomic
def paper_withhold(*, paper: Paper, reason: str, actor) -> Paper:
    """Keep a paper off the public side (e.g. it contains personal data); members still
    see it. The reason is required and goes into the paper's history with the actor."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Please give a reason."), code="required")}
        )
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    paper.withheld_reason = reason
    paper.withheld_at = timezone.now()
    paper.withheld_by = actor
    save_tracked(
        paper,
        actor=actor,
        reason=_("Withheld from publication: %(reason)s") % {"reason": reason},
        update_fields=["withheld_reason", "withheld_at", "withheld_by"],
    )
    return paper


@transaction.atomic
def paper_release(*, paper: Paper, actor) -> Paper:
    """Publish a withheld paper again (with its meeting, under the usual rules)."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    if not paper.is_withheld:
        raise Conflict(_("This paper is not withheld."), code="not_withheld")
    paper.withheld_reason = ""
    paper.withheld_at = None
    paper.withheld_by = None
    save_tracked(
        paper,
        actor=actor,
        reason=_("Released for publication"),
        update_fields=["withheld_reason", "withheld_at", "withheld_by"],
    )
    return paper
