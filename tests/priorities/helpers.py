"""Rounds for the tests: opened by the world's office, ended by moving the deadline."""

import datetime

from django.utils import timezone

from priorities import services
from priorities.models import PriorityRound
from priorities.permissions import ballot_seat


def open_round(world, *, measures=("Radwegenetz", "Ärztehaus", "Breitband"), points=10, **kw):
    topics = [(world.working_group.function_area, world.working_group.function_area.name)]
    topics += [(None, title) for title in measures]
    return services.round_create(
        title=kw.get("title", "Schwerpunkte 2027"),
        description="Welche Themen zuerst?",
        deadline=kw.get("deadline", timezone.now() + datetime.timedelta(days=7)),
        points_total=points,
        topics=topics,
        actor=world.office,
    )


def cast(round_, user, distribution):
    """`distribution`: points in the topics' order."""
    topics = list(round_.topics.order_by("position", "pk"))
    seat = ballot_seat(user, round_)
    assert seat is not None, user
    return services.ballot_cast(
        round_=round_,
        seat=seat,
        points={t.pk: n for t, n in zip(topics, distribution, strict=True)},
        actor=user,
    )


def end(round_):
    """Move the deadline into the past (as if it had passed)."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    PriorityRound.objects.filter(pk=round_.pk).update(deadline=past)
    round_.refresh_from_db()
    return round_
