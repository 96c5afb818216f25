"""Writes for meetings: the lifecycle from planning to approved minutes, and decisions.

Domain rules raise ValidationError with a German message and a code; views turn
them into a 4xx answer and leave the data as it was (every service is atomic).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import VOTING_ROLES, BodyKind, Membership, QuorumRule
from core.tracking import apply_changes, save_tracked

from . import invitations
from .models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionCounter,
    DecisionProgress,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
    ProposalStatus,
)

# Changes to these fields of an invited meeting are sent to the invitees as an update.
NOTIFIED_FIELDS = {"title", "starts_at", "ends_at", "location", "video_url"}


def _refuse_if_frozen(meeting: Meeting) -> None:
    if meeting.is_frozen:
        raise ValidationError(
            _("The minutes of this meeting are approved; the meeting can no longer be changed."),
            code="frozen",
        )
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled."), code="cancelled")


def _notify_update(meeting: Meeting, actor) -> None:
    """Invited members learn about every change of time, place or agenda."""
    if meeting.status == MeetingStatus.INVITED:
        # robust: a failing mail server is logged; the saved change stays saved.
        transaction.on_commit(lambda: invitations.send_update(meeting, actor=actor), robust=True)


# --- Meetings -------------------------------------------------------------------------


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
    _refuse_if_frozen(meeting)
    changed = apply_changes(meeting, data)
    if changed:
        save_tracked(meeting, actor=actor, update_fields=changed)
        if NOTIFIED_FIELDS & set(changed):
            _notify_update(meeting, actor)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor) -> Meeting:
    _refuse_if_frozen(meeting)
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(_("A meeting that has been held cannot be cancelled."), code="held")
    was_invited = meeting.status == MeetingStatus.INVITED
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
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        raise ValidationError(
            _("Only a planned or invited meeting can be marked as held."), code="status"
        )
    # Attendance is recorded by now: freeze the seats and the rule of the day.
    frozen = _freeze_quorum(meeting)
    meeting.status = MeetingStatus.HELD
    save_tracked(meeting, actor=actor, update_fields=["status", *frozen])
    return meeting


# --- Agenda ---------------------------------------------------------------------------


def _renumber(meeting: Meeting, actor) -> None:
    """Positions 1..n in the current order; only items whose position changes are saved."""
    for position, item in enumerate(meeting.agenda_items.order_by("position", "pk"), start=1):
        if item.position != position:
            item.position = position
            item._history_user = actor
            item.save(update_fields=["position", "modified"])


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, title: str, actor, **data) -> AgendaItem:
    _refuse_if_frozen(meeting)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, title=title, position=last + 1, **data)
    save_tracked(item, actor=actor)
    _notify_update(meeting, actor)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, data: dict, actor) -> AgendaItem:
    _refuse_if_frozen(item.meeting)
    changed = apply_changes(item, data)
    if changed:
        save_tracked(item, actor=actor, update_fields=changed)
        _notify_update(item.meeting, actor)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool, actor) -> AgendaItem:
    """Move an item one place up or down (swap with its neighbour)."""
    meeting = item.meeting
    _refuse_if_frozen(meeting)
    items = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            if other.position != position:
                other.position = position
                other._history_user = actor
                other.save(update_fields=["position", "modified"])
        _notify_update(meeting, actor)
    item.refresh_from_db()
    return item


# --- Proposals ------------------------------------------------------------------------


@transaction.atomic
def proposal_create(*, meeting: Meeting, proposed_by, title: str, actor, **data) -> AgendaProposal:
    _refuse_if_frozen(meeting)
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(
            _("The meeting has been held; please propose the item for a later one."), code="held"
        )
    proposal = AgendaProposal(meeting=meeting, proposed_by=proposed_by, title=title, **data)
    save_tracked(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_decide(
    *, proposal: AgendaProposal, accept: bool, reason: str, actor, notify: bool = True
):
    """Accept (the proposal becomes an agenda item) or decline with a reason; the proposer
    is told by e-mail after commit unless `notify` is off (demo data records the past)."""
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal has already been decided."), code="decided")
    if not accept and not reason.strip():
        raise ValidationError(
            {"reason": _("Please tell the proposer why the item is declined.")},
            code="reason_missing",
        )
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.reason = reason
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    if accept:
        proposal.agenda_item = agenda_item_create(
            meeting=proposal.meeting,
            title=proposal.title,
            description=proposal.description,
            is_public=proposal.is_public,
            presenter=proposal.proposed_by,
            actor=actor,
        )
    save_tracked(proposal, actor=actor)
    if notify:
        transaction.on_commit(lambda: invitations.send_proposal_outcome(proposal), robust=True)
    return proposal


# --- Attendance and quorum ------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    rule: str
    seats: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required


def voting_seats(meeting: Meeting) -> list[Membership]:
    """The members holding a voting seat on the day of the meeting (once it was held:
    the seats frozen then)."""
    if meeting.quorum_is_frozen:
        seats = Membership.objects.filter(pk__in=meeting.quorum_seat_ids)
    else:
        day = timezone.localtime(meeting.starts_at).date()
        seats = Membership.objects.current(day).filter(body=meeting.body, role__in=VOTING_ROLES)
    return list(
        seats.select_related("user", "partner").prefetch_related("deputies__user").in_role_order()
    )


def holds_voting_seat(meeting: Meeting, membership: Membership) -> bool:
    """Whether `membership` is one of the meeting's voting seats, for readers that load
    the memberships of many meetings at once (same answer as `voting_seats`)."""
    if meeting.quorum_is_frozen:
        return membership.pk in meeting.quorum_seat_ids
    day = timezone.localtime(meeting.starts_at).date()
    return (
        membership.body_id == meeting.body_id
        and membership.role in VOTING_ROLES
        and membership.is_current(day)
    )


def required_for_quorum(rule: str, seats: int) -> int:
    if rule == QuorumRule.MAJORITY_OF_SEATS:
        return seats // 2 + 1  # more than half
    if rule == QuorumRule.TWO_THIRDS_OF_SEATS:
        return -(-2 * seats // 3)  # at least two thirds, rounded up
    return 0


def _seats_present(seat_ids, attendances) -> int:
    """Seats whose member is present or represented by their deputy."""
    return sum(
        1
        for a in attendances
        if a.membership_id in seat_ids
        and (
            a.status == AttendanceStatus.PRESENT
            or (a.status == AttendanceStatus.REPRESENTED and a.represented_by_id)
        )
    )


def quorum(meeting: Meeting, *, seats=None, attendances=None) -> Quorum:
    """Seats present (a represented seat counts) against the body's rule.

    The one place every page and document takes the quorum from: for a meeting that
    has been held, the quorum frozen then (seats and rule of the meeting day).
    """
    if meeting.quorum_is_frozen:
        return Quorum(
            rule=meeting.quorum_rule,
            seats=len(meeting.quorum_seat_ids),
            present=meeting.quorum_present,
            required=meeting.quorum_required,
        )
    seats = voting_seats(meeting) if seats is None else seats
    if attendances is None:
        attendances = list(meeting.attendances.all())
    present = _seats_present({m.pk for m in seats}, attendances)
    rule = meeting.body.quorum_rule
    return Quorum(
        rule=rule, seats=len(seats), present=present, required=required_for_quorum(rule, len(seats))
    )


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


@transaction.atomic
def attendance_record(*, meeting: Meeting, entries, actor) -> list[Attendance]:
    """Record (or correct) attendance; `entries` are (membership, status, represented_by)."""
    _refuse_if_frozen(meeting)
    existing = {a.membership_id: a for a in meeting.attendances.all()}
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
        present = _seats_present(
            set(meeting.quorum_seat_ids), Attendance.objects.filter(meeting=meeting)
        )
        if present != meeting.quorum_present:
            meeting.quorum_present = present
            save_tracked(meeting, actor=actor, update_fields=["quorum_present"])
    return saved


# --- Minutes --------------------------------------------------------------------------


@transaction.atomic
def minutes_save(*, item: AgendaItem, text: str, actor, expected_version: int):
    """Write the minutes of an item, unless someone else saved them since
    `expected_version` was read (0: the item had no minutes yet); then
    ValidationError with code "conflict"."""
    _refuse_if_frozen(item.meeting)
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
    _refuse_if_frozen(meeting)
    drafts = list(Minutes.objects.filter(agenda_item__meeting=meeting, status=MinutesStatus.DRAFT))
    if not drafts:
        raise ValidationError(_("There are no draft minutes to circulate."), code="nothing")
    for minutes in drafts:
        minutes.status = MinutesStatus.CIRCULATED
        save_tracked(minutes, actor=actor, reason=_("Minutes circulated"), update_fields=["status"])
    return len(drafts)


@transaction.atomic
def minutes_approve(
    *, meeting: Meeting, approved_on: datetime.date, approved_at: Meeting | None, actor
) -> Meeting:
    """Approve all minutes of a held meeting; from now on the record is frozen."""
    _refuse_if_frozen(meeting)
    if meeting.status != MeetingStatus.HELD:
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
    if approved_at is not None and approved_at.body_id != meeting.body_id:
        raise ValidationError(
            {"approved_at": _("The minutes are approved by a meeting of the same body.")},
            code="other_body",
        )
    for entry in minutes:
        entry.status = MinutesStatus.APPROVED
        save_tracked(entry, actor=actor, reason=_("Minutes approved"), update_fields=["status"])
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.minutes_approved_on = approved_on
    meeting.minutes_approved_at = approved_at
    save_tracked(
        meeting,
        actor=actor,
        reason=_("Minutes approved"),
        update_fields=["status", "minutes_approved_on", "minutes_approved_at"],
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


# --- Decisions ------------------------------------------------------------------------


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
    not_voting=(),
    commissioned_groups=(),
    due_date: datetime.date | None = None,
    quorum_override_reason: str = "",
    may_override_quorum: bool = False,
) -> Decision:
    """Record a decision on an agenda item with the next number of the body and year."""
    meeting = item.meeting
    _refuse_if_frozen(meeting)
    if meeting.status not in (MeetingStatus.INVITED, MeetingStatus.HELD):
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
        number=f"{body.short_code}-{year}/{sequence:03d}",
        agenda_item=item,
        title=title,
        text=text,
        votes_yes=votes_yes,
        votes_no=votes_no,
        votes_abstain=votes_abstain,
        due_date=due_date,
        quorum_override_reason=quorum_override_reason if not state.reached else "",
        recorded_by=actor,
    )
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
