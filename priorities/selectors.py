"""Reads for the priority-round pages: the list, the round's page and the result.

The result (aggregate and per partner) is read in a fixed number of queries whatever
the number of ballots; the rows are bounded by the partners on the board and the
topics of one round (`MAX_TOPICS`). How a partner voted leaves this module only when
`permissions.can_see_ballots` allows it, or for the partner's own seat holders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from core import charts
from core.history import history_model
from meetings.selectors.quorum import body_voting_seats

from .models import Ballot, PriorityRound, Topic
from .permissions import ballot_seat, can_see_ballots, seat_day, visible_rounds

HISTORY_LIMIT = 30


def round_list(user):
    return (
        visible_rounds(user)
        .select_related("board")
        .annotate(
            topic_count=Count("topics", distinct=True),
            ballot_count=Count("ballots", distinct=True),
        )
        .order_by("-deadline", "-pk")
    )


def round_detail_queryset():
    return PriorityRound.objects.select_related("board", "opened_by", "paper_meeting", "paper")


def ballot_of(round_: PriorityRound, partner) -> Ballot | None:
    """The partner's ballot in the round (for its own seat holders only: the callers
    have checked the seat)."""
    return round_.ballots.filter(partner=partner).first()


def topics_of(round_: PriorityRound) -> list[Topic]:
    return list(round_.topics.select_related("function_area").order_by("position", "pk"))


@dataclass
class PartnerRow:
    partner: object
    ballot: Ballot | None
    points: list[int] | None  # per topic, in the topics' order; None when hidden


@dataclass
class TopicResult:
    topic: Topic
    total: int
    partners: int  # how many partners gave it points
    rank: int


def participants(round_: PriorityRound, ballots: list[Ballot]) -> list:
    """The partners holding a voting seat on the board (today, or on the round's last
    day), and any partner that has cast a ballot since; by name. One query."""
    seats = (
        body_voting_seats(round_.board, seat_day(round_))
        .filter(partner__isnull=False)
        .select_related("partner")
    )
    partners = {seat.partner_id: seat.partner for seat in seats}
    for ballot in ballots:
        partners.setdefault(ballot.partner_id, ballot.partner)
    return sorted(partners.values(), key=lambda p: p.name.casefold())


def aggregate(topics: list[Topic], ballots: list[Ballot]) -> list[TopicResult]:
    """Points per topic over all ballots, highest first (ties share a rank)."""
    rows = []
    for topic in topics:
        given = [ballot.points_for(topic.pk) for ballot in ballots]
        rows.append(TopicResult(topic, sum(given), sum(1 for g in given if g > 0), 0))
    rows.sort(key=lambda r: (-r.total, r.topic.position, r.topic.pk))
    rank, previous = 0, None
    for index, row in enumerate(rows, start=1):
        if row.total != previous:
            rank, previous = index, row.total
        row.rank = rank
    return rows


def result_chart(round_: PriorityRound, results: list[TopicResult], total: int):
    return charts.share_bars(
        f"chart-priorities-{round_.pk}",
        title=_("Points per topic, of all points cast"),
        rows=[(row.topic.title, row.total, total) for row in results],
        part_label=_("Points"),
        whole_label=_("All points cast"),
        rest_label=_("Points for other topics"),
    )


def result(round_: PriorityRound, *, topics=None, ballots=None) -> dict:
    """The result of an ended round: per partner and aggregate, with the picture.
    Two queries (topics, ballots with their partners), none when both are given."""
    topics = topics_of(round_) if topics is None else topics
    if ballots is None:
        ballots = list(round_.ballots.select_related("partner", "cast_by"))
    results = aggregate(topics, ballots)
    total = sum(row.total for row in results)
    rows = [
        PartnerRow(b.partner, b, [b.points_for(t.pk) for t in topics])
        for b in sorted(ballots, key=lambda b: b.partner.name.casefold())
    ]
    return {
        "topics": topics,
        "results": results,
        "partner_rows": rows,
        "points_cast": total,
        "chart": result_chart(round_, results, total),
    }


def ballot_history(round_: PriorityRound, *, partner_id=None) -> tuple[list, int]:
    """The latest versions of the round's ballots (of one partner, if given), newest
    first, with the acting user; at most HISTORY_LIMIT, and their number. Two queries."""
    records = history_model(Ballot)._default_manager.filter(round_id=round_.pk)
    if partner_id is not None:
        records = records.filter(partner_id=partner_id)
    count = records.count()
    rows = list(
        records.select_related("history_user", "partner", "cast_by").order_by(
            "-history_date", "-history_id"
        )[:HISTORY_LIMIT]
    )
    return rows, count


def round_page(user, round_: PriorityRound) -> dict:
    """Everything the round's page shows, hidden parts left out for this user."""
    topics = topics_of(round_)
    ballots = list(round_.ballots.select_related("partner", "cast_by"))
    by_partner = {b.partner_id: b for b in ballots}
    seat = ballot_seat(user, round_)
    visible = can_see_ballots(user, round_)
    voters = [(partner, by_partner.get(partner.pk)) for partner in participants(round_, ballots)]
    own = by_partner.get(seat.partner.pk) if seat else None
    context = {
        "topics": topics,
        "voters": voters,
        "voted_count": sum(1 for _p, b in voters if b is not None),
        "seat": seat,
        "own_ballot": own,
        "own_points": [(t, own.points_for(t.pk)) for t in topics] if own else [],
        "ballots_visible": visible,
    }
    if visible:
        context.update(result(round_, topics=topics, ballots=ballots))
        context["history"], context["history_count"] = ballot_history(round_)
    elif seat is not None:
        context["history"], context["history_count"] = ballot_history(
            round_, partner_id=seat.partner.pk
        )
    else:
        context["history"], context["history_count"] = [], 0
    context["history_rows"] = [
        (record, [(t, int(record.points.get(str(t.pk), 0))) for t in topics])
        for record in context["history"]
    ]
    return context
