"""Writes for priority rounds: open, edit and close a round, cast a ballot, and put the
result on the next board meeting as a paper (built by the worker, `tasks.py`).

Every write goes through `core.tracking.save_tracked` (full_clean, the acting user and a
change reason in the history row) inside a transaction; the round's row is locked while
a ballot is cast, so a ballot never slips in after the office closed the round.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Body, BodyKind
from core.errors import Conflict
from core.tracking import apply_changes, save_tracked
from meetings.models import Meeting

from .models import MAX_TOPICS, Ballot, PriorityRound, Topic
from .tasks import build_result_paper

MIN_TOPICS = 2


def the_board() -> Body | None:
    return Body.objects.filter(kind=BodyKind.BOARD, is_active=True).order_by("pk").first()


def _check_topics(topics: list[tuple]) -> None:
    """`topics`: (function area or None, title) pairs, in order."""
    if len(topics) < MIN_TOPICS:
        raise ValidationError(
            {"topics": _("Please name at least %(count)d topics.") % {"count": MIN_TOPICS}},
            code="too_few",
        )
    if len(topics) > MAX_TOPICS:
        raise ValidationError(
            {"topics": _("A round has at most %(count)d topics.") % {"count": MAX_TOPICS}},
            code="too_many",
        )
    titles = [title.casefold() for _area, title in topics]
    if len(set(titles)) != len(titles):
        raise ValidationError(
            {"topics": _("Each topic may appear only once.")}, code="duplicate_topic"
        )


def _check_deadline(deadline) -> None:
    if deadline <= timezone.now():
        raise ValidationError(
            {"deadline": _("The deadline must lie in the future.")}, code="deadline_past"
        )


def _set_topics(round_: PriorityRound, topics: list[tuple], *, actor) -> None:
    for old in list(round_.topics.all()):
        old._history_user = actor
        old.delete()
    for position, (area, title) in enumerate(topics, start=1):
        save_tracked(
            Topic(round=round_, position=position, function_area=area, title=title), actor=actor
        )


@transaction.atomic
def round_create(
    *, title: str, description: str, deadline, points_total: int, topics: list[tuple], actor
) -> PriorityRound:
    board = the_board()
    if board is None:
        raise Conflict(_("There is no active cooperation board."), code="no_board")
    _check_deadline(deadline)
    _check_topics(topics)
    round_ = PriorityRound(
        board=board,
        title=title,
        description=description,
        deadline=deadline,
        points_total=points_total,
        opened_by=actor,
    )
    save_tracked(round_, actor=actor, reason=_("Priority round opened"))
    _set_topics(round_, topics, actor=actor)
    return round_


def _lock(round_: PriorityRound) -> PriorityRound:
    return PriorityRound.objects.select_for_update().select_related("board").get(pk=round_.pk)


def _refuse_if_finished(round_: PriorityRound) -> None:
    if round_.finished:
        raise Conflict(
            _("This priority round has ended; it can no longer be changed."), code="finished"
        )


@transaction.atomic
def round_update(
    *, round_: PriorityRound, data: dict, topics: list[tuple] | None = None, actor
) -> PriorityRound:
    """Title, description, deadline and points while the round runs; the topics and
    the points only as long as no ballot has been cast."""
    current = _lock(round_)
    _refuse_if_finished(current)
    if "deadline" in data and data["deadline"] != current.deadline:
        _check_deadline(data["deadline"])
    changed = apply_changes(current, data)
    has_ballots = current.ballots.exists()
    topics_changed = topics is not None and [(a.pk if a else None, t) for a, t in topics] != [
        (t.function_area_id, t.title) for t in current.topics.order_by("position", "pk")
    ]
    if has_ballots and (topics_changed or "points_total" in changed):
        raise Conflict(
            _("Ballots have been cast: the topics and the points can no longer be changed."),
            code="ballots_cast",
        )
    if topics_changed:
        _check_topics(topics)
    if changed:
        save_tracked(current, actor=actor, reason=_("Changed"), update_fields=changed)
    if topics_changed:
        _set_topics(current, topics, actor=actor)
    return current


@transaction.atomic
def round_close(*, round_: PriorityRound, actor) -> PriorityRound:
    """End voting now, before the deadline: the ballots become visible to every member."""
    current = _lock(round_)
    _refuse_if_finished(current)
    current.closed_at = timezone.now()
    save_tracked(current, actor=actor, reason=_("Closed early"), update_fields=["closed_at"])
    return current


def _check_points(round_: PriorityRound, points: dict[int, int]) -> dict[str, int]:
    topic_ids = set(round_.topics.values_list("pk", flat=True))
    if not set(points) <= topic_ids:
        raise ValidationError(_("A topic does not belong to this round."), code="other_topic")
    errors = []
    for value in points.values():
        if not isinstance(value, int) or value < 0 or value > round_.points_total:
            errors.append(
                ValidationError(
                    _("Each topic gets between 0 and %(total)d points.")
                    % {"total": round_.points_total},
                    code="range",
                )
            )
            break
    total = sum(v for v in points.values() if isinstance(v, int))
    if not errors and total != round_.points_total:
        errors.append(
            ValidationError(
                _("The points must add up to exactly %(total)d; you have distributed %(given)d.")
                % {"total": round_.points_total, "given": total},
                code="sum",
            )
        )
    if errors:
        raise ValidationError(errors)
    return {str(pk): value for pk, value in sorted(points.items()) if value}


@transaction.atomic
def ballot_cast(*, round_: PriorityRound, seat, points: dict[int, int], actor) -> Ballot:
    """Cast or change the partner's ballot (`seat`: `permissions.BallotSeat`) while the
    round runs; refused (409) once it has ended."""
    current = _lock(round_)
    _refuse_if_finished(current)
    stored = _check_points(current, points)
    ballot = Ballot.objects.select_for_update().filter(round=current, partner=seat.partner).first()
    reason = _("Ballot changed")
    if ballot is None:
        ballot = Ballot(round=current, partner=seat.partner)
        reason = _("Ballot cast")
    ballot.points = stored
    ballot.cast_by = actor
    ballot.as_deputy = seat.as_deputy
    save_tracked(ballot, actor=actor, reason=reason)
    return ballot


# --- The result as a paper for the board --------------------------------------------------


def next_board_meeting(round_: PriorityRound) -> Meeting | None:
    """The board's next meeting that has not been held yet (nor cancelled)."""
    return (
        Meeting.objects.filter(body=round_.board, ends_at__gte=timezone.now())
        .accepting_reports()
        .order_by("starts_at", "pk")
        .first()
    )


@transaction.atomic
def result_paper_request(*, round_: PriorityRound, actor) -> PriorityRound:
    """Choose the next board meeting and let the worker build the result PDF and attach
    it there as a paper (`tasks.build_result_paper`, after the commit)."""
    current = _lock(round_)
    if not current.finished:
        raise Conflict(
            _("The result can be put on a meeting once the round has ended."),
            code="not_finished",
        )
    if current.paper_id is not None:
        raise Conflict(_("The result is already attached to a meeting."), code="attached")
    meeting = next_board_meeting(current)
    if meeting is None:
        raise Conflict(
            _("There is no upcoming board meeting; please plan one first."), code="no_meeting"
        )
    current.paper_meeting = meeting
    current.paper_requested_at = timezone.now()
    save_tracked(
        current,
        actor=actor,
        reason=_("Result requested as a paper"),
        update_fields=["paper_meeting", "paper_requested_at"],
    )
    round_pk, actor_pk = current.pk, actor.pk
    transaction.on_commit(lambda: build_result_paper.enqueue(round_pk, actor_pk))
    return current
