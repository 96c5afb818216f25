"""Demo chapters of the joint regional development concept for `manage.py seed_demo`.

The office ("geschaeftsstelle") has written the first two chapters: the starting
point and aims of the shared regional centre, and health care as a shared task.
Each chapter is linked to its function areas and cites agreed findings of the
working groups (seeded by `demo.workinggroups`), found by group and title.

Idempotent: if a chapter with one of the demo titles exists, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from demo import workinggroups as findings_demo
from functions.models import FunctionArea
from overview.models import ConceptChapter
from workinggroups.models import Finding, FindingStatus

OFFICE = findings_demo.OFFICE


@dataclass(frozen=True)
class ChapterSpec:
    position: int
    title: str
    text: str  # Markdown
    areas: tuple[str, ...]  # names of function areas; empty: all
    findings: tuple[tuple[str, str], ...]  # (group short code, finding title)


CHAPTERS = (
    ChapterSpec(
        position=1,
        title="Ausgangslage und Ziele",
        text=(
            "Halberstadt, Wernigerode und Quedlinburg nehmen die Aufgaben eines Oberzentrums "
            "**gemeinsam** wahr. Keine der drei Städte kann die oberzentralen Funktionen "
            "allein tragen; zusammen mit dem Landkreis Harz und der Regionalen "
            "Planungsgemeinschaft sichern sie sie für die ganze Region.\n\n"
            "Die Arbeitsgruppen haben für alle sechs Funktionsbereiche erhoben, was vorhanden "
            "ist und was fehlt. Vorhanden sind unter anderem drei Amtsgerichte, die Hochschule "
            "Harz mit zwei Standorten und ein gemeinsam getragenes Theater. Es fehlen ein "
            "Landgericht, eine Universität und ein Halt des Fernverkehrs.\n\n"
            "Ziele des Konzepts:\n\n"
            "1. die vorhandenen Einrichtungen gemeinsam sichern,\n"
            "2. die Wege zwischen den drei Städten und zu den Fernverkehrsknoten verkürzen,\n"
            "3. Lücken dort schließen, wo es nur gemeinsam gelingt."
        ),
        areas=(),
        findings=(
            ("AGV", findings_demo.COURTS_INVENTORY),
            ("AGB", findings_demo.UNIVERSITY_INVENTORY),
            ("AGI", findings_demo.TRAIN_OBSTACLE),
            ("AGK", findings_demo.THEATRE_INVENTORY),
            ("AGD", findings_demo.RETAIL_INVENTORY),
        ),
    ),
    ChapterSpec(
        position=2,
        title="Gesundheitsversorgung als gemeinsame Aufgabe",
        text=(
            "Die Krankenhäuser der Region sind gut verteilt, die **fachärztliche Versorgung** "
            "ist es nicht: In der Augenheilkunde, der Dermatologie und der Kinder- und "
            "Jugendpsychiatrie warten Patient:innen monatelang, und viele Praxen finden keine "
            "Nachfolge.\n\n"
            "Die Partner gewinnen Fachärztinnen und Fachärzte deshalb gemeinsam und werben "
            "sie einander nicht ab. Außensprechstunden des MVZ in Quedlinburg und "
            "Blankenburg sollen das Angebot in die Fläche bringen."
        ),
        areas=("Gesundheits- und Sozialwesen",),
        findings=(
            ("AGG", findings_demo.HEALTH_INVENTORY),
            ("AGG", findings_demo.HEALTH_OBSTACLE),
            ("AGG", findings_demo.HEALTH_RECOMMENDATION),
        ),
    ),
)

DEMO_TITLES = [spec.title for spec in CHAPTERS]


def seed_concept(*, actor, stdout=None) -> bool:
    """Create the demo chapters unless they exist; return whether anything was written."""
    if ConceptChapter.objects.filter(title__in=DEMO_TITLES).exists():
        if stdout is not None:
            stdout.write("Entwicklungskonzept: Demo-Kapitel sind bereits vorhanden, unverändert.")
        return False
    from overview.services import chapter_create

    office = get_user_model().objects.filter(username=OFFICE).first() or actor
    all_areas = list(FunctionArea.objects.order_by("position"))
    agreed = {
        (f.group.body.short_code, f.title): f
        for f in Finding.objects.filter(status=FindingStatus.AGREED).select_related("group__body")
    }
    with transaction.atomic():
        for spec in CHAPTERS:
            areas = [a for a in all_areas if not spec.areas or a.name in spec.areas]
            chapter_create(
                position=spec.position,
                title=spec.title,
                text=spec.text,
                function_areas=areas,
                findings=[agreed[key] for key in spec.findings if key in agreed],
                actor=office,
            )
    if stdout is not None:
        stdout.write(f"Entwicklungskonzept: {len(CHAPTERS)} Kapitel neu.")
    return True
