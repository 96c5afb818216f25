"""Writes for papers: adding an uploaded file to a meeting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting, Paper
from ..uploads import safe_file_name, validate_upload
from .meetings import refuse_if_closed


@transaction.atomic
def paper_add(
    *, meeting: Meeting, agenda_item: AgendaItem | None, title: str, uploaded_file, actor
) -> Paper:
    """Check the file and store it under a random name; the original name is kept sanitised.

    Everything is checked before the file is written, and a failure while saving
    the row removes the written file again, so a refused upload leaves nothing
    behind, neither in the database nor on disk.
    """
    refuse_if_closed(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {
                "agenda_item": ValidationError(
                    _("The agenda item does not belong to this meeting."), code="other_meeting"
                )
            }
        )
    try:
        content_type, extension = validate_upload(uploaded_file)
        original_name = safe_file_name(uploaded_file.name)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    paper = Paper(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        original_name=original_name,
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=actor,
    )
    paper.full_clean(exclude=["file"])
    # The name only lends its extension: private_upload_to picks a random one.
    paper.file.save(f"paper{extension}", uploaded_file, save=False)
    try:
        paper._history_user = actor
        paper.save()
    except BaseException:
        paper.file.delete(save=False)
        raise
    return paper
