"""The quorum: the one calculation of voting seats and seats present.

Every page, form and document takes the quorum from here: the meeting page and its
quorum fragment, the attendance and decision forms, the decision service, the minutes
PDF and the council report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cooperation.models import VOTING_ROLES, Membership, QuorumRule, sorted_by_role

from ..models import AttendanceStatus, Meeting


@dataclass(frozen=True)
class Quorum:
    rule: str
    seats: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required

    @property
    def is_required(self) -> bool:
        """False for a body whose rule needs no quorum."""
        return self.rule != QuorumRule.NONE

    @property
    def state(self) -> str:
        """Everything the quorum box shows, in one short string: the meeting page polls
        with the state it shows and is answered "no change" while it is the same."""
        return f"{self.rule}-{self.seats}-{self.present}-{self.required}"


def body_voting_seats(body, day: datetime.date):
    """The memberships of `body` holding a voting seat on `day`, as a queryset: the rule
    for a meeting's seats, and for votes outside a meeting (the priority rounds)."""
    return Membership.objects.current(day).filter(body=body, role__in=VOTING_ROLES)


def voting_seats(meeting: Meeting, *, deputies: bool = True) -> list[Membership]:
    """The members holding a voting seat on the day of the meeting (once it was held:
    the seats frozen then), with their deputies (`deputies=False`: without, for pages
    that show none)."""
    if meeting.quorum_is_frozen:
        seats = Membership.objects.filter(pk__in=meeting.quorum_seat_ids)
    else:
        day = timezone.localtime(meeting.starts_at).date()
        seats = body_voting_seats(meeting.body, day)
    seats = seats.select_related("user", "partner").in_role_order_ties()
    return sorted_by_role(seats.prefetch_related("deputies__user") if deputies else seats)


def voting_seats_of_period(
    meetings: list[Meeting], *, first_day: datetime.date, last_day: datetime.date
):
    """Every membership that may be a voting seat of one of `meetings` (all in the
    period): the voting memberships of their bodies valid in the period, and the seats
    frozen when each was held. `holds_voting_seat` then picks each meeting's own."""
    bodies = {m.body_id for m in meetings}
    frozen_ids = {pk for m in meetings if m.quorum_is_frozen for pk in m.quorum_seat_ids}
    return Membership.objects.filter(
        body__in=bodies, role__in=VOTING_ROLES, valid_from__lte=last_day
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first_day)) | (
        Membership.objects.filter(pk__in=frozen_ids)
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


def seats_present(seat_ids, attendances) -> int:
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

    For a meeting that has been held: the quorum frozen then (seats and rule of the
    meeting day).
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
    present = seats_present({m.pk for m in seats}, attendances)
    rule = meeting.body.quorum_rule
    return Quorum(
        rule=rule, seats=len(seats), present=present, required=required_for_quorum(rule, len(seats))
    )
