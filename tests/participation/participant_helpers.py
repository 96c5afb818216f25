"""Rows for the participants' tests, made with the ORM where part-office's services
would make them (a procedure put out with its chapters, a weighing, a decision)."""

import datetime

from django.utils import timezone

from participation.models import (
    Participant,
    ParticipantKind,
    ParticipationProcedure,
    ProcedureChapter,
    Statement,
    StatementStatus,
    Weighing,
)
from tests import factories as f


def opened_procedure(world, *, title="Entwurf REK Harz 2030", running=True, chapters=2, **kw):
    """A procedure put out by the office with `chapters` chapters; running (or, with
    running=False, its period ended yesterday)."""
    now = timezone.now()
    if running:
        starts, ends = now - datetime.timedelta(days=1), now + datetime.timedelta(days=20)
    else:
        starts, ends = now - datetime.timedelta(days=30), now - datetime.timedelta(days=1)
    procedure = ParticipationProcedure.objects.create(
        title=title,
        description="Bitte nehmen Sie bis zum Ende der Frist Stellung.",
        starts_at=kw.get("starts_at", starts),
        ends_at=kw.get("ends_at", ends),
        created_by=world.office,
        opened_at=now - datetime.timedelta(days=2),
        opened_by=world.office,
    )
    for position in range(1, chapters + 1):
        ProcedureChapter.objects.create(
            procedure=procedure,
            chapter_version=1,
            position=position,
            title=f"Kapitel {position}",
            text=f"Text des Kapitels {position} im Entwurf.",
        )
    return procedure


def draft_procedure(world, *, title="Entwurf (nicht ausgelegt)"):
    now = timezone.now()
    return ParticipationProcedure.objects.create(
        title=title,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=20),
        created_by=world.office,
    )


def participant_of(procedure, user=None, *, organisation="Gemeinde Huy", invited_by=None):
    user = user or f.participant_account()
    return Participant.objects.create(
        procedure=procedure,
        user=user,
        organisation=organisation,
        kind=ParticipantKind.NEIGHBOUR,
        invited_by=invited_by or procedure.created_by,
    )


def draft(participant, text="Bitte den Radverkehr stärker berücksichtigen.", chapter=None):
    return Statement.objects.create(
        procedure=participant.procedure, participant=participant, chapter=chapter, text=text
    )


def submitted(participant, number, text="Eingereichte Stellungnahme.", chapter=None):
    return Statement.objects.create(
        procedure=participant.procedure,
        participant=participant,
        chapter=chapter,
        text=text,
        status=StatementStatus.SUBMITTED,
        number=number,
        submitted_at=timezone.now(),
    )


def weigh(statement, world, outcome="followed", reasoning="Wird übernommen."):
    return Weighing.objects.create(
        statement=statement, outcome=outcome, reasoning=reasoning, weighed_by=world.office
    )


def decide(procedure, world):
    """The board's decision on the weighing (the world's decision stands in for it)."""
    procedure.decision = world.decision
    procedure.save(update_fields=["decision"])
    return procedure
