"""Demo written procedures of the board: one decided (every seat voted), one running
until next week with one seat still to vote: the demo's board member (`ob.halberstadt`)
votes in it with the second factor, and the procedure becomes the next decision.
Written through the services, once: a second seeding leaves them alone. No e-mail is
sent (`notify=False`)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cooperation.models import VOTING_ROLES, Body, Membership
from meetings import services
from meetings.models import VoteChoice, WrittenProcedure

from .meetings import BOARD_CODE, CHAIR, OFFICE

DECIDED = {
    "title": "Gemeinsame Stellungnahme zum Landesentwicklungsplan (Entwurf 2026)",
    "text": (
        "Das Kooperationsgremium beschließt die gemeinsame Stellungnahme der Partner zum "
        "Entwurf des Landesentwicklungsplans in der Fassung der Anlage. Die Geschäftsstelle "
        "reicht sie fristgerecht bei der obersten Landesentwicklungsbehörde ein."
    ),
    "kind": "ordinary",
}
RUNNING = {
    "title": "Kofinanzierung der Machbarkeitsstudie Regionalbahnhof Halberstadt",
    "text": (
        "Das Kooperationsgremium stimmt der Kofinanzierung der Machbarkeitsstudie zum "
        "Regionalbahnhof Halberstadt mit 18.000 Euro aus dem gemeinsamen Budget 2027 zu. "
        "Die Arbeitsgruppe Verkehrsinfrastruktur begleitet die Studie."
    ),
    "kind": "financial",
}


def seed_procedures(*, actor, stdout=None) -> bool:
    board = Body.objects.filter(short_code=BOARD_CODE).first()
    if board is None:
        return False
    titles = [DECIDED["title"], RUNNING["title"]]
    if WrittenProcedure.objects.filter(body=board, title__in=titles).exists():
        if stdout is not None:
            stdout.write("Umlaufverfahren: bereits vorhanden, unverändert.")
        return False
    seats = list(
        Membership.objects.current()
        .filter(body=board, role__in=VOTING_ROLES)
        .select_related("user")
        .order_by("pk")
    )
    if not seats:
        return False
    starter = get_user_model().objects.filter(username=OFFICE).first() or actor
    now = timezone.now()
    with transaction.atomic():
        decided = services.procedure_start(
            body=board,
            deadline=now + datetime.timedelta(days=3),
            actor=starter,
            notify=False,
            **DECIDED,
        )
        for index, vote in enumerate(decided.votes.select_related("seat__user")):
            choice = VoteChoice.ABSTAIN if index == len(seats) - 1 else VoteChoice.YES
            services.procedure_vote(
                procedure=decided, vote=vote, choice=choice, actor=vote.seat.user
            )
        running = services.procedure_start(
            body=board,
            deadline=now + datetime.timedelta(days=7),
            actor=starter,
            notify=False,
            **RUNNING,
        )
        # Every seat but the demo's board member (the chair) has voted: their vote,
        # cast with the second factor, completes the procedure, which becomes the
        # board's next decision of the year.
        for vote in running.votes.select_related("seat__user"):
            if vote.seat.user.username != CHAIR:
                services.procedure_vote(
                    procedure=running, vote=vote, choice=VoteChoice.YES, actor=vote.seat.user
                )
    if stdout is not None:
        stdout.write("Umlaufverfahren: 1 abgeschlossen, 1 laufend.")
    return True
