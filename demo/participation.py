"""A running participation procedure on the concept for `manage.py seed_demo`.

The office put the concept's chapters out two weeks ago, until ten days from now, open
to statements of the public as well. It invited two neighbouring municipalities (Goslar,
Aschersleben) and a regional actor (the Harzer Tourismusverband), whose demo accounts
(`beteiligung.goslar`, `beteiligung.aschersleben`, `beteiligung.tourismus`; the demo
password and second factor) see only this procedure. They submitted six statements,
Goslar keeps a seventh as a draft; the office has weighed three of the six.

Idempotent: if the procedure exists, nothing is written. Writes go through the services,
each statement with its participant as the acting user; no e-mail is sent (seed_demo's
`no_mail`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from demo.workinggroups import OFFICE
from overview.models import ConceptChapter
from participation import services
from participation.models import ParticipantKind, ParticipationProcedure, WeighingOutcome

TITLE = "Entwurf des gemeinsamen Entwicklungskonzepts: Beteiligung 2026"
DESCRIPTION = (
    "Die Partner des gemeinsamen Oberzentrums legen den Entwurf ihres Entwicklungskonzepts "
    "aus. Nachbarkommunen, Träger öffentlicher Belange und regionale Akteure sind "
    "eingeladen, zu den Kapiteln Stellung zu nehmen.\n\n"
    "Die Geschäftsstelle wägt jede Stellungnahme ab; das Kooperationsgremium beschließt "
    "über die Abwägung. Danach werden die Abwägungstabelle und die Stellungnahmen (ohne "
    "Kontaktdaten) veröffentlicht."
)


@dataclass(frozen=True)
class Invited:
    username: str
    organisation: str
    kind: str
    contact_name: str


PARTICIPANTS = (
    Invited("beteiligung.goslar", "Stadt Goslar", ParticipantKind.NEIGHBOUR, "Stadtplanungsamt"),
    Invited(
        "beteiligung.aschersleben",
        "Stadt Aschersleben",
        ParticipantKind.NEIGHBOUR,
        "Bauverwaltung",
    ),
    Invited(
        "beteiligung.tourismus",
        "Harzer Tourismusverband e. V.",
        ParticipantKind.REGIONAL_ACTOR,
        "Geschäftsführung",
    ),
)


@dataclass(frozen=True)
class DemoStatement:
    username: str
    chapter: int | None  # position of the chapter put out; None: the concept as a whole
    text: str
    # (outcome, reasoning, change to the chapter) once the office has weighed it
    weighing: tuple[str, str, str] | None = None
    submitted: bool = True


STATEMENTS = (
    DemoStatement(
        "beteiligung.goslar",
        1,
        "Die Stadt Goslar begrüßt das Ziel, die Wege zu den Fernverkehrsknoten zu verkürzen. "
        "Wir regen an, die Verbindung Goslar – Wernigerode – Halberstadt ausdrücklich zu "
        "nennen: Viele Pendlerinnen und Pendler aus dem Nordharz erreichen den Fernverkehr "
        "heute über Goslar und Hannover.",
        weighing=(
            WeighingOutcome.FOLLOWED,
            "Die Verbindung über Goslar ist für den nördlichen Harz ein wichtiger Zugang zum "
            "Fernverkehr. Das Konzept nennt sie künftig ausdrücklich.",
            "Kapitel 1, Ziel 2: „… und zu den Fernverkehrsknoten, auch über Goslar und "
            "Hannover, verkürzen“.",
        ),
    ),
    DemoStatement(
        "beteiligung.goslar",
        2,
        "Die Außensprechstunden des MVZ sollten auch Patientinnen und Patienten aus den "
        "angrenzenden niedersächsischen Orten offenstehen. Wir bieten an, gemeinsam mit dem "
        "Landkreis Goslar über eine Beteiligung an den Kosten zu sprechen.",
        weighing=(
            WeighingOutcome.PARTLY_FOLLOWED,
            "Die Sprechstunden stehen allen Versicherten offen; eine Kostenbeteiligung über "
            "die Landesgrenze hinweg regelt das Konzept nicht, sie bleibt Gesprächen der "
            "Träger vorbehalten.",
            "Kapitel 2: Hinweis auf die Offenheit der Sprechstunden ergänzt.",
        ),
    ),
    DemoStatement(
        "beteiligung.aschersleben",
        2,
        "Die Stadt Aschersleben weist darauf hin, dass die Kinder- und Jugendpsychiatrie "
        "am Standort Aschersleben Patientinnen und Patienten aus dem gesamten Harzvorland "
        "versorgt. Eine Abstimmung der Wartelisten mit den Kliniken im Oberzentrum wäre "
        "sinnvoll.",
        weighing=(
            WeighingOutcome.NOTED,
            "Die Abstimmung der Wartelisten ist eine Aufgabe der Klinikträger. Die "
            "Arbeitsgruppe Gesundheits- und Sozialwesen lädt die Klinik in Aschersleben zu "
            "ihrer nächsten Sitzung ein.",
            "",
        ),
    ),
    DemoStatement(
        "beteiligung.aschersleben",
        None,
        "Das Konzept sollte die Mittelzentren am Rand des Oberzentrums stärker in den Blick "
        "nehmen. Aschersleben übernimmt für Teile des östlichen Harzvorlands Aufgaben, die "
        "im Konzept dem Oberzentrum zugeordnet werden.",
    ),
    DemoStatement(
        "beteiligung.tourismus",
        1,
        "Das gemeinsam getragene Theater ist auch ein touristisches Angebot. Der Verband "
        "bietet an, die Gastspiele in Quedlinburg und Halberstadt in seine Vermarktung "
        "aufzunehmen und mit Übernachtungsangeboten zu verbinden.",
    ),
    DemoStatement(
        "beteiligung.tourismus",
        1,
        "Für Gäste ohne Auto fehlt eine abgestimmte Verbindung zwischen den drei Städten am "
        "Abend. Wir regen an, im Ziel 2 auch die Rückfahrt nach Veranstaltungen zu nennen.",
    ),
    DemoStatement(
        "beteiligung.goslar",
        None,
        "Entwurf: Hinweise zur Radwegeverbindung Ilsenburg – Bad Harzburg (noch in "
        "Abstimmung mit dem Fachbereich).",
        submitted=False,
    ),
)


def seed_participation(*, actor, stdout=None) -> bool:
    if ParticipationProcedure.objects.filter(title=TITLE).exists():
        if stdout is not None:
            stdout.write("Beteiligungsverfahren: bereits vorhanden, unverändert.")
        return False
    if not ConceptChapter.objects.exists():
        return False
    users = get_user_model().objects.in_bulk(
        [OFFICE, *(invited.username for invited in PARTICIPANTS)], field_name="username"
    )
    office = users.get(OFFICE) or actor
    now = timezone.now()
    with transaction.atomic():
        started = now - datetime.timedelta(days=14)
        procedure = services.procedure_create(
            title=TITLE,
            description=DESCRIPTION,
            starts_at=started,
            ends_at=now + datetime.timedelta(days=10),
            public_may_comment=True,
            actor=office,
            now=started,
        )
        procedure = services.procedure_open(procedure=procedure, actor=office, now=started)
        chapters = {chapter.position: chapter for chapter in procedure.chapters.all()}
        participants = {}
        for invited in PARTICIPANTS:
            user = users.get(invited.username)
            if user is None:
                continue
            participants[invited.username] = services.participant_invite(
                procedure=procedure,
                organisation=invited.organisation,
                kind=invited.kind,
                contact_name=invited.contact_name,
                email=user.email,
                actor=office,
            )
        submitted = weighed = 0
        for spec in STATEMENTS:
            participant = participants.get(spec.username)
            if participant is None:
                continue
            statement = services.statement_save(
                participant=participant,
                chapter=chapters.get(spec.chapter) if spec.chapter else None,
                text=spec.text,
                actor=participant.user,
            )
            if not spec.submitted:
                continue
            statement = services.statement_submit(statement=statement, actor=participant.user)
            submitted += 1
            if spec.weighing is not None:
                outcome, reasoning, change = spec.weighing
                services.weighing_save(
                    statement=statement,
                    outcome=outcome,
                    reasoning=reasoning,
                    chapter_change=change,
                    actor=office,
                )
                weighed += 1
    if stdout is not None:
        stdout.write(
            f"Beteiligungsverfahren: 1 neu, laufend; {len(participants)} Beteiligte, "
            f"{submitted} Stellungnahmen (davon {weighed} abgewogen), 1 Entwurf."
        )
    return True
