"""A finished priority round for `manage.py seed_demo`.

The office opened "Themenschwerpunkte 2027" on four function areas and two proposed
measures; each of the five partners on the board distributed ten points (Quedlinburg's
ballot was cast by its deputy member, and Halberstadt changed its ballot once, so the
history shows both versions). When all five had voted the office closed the round
early, and asked for the result as a paper for the next board meeting: the worker
builds the PDF and attaches it (`make run` starts the worker).

Idempotent: if the round exists, nothing is written. Writes go through the services,
each ballot with its own user as the acting user.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.errors import Conflict
from demo.workinggroups import OFFICE
from functions.models import FunctionArea
from priorities import services
from priorities.models import PriorityRound
from priorities.permissions import ballot_seat

TITLE = "Themenschwerpunkte 2027"
AREAS = (
    "Gesundheits- und Sozialwesen",
    "Verkehrsinfrastruktur",
    "Bildung",
    "Kultur und Sport",
)
MEASURES = ("Regionaler Taktfahrplan Harz", "Gemeinsame Fachkräftegewinnung")
# (username, points in the order: areas, then measures); every row adds up to 10.
BALLOTS = (
    ("ob.halberstadt", (5, 1, 1, 1, 1, 1)),  # first version, changed below
    ("ob.halberstadt", (4, 2, 1, 0, 1, 2)),
    ("ob.wernigerode", (2, 3, 0, 2, 3, 0)),
    ("stv.quedlinburg", (2, 1, 1, 4, 1, 1)),  # the deputy casts Quedlinburg's ballot
    ("landrat.harz", (4, 2, 0, 0, 2, 2)),
    ("leitung.rpg", (2, 4, 0, 0, 3, 1)),
)


def seed_priority_round(*, actor, stdout=None) -> bool:
    """Create the finished demo round unless it exists; return whether anything was written."""
    if PriorityRound.objects.filter(title=TITLE).exists():
        if stdout is not None:
            stdout.write("Prioritätenrunde: bereits vorhanden, unverändert.")
        return False
    users = get_user_model().objects
    office = users.filter(username=OFFICE).first() or actor
    areas = {a.name: a for a in FunctionArea.objects.filter(name__in=AREAS)}
    topics = [(areas[name], name) for name in AREAS if name in areas]
    topics += [(None, title) for title in MEASURES]
    with transaction.atomic():
        round_ = services.round_create(
            title=TITLE,
            description=(
                "Welche Themen soll das Kooperationsgremium 2027 vorrangig angehen? Jeder "
                "Partner verteilt zehn Punkte auf die Funktionsbereiche und die beiden "
                "vorgeschlagenen Maßnahmen."
            ),
            deadline=timezone.now() + datetime.timedelta(days=14),
            points_total=10,
            topics=topics,
            actor=office,
        )
        ordered = list(round_.topics.order_by("position", "pk"))
        cast = 0
        for username, points in BALLOTS:
            user = users.filter(username=username).first()
            seat = ballot_seat(user, round_) if user else None
            if seat is None:
                continue
            services.ballot_cast(
                round_=round_,
                seat=seat,
                points={t.pk: p for t, p in zip(ordered, points, strict=False)},
                actor=user,
            )
            cast += 1
        round_ = services.round_close(round_=round_, actor=office)
        try:
            services.result_paper_request(round_=round_, actor=office)
            paper = "Ergebnis als Vorlage für die nächste Sitzung angefordert"
        except Conflict:
            paper = "keine bevorstehende Sitzung für die Ergebnisvorlage"
    if stdout is not None:
        stdout.write(f"Prioritätenrunde: 1 neu, {cast} Stimmabgaben, beendet; {paper}.")
    return True
