"""Writes for minutes: write (version-checked), circulate, approve, correct."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.services import save_tracked

from ..models import AgendaItem, Meeting, MeetingStatus, Minutes, MinutesCorrection, MinutesStatus
from .meetings import refuse_if_closed


@transaction.atomic
def minutes_save(*, item: AgendaItem, text: str, actor, expected_version: int):
    """Write the minutes of an item, unless someone else saved them since
    `expected_version` was read (0: the item had no minutes yet); then
    ValidationError with code "conflict"."""
    refuse_if_closed(item.meeting)
    # Lock the item: two first saves queue up here, and the second then finds the
    # first one's minutes (a conflict) instead of inserting a second row.
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    minutes = Minutes.objects.select_for_update().filter(agenda_item=item).first()
    if minutes is not None and minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("Approved minutes cannot be changed."), code="approved")
    if (minutes.version if minutes is not None else 0) != expected_version:
        raise ValidationError(
            _("Someone else has saved these minutes in the meantime."), code="conflict"
        )
    if minutes is None:
        minutes = Minutes(agenda_item=item, text=text)
        save_tracked(minutes, actor=actor)
        return minutes
    if minutes.text != text:
        minutes.text = text
        minutes.version += 1
        save_tracked(minutes, actor=actor, update_fields=["text", "version"])
    return minutes


@transaction.atomic
def minutes_circulate(*, meeting: Meeting, actor) -> int:
    refuse_if_closed(meeting)
    drafts = list(Minutes.objects.filter(agenda_item__meeting=meeting, status=MinutesStatus.DRAFT))
    if not drafts:
        raise ValidationError(_("There are no draft minutes to circulate."), code="nothing")
    for minutes in drafts:
        minutes.status = MinutesStatus.CIRCULATED
        save_tracked(minutes, actor=actor, reason=_("Minutes circulated"), update_fields=["status"])
    return len(drafts)


@transaction.atomic
def minutes_approve(
    *, meeting: Meeting, approved_on: datetime.date, approved_in: Meeting | None, actor
) -> Meeting:
    """Approve all minutes of a held meeting; from now on the record is frozen."""
    refuse_if_closed(meeting)
    if not meeting.can_approve_minutes:
        raise ValidationError(
            _("Minutes can be approved only for a meeting that has been held."), code="not_held"
        )
    minutes = list(Minutes.objects.filter(agenda_item__meeting=meeting))
    if not minutes:
        raise ValidationError(_("This meeting has no minutes yet."), code="no_minutes")
    if any(m.status == MinutesStatus.DRAFT for m in minutes):
        raise ValidationError(
            _("Please circulate the draft minutes before they are approved."), code="drafts"
        )
    if approved_in is not None and approved_in.body_id != meeting.body_id:
        raise ValidationError(
            {"approved_in": _("The minutes are approved by a meeting of the same body.")},
            code="other_body",
        )
    for entry in minutes:
        entry.status = MinutesStatus.APPROVED
        save_tracked(entry, actor=actor, reason=_("Minutes approved"), update_fields=["status"])
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.minutes_approved_on = approved_on
    meeting.minutes_approved_in = approved_in
    save_tracked(
        meeting,
        actor=actor,
        reason=_("Minutes approved"),
        update_fields=["status", "minutes_approved_on", "minutes_approved_in"],
    )
    return meeting


@transaction.atomic
def minutes_correct(*, minutes: Minutes, text: str, reason: str, actor) -> MinutesCorrection:
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(
            _("Minutes that are not yet approved are changed directly, not corrected."),
            code="not_approved",
        )
    correction = MinutesCorrection(minutes=minutes, text=text, reason=reason, author=actor)
    save_tracked(correction, actor=actor)
    return correction
