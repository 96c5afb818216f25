"""Who may see priority rounds, run them, and cast a partner's ballot.

* Every member of the cooperation reads the rounds (model-level `view_priorityround`
  from the members' role group); the office opens, edits and closes them and puts the
  result on a board meeting (`add_`/`change_priorityround` from the office's group).
  Both come from `cooperation.permissions.sync_user_permissions`.
* A partner's ballot is cast by whoever holds the partner's voting seat on the round's
  board today, or by that seat's deputy member (`Membership.deputy_for`). The seats are
  `meetings.selectors.quorum.body_voting_seats`, the rule the quorum uses, never one of
  our own. Outside a meeting no absence is declared, so the deputy may always stand in;
  the ballot records who cast it and whether as the deputy.
* How a partner voted is shown to nobody but the partner's own seat holders until the
  round has ended (deadline, or closed early by the office); not to the office either:
  the office runs the round and must not be able to tell a partner how others voted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cooperation.models import Membership, Partner, Role
from meetings.selectors.quorum import body_voting_seats

from .models import PriorityRound

VIEW = "priorities.view_priorityround"
ADD = "priorities.add_priorityround"
CHANGE = "priorities.change_priorityround"


def visible_rounds(user):
    qs = PriorityRound.objects.all()
    return qs if user.has_perm(VIEW) else qs.none()


def can_manage_rounds(user) -> bool:
    return user.has_perm(CHANGE)


def get_round_for_user(user, pk, *, perm="view", queryset=None) -> PriorityRound:
    if not user.has_perm(VIEW):
        raise Http404
    queryset = queryset if queryset is not None else PriorityRound.objects.select_related("board")
    round_ = queryset.filter(pk=pk).first()
    if round_ is None:
        raise Http404
    if perm == "change" and not can_manage_rounds(user):
        raise PermissionDenied
    return round_


@dataclass(frozen=True)
class BallotSeat:
    """The seat through which a user casts a partner's ballot."""

    partner: Partner
    membership: Membership
    as_deputy: bool


def seat_day(round_: PriorityRound):
    """The day whose seats count: today while the round runs, else its last day."""
    return timezone.localdate(min(timezone.now(), round_.ends_at))


def ballot_seat(user, round_: PriorityRound) -> BallotSeat | None:
    """The partner whose ballot `user` casts in this round, or None. Two queries at most."""
    if not user.is_authenticated:
        return None
    seats = body_voting_seats(round_.board, seat_day(round_)).filter(partner__isnull=False)
    own = seats.filter(user=user).select_related("partner").order_by("pk").first()
    if own is not None:
        return BallotSeat(own.partner, own, as_deputy=False)
    deputy = (
        Membership.objects.current(seat_day(round_))
        .filter(user=user, body=round_.board, role=Role.DEPUTY_MEMBER, deputy_for__in=seats)
        .select_related("deputy_for__partner")
        .order_by("pk")
        .first()
    )
    if deputy is not None:
        return BallotSeat(deputy.deputy_for.partner, deputy, as_deputy=True)
    return None


def get_round_for_ballot(user, pk) -> tuple[PriorityRound, BallotSeat]:
    """The round and the user's seat in it: 404 if the round is not visible, 403 if the
    user holds no seat (nor deputy seat) of a partner on its board."""
    round_ = get_round_for_user(user, pk)
    seat = ballot_seat(user, round_)
    if seat is None:
        raise PermissionDenied
    return round_, seat


def can_see_ballots(user, round_: PriorityRound) -> bool:
    """Everyone's ballots: for every member once the round has ended, for nobody before."""
    return user.has_perm(VIEW) and round_.finished
