"""Writes for attendance; the quorum itself is read in `selectors/quorum.py`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.tracking import apply_changes, save_tracked

from ..models import Attendance, AttendanceStatus, Meeting
from ..selectors.quorum import seats_present
from .meetings import refuse_if_closed


@transaction.atomic
def attendance_record(*, meeting: Meeting, entries, actor) -> list[Attendance]:
    """Record (or correct) attendance; `entries` are (membership, status, represented_by)."""
    refuse_if_closed(meeting)
    existing = {a.membership_id: a for a in meeting.attendances.all()}
    entries = list(entries)
    deputies = [
        d.pk
        for _m, status, d in entries
        if d is not None and status == AttendanceStatus.REPRESENTED
    ]
    if len(deputies) != len(set(deputies)):
        # A deputy holds one vote: never two seats at once.
        raise ValidationError(
            _("A deputy can represent only one member at a time."), code="deputy_twice"
        )
    saved = []
    for membership, status, represented_by in entries:
        if membership.body_id != meeting.body_id:
            raise ValidationError(_("This person is not a member of the body."), code="body")
        attendance = existing.get(membership.pk) or Attendance(
            meeting=meeting, membership=membership
        )
        if attendance.pk is None:
            attendance.status = status
            attendance.represented_by = represented_by
            save_tracked(attendance, actor=actor)
        else:
            changed = apply_changes(
                attendance, {"status": status, "represented_by": represented_by}
            )
            if changed:
                save_tracked(attendance, actor=actor, update_fields=changed)
        saved.append(attendance)
    if meeting.quorum_is_frozen:
        # A correction after the meeting: same seats and rule, the count follows.
        present = seats_present(
            set(meeting.quorum_seat_ids), Attendance.objects.filter(meeting=meeting)
        )
        if present != meeting.quorum_present:
            meeting.quorum_present = present
            save_tracked(meeting, actor=actor, update_fields=["quorum_present"])
    return saved
