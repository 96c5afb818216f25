"""Writes for papers: adding an uploaded file to a meeting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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
