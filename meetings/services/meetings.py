"""Writes for meetings: planning, changing, cancelling, marking held.

Domain rules raise ValidationError with a German message and a code; views turn
them into a 4xx answer and leave the data as it was (every service is atomic). The
lifecycle rules themselves are the predicates of `Meeting` (`meetings/models.py`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.services import apply_changes, save_tracked

from ..models import Meeting, MeetingStatus
from ..selectors.quorum import quorum, voting_seats
from . import invitations

# Changes to these fields of an invited meeting are sent to the invitees as an update.
NOTIFIED_FIELDS = {"title", "starts_at", "ends_at", "location", "video_url"}


def refuse_if_closed(meeting: Meeting) -> None:
    """Refuse any change to a meeting that no longer `accepts_changes`."""
    if meeting.accepts_changes:
        return
    if meeting.is_frozen:
        raise ValidationError(
            _("The minutes of this meeting are approved; the meeting can no longer be changed."),
            code="frozen",
        )
    raise ValidationError(_("This meeting has been cancelled."), code="cancelled")


def notify_update(meeting: Meeting, actor) -> None:
    """Invited members learn about every change of time, place or agenda."""
    if meeting.is_invited:
        # robust: a failing mail server is logged; the saved change stays saved.
        transaction.on_commit(lambda: invitations.send_update(meeting, actor=actor), robust=True)


@transaction.atomic
def meeting_create(*, body, title, starts_at, ends_at, actor, location="", video_url="") -> Meeting:
    meeting = Meeting(
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_url=video_url,
    )
    save_tracked(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: dict, actor) -> Meeting:
    refuse_if_closed(meeting)
    changed = apply_changes(meeting, data)
    if changed:
        save_tracked(meeting, actor=actor, update_fields=changed)
        if NOTIFIED_FIELDS & set(changed):
            notify_update(meeting, actor)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor) -> Meeting:
    refuse_if_closed(meeting)
    if not meeting.can_be_cancelled:
        raise ValidationError(_("A meeting that has been held cannot be cancelled."), code="held")
    was_invited = meeting.is_invited
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason
    save_tracked(
        meeting,
        actor=actor,
        reason=_("Meeting cancelled"),
        update_fields=["status", "cancellation_reason"],
    )
    if was_invited:
        transaction.on_commit(
            lambda: invitations.send_cancellation(meeting, actor=actor), robust=True
        )
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, actor) -> Meeting:
    if not meeting.can_mark_held:
        raise ValidationError(
            _("Only a planned or invited meeting can be marked as held."), code="status"
        )
    # Attendance is recorded by now: freeze the seats and the rule of the day.
    frozen = _freeze_quorum(meeting)
    meeting.status = MeetingStatus.HELD
    save_tracked(meeting, actor=actor, update_fields=["status", *frozen])
    return meeting


def _freeze_quorum(meeting: Meeting) -> list[str]:
    """Store the meeting's live quorum on it; return the names of the fields set."""
    seats = voting_seats(meeting)
    state = quorum(meeting, seats=seats)
    meeting.quorum_frozen_at = timezone.now()
    meeting.quorum_rule = state.rule
    meeting.quorum_seat_ids = sorted(m.pk for m in seats)
    meeting.quorum_present = state.present
    meeting.quorum_required = state.required
    return [
        "quorum_frozen_at",
        "quorum_rule",
        "quorum_seat_ids",
        "quorum_present",
        "quorum_required",
    ]
