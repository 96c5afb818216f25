"""Demo meetings for `manage.py seed_demo`: a year of the board and a few working groups.

The board (KG) met about every two months over the past year; every past meeting has
its invitation, the attendance of every voting seat, minutes per agenda item and the
decisions that commission the working groups, with their progress logs. The minutes
of each meeting were approved at the next one, except those of the latest meeting,
which are circulated and wait for the upcoming meeting (in about three weeks, already
invited, with papers and agenda proposals). Three working groups met once or twice.

Everything is written through the meeting services, with the office account
("geschaeftsstelle") or the group leads as the acting users, so the history tells
who did what, and nobody receives e-mail: `seed_demo` runs them with the dummy mail
backend (`demo.mail.no_mail`, for the invitations), and proposals are decided with
`notify=False`. Invitations and decisions are recorded exactly as in the portal;
only the times of what happened in the past (when the invitation went out, when a
proposal was decided) are set back afterwards, without a history entry of their own.

Dates are relative to the day of seeding: meetings on a Thursday at 14:00 Berlin time
(working groups on a Tuesday at 10:00), decisions due before or after today, so that
the follow-up list shows overdue decisions and the dashboard decisions due soon.
The seats come from the memberships `seed_demo` creates (the board since 1 July
2025, the working groups since 1 September 2025), so the past year must begin
after those dates: true for any day from August 2026 on.

Idempotent: the demo meetings are created in one go, or not at all. If any board
meeting with one of the demo titles exists, nothing is written. A run on a later day
therefore finds the meetings by body and title (not by date) and leaves them as they
are: the demo ages with the calendar (the "upcoming" meeting eventually lies in the
past) until the database is set up again.
"""

from __future__ import annotations

import datetime
import textwrap
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cooperation.models import Body, Partner
from core.timezone import BERLIN
from meetings import selectors, services
from meetings.models import (
    AgendaItem,
    AgendaProposal,
    AttendanceStatus,
    DecisionStatus,
    Invitation,
    Meeting,
)
from meetings.services import invitations, paper_add
from workinggroups.models import WorkingGroup

from .papers import demo_pdf

OFFICE = "geschaeftsstelle"
CHAIR = "ob.halberstadt"
BOARD_CODE = "KG"
THURSDAY, TUESDAY = 3, 1

PRESENT = AttendanceStatus.PRESENT
EXCUSED = AttendanceStatus.EXCUSED
REPRESENTED = AttendanceStatus.REPRESENTED

OPEN = DecisionStatus.OPEN
IN_PROGRESS = DecisionStatus.IN_PROGRESS
DONE = DecisionStatus.DONE
DROPPED = DecisionStatus.DROPPED

# The minutes are German text, whatever language the command runs in.
ABSENCE_WORDS = {EXCUSED: "entschuldigt", AttendanceStatus.ABSENT: "abwesend"}

RATHAUS_HALBERSTADT = "Rathaus Halberstadt, Ratssaal, Holzmarkt 1, 38820 Halberstadt"
RATHAUS_WERNIGERODE = "Rathaus Wernigerode, Ratssaal, Marktplatz 1, 38855 Wernigerode"
RATHAUS_QUEDLINBURG = "Rathaus Quedlinburg, Festsaal, Markt 1, 06484 Quedlinburg"
KREISHAUS = (
    "Kreishaus Halberstadt (Landkreis Harz), Sitzungssaal, Friedrich-Ebert-Straße 42, "
    "38820 Halberstadt"
)
HARZKLINIKUM = (
    "Harzklinikum, Standort Quedlinburg, Konferenzraum, Ditfurter Weg 24, 06484 Quedlinburg"
)
VIDEO_BOARD = "https://video.demo.impuls.invalid/kooperationsgremium"
VIDEO_AGG = "https://video.demo.impuls.invalid/ag-gesundheit"


# --- What the demo consists of ------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    days: int  # relative to today (negative: in the past); never later than today
    author: str  # username
    status: str
    note: str


@dataclass(frozen=True)
class DecisionSpec:
    title: str
    text: str
    groups: tuple[str, ...] = ()  # short codes of the commissioned working groups
    due: int | None = None  # days relative to today
    votes_no: int = 0
    votes_abstain: int = 0
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class PaperSpec:
    title: str
    file_name: str
    text: str


@dataclass(frozen=True)
class ItemSpec:
    title: str
    minutes: str = ""  # Markdown; generated for the opening and the previous minutes
    description: str = ""
    is_public: bool = True
    presenter: str = ""  # username
    partner: str = ""  # short name of the presenting partner
    decisions: tuple[DecisionSpec, ...] = ()
    papers: tuple[PaperSpec, ...] = ()
    kind: str = ""  # "opening", "previous_minutes" or "" (minutes as written)
    proposed_by: str = ""  # an accepted agenda proposal of this member (upcoming meeting)


@dataclass(frozen=True)
class MeetingSpec:
    body: str  # short code
    title: str
    days: int  # relative to today; moved to the weekday of the same week
    items: tuple[ItemSpec, ...]
    location: str = ""
    video_url: str = ""
    weekday: int = THURSDAY
    hour: int = 14
    hours: float = 2.5
    absences: tuple[tuple[str, str], ...] = ()  # (username, status); everyone else present
    papers: tuple[PaperSpec, ...] = ()  # papers of the whole meeting


def opening() -> ItemSpec:
    return ItemSpec(
        "Eröffnung, Feststellung der Beschlussfähigkeit und Genehmigung der Tagesordnung",
        presenter=CHAIR,
        partner="Halberstadt",
        kind="opening",
    )


def previous_minutes(
    minutes: str = "", *, presenter: str = CHAIR, partner: str = "Halberstadt"
) -> ItemSpec:
    return ItemSpec(
        "Genehmigung des Protokolls der letzten Sitzung",
        presenter=presenter,
        partner=partner,
        minutes=minutes,
        kind="previous_minutes",
    )


def office_report(minutes: str) -> ItemSpec:
    return ItemSpec(
        "Bericht der Geschäftsstelle", minutes=minutes, presenter=OFFICE, partner="RPG Harz"
    )


BOARD_MEETINGS = (
    MeetingSpec(
        body=BOARD_CODE,
        title="3. Sitzung des Kooperationsgremiums",
        days=-350,
        location=RATHAUS_HALBERSTADT,
        items=(
            opening(),
            previous_minutes(
                "Die Niederschrift der 2. Sitzung wird ohne Änderungen genehmigt (einstimmig)."
            ),
            office_report(
                "Die Geschäftsstelle berichtet über die ersten Monate seit Inkrafttreten des "
                "Vertrags:\n\n"
                "- alle sechs Arbeitsgruppen haben sich konstituiert,\n"
                "- das Portal IMPULS ist für die Mitglieder freigeschaltet,\n"
                "- der Förderantrag für die Geschäftsstelle liegt beim Land.\n\n"
                "Das Gremium nimmt den Bericht zur Kenntnis."
            ),
            ItemSpec(
                "Beauftragung der AG Gesundheit mit einer Bestandsaufnahme der fachärztlichen "
                "Versorgung",
                description=(
                    "Wartezeiten und Wege zu Fachärztinnen und Fachärzten nehmen in der "
                    "Region zu. Grundlage für ein abgestimmtes Zielbild ist eine belastbare "
                    "Bestandsaufnahme."
                ),
                partner="Harzklinikum",
                minutes=(
                    "Die Leitung der AG Gesundheits- und Sozialwesen erläutert, dass die "
                    "Zahlen der Kassenärztlichen Vereinigung nur die Planungsbereiche zeigen, "
                    "nicht aber die tatsächlichen Wege. Die AG will deshalb die Praxen in "
                    "Halberstadt, Wernigerode und Quedlinburg direkt befragen.\n\n"
                    "Der Landkreis sagt die Daten des Gesundheitsamts zu."
                ),
                decisions=(
                    DecisionSpec(
                        "Bestandsaufnahme der fachärztlichen Versorgung",
                        "Das Kooperationsgremium beauftragt die AG Gesundheits- und Sozialwesen, "
                        "eine Bestandsaufnahme der fachärztlichen Versorgung in den drei "
                        "Städten und ihrem Umland zu erstellen (Fachrichtungen, Wartezeiten, "
                        "Altersstruktur der Praxisinhaber:innen) und dem Gremium zu berichten.",
                        groups=("AGG",),
                        due=-240,
                        progress=(
                            Progress(
                                -320,
                                "ag.gesundheit.leitung",
                                IN_PROGRESS,
                                "Fragebogen für die Praxen mit der Kassenärztlichen "
                                "Vereinigung abgestimmt und versandt.",
                            ),
                            Progress(
                                -245,
                                "ag.gesundheit.leitung",
                                DONE,
                                "Bestandsaufnahme abgeschlossen; der Bericht wird in der "
                                "5. Sitzung vorgestellt.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Arbeitsprogramme der Arbeitsgruppen für das kommende Jahr",
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Die Geschäftsstelle schlägt vor, dass zunächst die AG Bildung, die AG "
                    "Verwaltung und Rechtspflege und die AG Verkehrsinfrastruktur ein "
                    "Arbeitsprogramm mit Meilensteinen vorlegen. Die übrigen Arbeitsgruppen "
                    "folgen nach der Bestandsaufnahme."
                ),
                decisions=(
                    DecisionSpec(
                        "Arbeitsprogramme der Arbeitsgruppen",
                        "Die AG Bildung, die AG Verwaltung und Rechtspflege und die AG "
                        "Verkehrsinfrastruktur legen der Geschäftsstelle je ein Arbeitsprogramm "
                        "mit Meilensteinen für das kommende Jahr vor.",
                        groups=("AGB", "AGV", "AGI"),
                        due=-280,
                        progress=(
                            Progress(
                                -300,
                                OFFICE,
                                IN_PROGRESS,
                                "Die Arbeitsprogramme der AG Bildung und der AG "
                                "Verkehrsinfrastruktur liegen vor.",
                            ),
                            Progress(
                                -285,
                                OFFICE,
                                DONE,
                                "Alle drei Arbeitsprogramme liegen vor und sind im Portal "
                                "abgelegt.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Haushalt der Geschäftsstelle",
                description="Wirtschaftsplan der Geschäftsstelle für das kommende Jahr.",
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Der Wirtschaftsplan sieht Personal- und Sachkosten von 186.000 Euro vor. "
                    "Die Verteilung folgt dem Kostenschlüssel der 1. Änderungsvereinbarung "
                    "(40 Prozent zu gleichen Teilen, 60 Prozent nach Einwohnerzahl)."
                ),
                decisions=(
                    DecisionSpec(
                        "Wirtschaftsplan der Geschäftsstelle",
                        "Das Kooperationsgremium beschließt den Wirtschaftsplan der "
                        "Geschäftsstelle in der vorgelegten Fassung. Die Beiträge der "
                        "Vertragsparteien richten sich nach dem vereinbarten Kostenschlüssel.",
                        progress=(
                            Progress(
                                -335,
                                OFFICE,
                                DONE,
                                "Zahlungsaufforderungen nach dem Kostenschlüssel an die "
                                "Vertragsparteien versandt.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        body=BOARD_CODE,
        title="4. Sitzung des Kooperationsgremiums",
        days=-290,
        location=RATHAUS_WERNIGERODE,
        absences=(("landrat.harz", REPRESENTED),),
        items=(
            opening(),
            previous_minutes(),
            office_report(
                "Das Land hat die Förderung der Geschäftsstelle für zwei Jahre bewilligt. "
                "Die Geschäftsstelle stellt den Sachstand der Beschlüsse vor; alle Aufträge "
                "der 3. Sitzung sind in Arbeit."
            ),
            ItemSpec(
                "Erreichbarkeit der IC-/ICE-Knoten Magdeburg, Halle und Hannover",
                description=(
                    "Reisezeiten aus den drei Städten zu den Fernverkehrsknoten und "
                    "Forderungen an den Nahverkehrsplan des Landes."
                ),
                partner="RPG Harz",
                presenter="ag.verkehr.leitung",
                minutes=(
                    "Von Quedlinburg nach Hannover dauert die schnellste Verbindung mit "
                    "Umstieg derzeit mehr als zwei Stunden. Die Mitglieder sind sich einig, "
                    "dass die Region gegenüber dem Land mit einer Stimme auftreten muss.\n\n"
                    "Die AG Verkehrsinfrastruktur soll die Reisezeiten erheben und eine "
                    "gemeinsame Stellungnahme zum Nahverkehrsplan vorbereiten."
                ),
                decisions=(
                    DecisionSpec(
                        "Stellungnahme zur Anbindung an die Fernverkehrsknoten",
                        "Die AG Verkehrsinfrastruktur erhebt die Reisezeiten aus Halberstadt, "
                        "Wernigerode und Quedlinburg zu den IC-/ICE-Knoten Magdeburg, Halle "
                        "und Hannover und bereitet eine gemeinsame Stellungnahme zum "
                        "Nahverkehrsplan des Landes vor.",
                        groups=("AGI",),
                        due=-150,
                        progress=(
                            Progress(
                                -270,
                                "ag.verkehr.leitung",
                                IN_PROGRESS,
                                "Reisezeitanalyse für alle drei Städte begonnen; Fahrplandaten "
                                "des Landes liegen vor.",
                            ),
                            Progress(
                                -160,
                                "ag.verkehr.leitung",
                                DONE,
                                "Stellungnahme an die Nahverkehrsservice Sachsen-Anhalt GmbH "
                                "übersandt.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Gemeinsame Trägerschaft des Nordharzer Städtebundtheaters",
                description=(
                    "Das Theater spielt in Halberstadt und Quedlinburg. Zu prüfen ist, ob "
                    "eine gemeinsame Trägerschaft der Partner seine Zukunft sichert."
                ),
                partner="Quedlinburg",
                presenter="ag.kultur.leitung",
                minutes=(
                    "Die Welterbestadt Quedlinburg stellt die Finanzierung des Theaters dar. "
                    "Wernigerode unterstützt die Prüfung, behält sich die Entscheidung über "
                    "eine eigene Beteiligung aber vor.\n\n"
                    "Die AG Kultur und Sport soll Modelle einer gemeinsamen Trägerschaft mit "
                    "ihren Kosten vergleichen."
                ),
                decisions=(
                    DecisionSpec(
                        "Prüfung einer gemeinsamen Trägerschaft des Nordharzer Städtebundtheaters",
                        "Die AG Kultur und Sport prüft Modelle einer gemeinsamen Trägerschaft "
                        "des Nordharzer Städtebundtheaters durch die Vertragsparteien "
                        "(Zweckverband, gGmbH, Finanzierungsvereinbarung) und legt einen "
                        "Kostenvergleich vor.",
                        groups=("AGK",),
                        due=-20,
                        votes_abstain=1,
                        progress=(
                            Progress(
                                -140,
                                "ag.kultur.leitung",
                                IN_PROGRESS,
                                "Gespräche mit der Intendanz und den bisherigen Trägern "
                                "geführt; ein Gutachten zu den Finanzierungsmodellen ist "
                                "beauftragt.",
                            ),
                            Progress(
                                -30,
                                "ag.kultur.leitung",
                                IN_PROGRESS,
                                "Das Gutachten verzögert sich; die Vorlage folgt voraussichtlich "
                                "zur 9. Sitzung.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Personalangelegenheit der Geschäftsstelle (nicht öffentlich)",
                is_public=False,
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Für die Stelle Referent:in Regionalentwicklung sind elf Bewerbungen "
                    "eingegangen. Das Auswahlgremium empfiehlt die Bewerberin mit "
                    "Erfahrung in der Regionalplanung; die Vergütung richtet sich nach "
                    "Entgeltgruppe 11 TVöD."
                ),
                decisions=(
                    DecisionSpec(
                        "Besetzung der Stelle Referent:in Regionalentwicklung",
                        "Das Kooperationsgremium stimmt der Besetzung der Stelle Referent:in "
                        "Regionalentwicklung nach dem Vorschlag des Auswahlgremiums zu.",
                        progress=(
                            Progress(
                                -250,
                                OFFICE,
                                DONE,
                                "Arbeitsvertrag geschlossen; Dienstantritt zum Monatsersten.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        body=BOARD_CODE,
        title="5. Sitzung des Kooperationsgremiums",
        days=-230,
        location=RATHAUS_QUEDLINBURG,
        absences=(("ob.quedlinburg", EXCUSED),),
        items=(
            opening(),
            previous_minutes(),
            office_report(
                "Die neue Referentin für Regionalentwicklung hat ihre Arbeit aufgenommen. "
                "Die Geschäftsstelle bereitet den ersten Bericht an die kommunalen Räte vor."
            ),
            ItemSpec(
                "Bericht der AG Gesundheit: Bestandsaufnahme der fachärztlichen Versorgung",
                partner="Harzklinikum",
                presenter="ag.gesundheit.leitung",
                minutes=(
                    "Die AG stellt die Ergebnisse vor: In der Augenheilkunde, der Dermatologie "
                    "und der Kinder- und Jugendpsychiatrie betragen die Wartezeiten mehr als "
                    "drei Monate; ein Drittel der Praxisinhaber:innen ist älter als 60 Jahre.\n\n"
                    "Das Gremium dankt der AG und nimmt den Bericht zur Kenntnis. Über "
                    "Maßnahmen wird nach der Sommerpause beraten."
                ),
                papers=(
                    PaperSpec(
                        "Bestandsaufnahme der fachärztlichen Versorgung (Bericht der AG)",
                        "Bestandsaufnahme_fachaerztliche_Versorgung.pdf",
                        "Bericht der AG Gesundheits- und Sozialwesen an das "
                        "Kooperationsgremium. Befragt wurden 214 Praxen in Halberstadt, "
                        "Wernigerode, Quedlinburg und dem Umland; 61 Prozent haben "
                        "geantwortet. Engpässe bestehen in der Augenheilkunde, der "
                        "Dermatologie und der Kinder- und Jugendpsychiatrie.",
                    ),
                ),
            ),
            ItemSpec(
                "Sicherung der Gerichtsstandorte: gemeinsame Position gegenüber dem Land",
                partner="LK Harz",
                presenter="ag.verwaltung.leitung",
                minutes=(
                    "Das Land prüft eine Neuordnung der Amtsgerichtsbezirke. Der Landkreis "
                    "schlägt vor, dass die Partner eine gemeinsame Position zu den Standorten "
                    "in Halberstadt, Wernigerode und Quedlinburg erarbeiten."
                ),
                decisions=(
                    DecisionSpec(
                        "Gemeinsame Position zu den Gerichtsstandorten",
                        "Die AG Verwaltung und Rechtspflege erarbeitet ein Positionspapier zur "
                        "Sicherung der Gerichtsstandorte in der Region, das die Vorsitzende "
                        "oder der Vorsitzende dem Ministerium für Justiz übergibt.",
                        groups=("AGV",),
                        due=-130,
                        progress=(
                            Progress(
                                -200,
                                "ag.verwaltung.leitung",
                                IN_PROGRESS,
                                "Fallzahlen und Erreichbarkeit der Amtsgerichte ausgewertet.",
                            ),
                            Progress(
                                -135,
                                "ag.verwaltung.leitung",
                                DONE,
                                "Positionspapier dem Ministerium für Justiz übergeben.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Gemeinsames Einzelhandelskonzept für den aperiodischen Bedarf",
                partner="Halberstadt",
                presenter="ag.versorgung.leitung",
                minutes=(
                    "Mehrere Anfragen zu großflächigen Fachmärkten an den Stadträndern zeigen, "
                    "dass die Städte ihre Ansiedlungspolitik abstimmen müssen. Die AG "
                    "Versorgung und Dienstleistung soll ein gemeinsames Konzept vergeben."
                ),
                decisions=(
                    DecisionSpec(
                        "Gemeinsames Einzelhandelskonzept",
                        "Die AG Versorgung und Dienstleistung lässt ein gemeinsames "
                        "Einzelhandelskonzept für den aperiodischen Bedarf erarbeiten, das die "
                        "Innenstädte stärkt und großflächige Ansiedlungen zwischen den Städten "
                        "abstimmt.",
                        groups=("AGD",),
                        due=14,
                        progress=(
                            Progress(
                                -180,
                                "ag.versorgung.leitung",
                                IN_PROGRESS,
                                "Angebote von drei Planungsbüros eingeholt; Auftrag vergeben.",
                            ),
                            Progress(
                                -25,
                                "ag.versorgung.leitung",
                                IN_PROGRESS,
                                "Der Entwurf liegt vor und wird mit den Städten abgestimmt.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Gemeinsamer Auftritt auf der Internationalen Tourismus-Börse",
                partner="Quedlinburg",
                minutes=(
                    "Quedlinburg regt einen gemeinsamen Stand der drei Städte an. Die "
                    "Geschäftsstelle soll klären, ob ein eigener Auftritt neben dem des "
                    "Harzer Tourismusverbands sinnvoll ist."
                ),
                decisions=(
                    DecisionSpec(
                        "Prüfung eines gemeinsamen Messeauftritts",
                        "Die Geschäftsstelle klärt mit dem Harzer Tourismusverband, ob ein "
                        "gemeinsamer Messeauftritt der drei Städte sinnvoll ist.",
                        due=-100,
                        votes_no=1,
                        progress=(
                            Progress(
                                -150,
                                OFFICE,
                                DROPPED,
                                "Der Harzer Tourismusverband vertritt die Städte bereits auf "
                                "der Messe; ein eigener Auftritt wird nicht weiterverfolgt.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        body=BOARD_CODE,
        title="6. Sitzung des Kooperationsgremiums",
        days=-170,
        location=KREISHAUS,
        absences=(("ob.wernigerode", REPRESENTED), ("leitung.rpg", EXCUSED)),
        items=(
            opening(),
            previous_minutes(),
            office_report(
                "Die Geschäftsstelle berichtet über den Stand der Beschlüsse: die Stellungnahme "
                "zur Fernverkehrsanbindung ist in Arbeit, das Einzelhandelskonzept vergeben."
            ),
            ItemSpec(
                "Bericht an die kommunalen Räte",
                description="Jahresbericht nach § 5 des Vertrags.",
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Nach § 5 des Vertrags berichtet das Gremium mindestens einmal jährlich den "
                    "Stadträten und dem Kreistag. Der Bericht soll die Beschlüsse und ihren "
                    "Umsetzungsstand in verständlicher Form darstellen."
                ),
                decisions=(
                    DecisionSpec(
                        "Jahresbericht an die kommunalen Räte",
                        "Die Geschäftsstelle erstellt den Jahresbericht an die Stadträte und den "
                        "Kreistag und legt ihn dem Gremium zur Beschlussfassung vor.",
                        due=10,
                        progress=(
                            Progress(
                                -40,
                                OFFICE,
                                IN_PROGRESS,
                                "Gliederung abgestimmt; Beiträge der Arbeitsgruppen angefordert.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Universitäres Angebot in der Region",
                partner="Wernigerode",
                presenter="ag.bildung.leitung",
                minutes=(
                    "Die Hochschule Harz ist bereit, mit einer Universität des Landes einen "
                    "kooperativen Studiengang anzubieten. Die AG Bildung soll mögliche "
                    "Fachrichtungen und Partner benennen."
                ),
                decisions=(
                    DecisionSpec(
                        "Konzept für ein universitäres Angebot",
                        "Die AG Bildung erarbeitet mit der Hochschule Harz ein Konzept, wie ein "
                        "universitäres Angebot in Kooperation mit den Universitäten des Landes "
                        "in die Region geholt werden kann.",
                        groups=("AGB",),
                        due=-45,
                    ),
                ),
            ),
            ItemSpec(
                "Förderung der Geschäftsstelle durch das Land (nicht öffentlich)",
                is_public=False,
                presenter=CHAIR,
                partner="Halberstadt",
                minutes=(
                    "Das Ministerium stellt eine Verlängerung der Förderung in Aussicht, "
                    "verlangt aber eine höhere Eigenbeteiligung. Die Mitglieder halten einen "
                    "Eigenanteil von bis zu 30 Prozent für vertretbar."
                ),
                decisions=(
                    DecisionSpec(
                        "Verhandlungsmandat zur Förderung der Geschäftsstelle",
                        "Die Vorsitzende oder der Vorsitzende wird ermächtigt, mit dem Land über "
                        "die Verlängerung der Förderung bei einem Eigenanteil von bis zu "
                        "30 Prozent zu verhandeln.",
                        due=-90,
                        progress=(
                            Progress(
                                -95,
                                OFFICE,
                                DONE,
                                "Der Zuwendungsbescheid des Landes liegt vor; Eigenanteil "
                                "25 Prozent.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        body=BOARD_CODE,
        title="7. Sitzung des Kooperationsgremiums",
        days=-110,
        video_url=VIDEO_BOARD,
        hours=1.5,
        items=(
            opening(),
            previous_minutes(),
            office_report(
                "Die Sitzung findet wegen der Sommerferien als Videokonferenz statt. Die "
                "Geschäftsstelle berichtet, dass der Entwurf des Landesentwicklungsplans "
                "veröffentlicht ist; die Frist für Stellungnahmen ist knapp."
            ),
            ItemSpec(
                "Stellungnahme zum Entwurf des Landesentwicklungsplans",
                description="Kapitel Zentrale Orte und Verkehr.",
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Der Entwurf sieht für Halberstadt, Wernigerode und Quedlinburg weiterhin "
                    "nur Mittelzentren vor. Das Gremium will die gemeinsame Wahrnehmung "
                    "oberzentraler Funktionen im Plan verankert sehen."
                ),
                decisions=(
                    DecisionSpec(
                        "Stellungnahme zum Landesentwicklungsplan",
                        "Die AG Verwaltung und Rechtspflege und die AG Verkehrsinfrastruktur "
                        "erarbeiten eine gemeinsame Stellungnahme zum Entwurf des "
                        "Landesentwicklungsplans, die das gemeinsame Oberzentrum und die "
                        "Anbindung an den Fernverkehr begründet.",
                        groups=("AGV", "AGI"),
                        due=-15,
                        progress=(
                            Progress(
                                -80,
                                "ag.verwaltung.leitung",
                                IN_PROGRESS,
                                "Entwurf zum Kapitel Zentrale Orte abgestimmt; das Kapitel "
                                "Verkehr fehlt noch.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Abgestimmte Takte zwischen den Regionalbahnhöfen",
                partner="RPG Harz",
                presenter="ag.verkehr.leitung",
                minutes=(
                    "Die Anschlüsse in Halberstadt zwischen den Linien nach Wernigerode und "
                    "Quedlinburg gehen häufig verloren. Die AG Verkehrsinfrastruktur soll "
                    "einen Vorschlag für abgestimmte Takte erarbeiten."
                ),
                decisions=(
                    DecisionSpec(
                        "Vorschlag für abgestimmte Takte",
                        "Die AG Verkehrsinfrastruktur erarbeitet einen Vorschlag für "
                        "abgestimmte Takte und gesicherte Anschlüsse zwischen den "
                        "Regionalbahnhöfen Halberstadt, Wernigerode und Quedlinburg.",
                        groups=("AGI",),
                        due=25,
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        body=BOARD_CODE,
        title="8. Sitzung des Kooperationsgremiums",
        days=-50,
        location=RATHAUS_HALBERSTADT,
        absences=(("landrat.harz", REPRESENTED), ("ob.quedlinburg", REPRESENTED)),
        items=(
            opening(),
            previous_minutes(),
            office_report(
                "Die Geschäftsstelle stellt die Liste der Beschlüsse vor. Zwei Aufträge sind "
                "überfällig; die Arbeitsgruppen haben neue Termine genannt."
            ),
            ItemSpec(
                "Haushalt der Geschäftsstelle für das kommende Jahr",
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Der Entwurf des Wirtschaftsplans steigt wegen der Tarifsteigerungen um "
                    "4 Prozent. Die Beiträge müssen in den Haushalten der Partner eingeplant "
                    "werden."
                ),
                decisions=(
                    DecisionSpec(
                        "Wirtschaftsplan der Geschäftsstelle für das kommende Jahr",
                        "Das Kooperationsgremium stimmt dem Entwurf des Wirtschaftsplans zu. "
                        "Die Vertragsparteien planen ihre Beiträge in ihren Haushalten ein und "
                        "melden der Geschäftsstelle den Beschluss ihrer Räte.",
                        due=40,
                    ),
                ),
            ),
            ItemSpec(
                "Fachärztliche Versorgung: medizinische Versorgungszentren in den kleineren "
                "Städten",
                partner="Harzklinikum",
                presenter="ag.gesundheit.leitung",
                minutes=(
                    "Auf der Grundlage der Bestandsaufnahme schlägt die AG vor, Außenstellen "
                    "eines medizinischen Versorgungszentrums in Blankenburg und Thale zu "
                    "prüfen. Die Nachbarkommunen sollen beteiligt werden."
                ),
                decisions=(
                    DecisionSpec(
                        "Konzept für Außenstellen medizinischer Versorgungszentren",
                        "Die AG Gesundheits- und Sozialwesen erarbeitet mit dem Harzklinikum "
                        "und den Nachbarkommunen ein Konzept für Außenstellen medizinischer "
                        "Versorgungszentren in den kleineren Städten.",
                        groups=("AGG",),
                        due=150,
                        progress=(
                            Progress(
                                -20,
                                "ag.gesundheit.leitung",
                                IN_PROGRESS,
                                "Erste Gespräche mit Blankenburg und Thale geführt.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Personalangelegenheit der Geschäftsstelle (nicht öffentlich)",
                is_public=False,
                presenter=OFFICE,
                partner="RPG Harz",
                minutes=(
                    "Die befristete Projektstelle Datenmanagement endet zum Jahresende. Die "
                    "Geschäftsstelle empfiehlt eine Verlängerung um zwei Jahre, finanziert aus "
                    "der Förderung des Landes."
                ),
                decisions=(
                    DecisionSpec(
                        "Verlängerung der Projektstelle Datenmanagement",
                        "Das Kooperationsgremium stimmt der Verlängerung der Projektstelle "
                        "Datenmanagement um zwei Jahre zu.",
                        due=5,
                        progress=(
                            Progress(
                                -10,
                                OFFICE,
                                IN_PROGRESS,
                                "Änderungsvertrag ist bei der Personalstelle in Vorbereitung.",
                            ),
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "Verschiedenes",
                minutes=(
                    "Die nächste Sitzung findet im Rathaus Wernigerode statt. Quedlinburg "
                    "kündigt einen Vorschlag zur gemeinsamen Vermarktung der Kulturangebote an."
                ),
            ),
        ),
    ),
)

# The upcoming meeting: invited, with papers and agenda proposals, nothing recorded yet.
UPCOMING = MeetingSpec(
    body=BOARD_CODE,
    title="9. Sitzung des Kooperationsgremiums",
    days=21,
    location=RATHAUS_WERNIGERODE,
    items=(
        opening(),
        ItemSpec(
            "Genehmigung des Protokolls der 8. Sitzung",
            presenter=CHAIR,
            partner="Halberstadt",
        ),
        ItemSpec("Bericht der Geschäftsstelle", presenter=OFFICE, partner="RPG Harz"),
        ItemSpec(
            "Jahresbericht an die kommunalen Räte",
            description="Beschluss über den Jahresbericht nach § 5 des Vertrags.",
            presenter=OFFICE,
            partner="RPG Harz",
            papers=(
                PaperSpec(
                    "Entwurf des Jahresberichts an die kommunalen Räte",
                    "Entwurf_Jahresbericht.pdf",
                    "Das Kooperationsgremium hat im Berichtsjahr sechsmal getagt und "
                    "siebzehn Beschlüsse gefasst. Die Arbeitsgruppen haben die "
                    "Bestandsaufnahme der fachärztlichen Versorgung, ein Positionspapier zu "
                    "den Gerichtsstandorten und eine Stellungnahme zur Fernverkehrsanbindung "
                    "vorgelegt.",
                ),
            ),
        ),
        ItemSpec(
            "Gemeinsame Trägerschaft des Nordharzer Städtebundtheaters: Zwischenbericht",
            presenter="ag.kultur.leitung",
            partner="Quedlinburg",
        ),
        ItemSpec(
            "Fachkräftegewinnung für das Gesundheitswesen: gemeinsame Kampagne",
            description=(
                "Vorschlag des Landkreises: eine gemeinsame Kampagne der Partner und des "
                "Harzklinikums, um Ärztinnen, Ärzte und Pflegekräfte in die Region zu holen."
            ),
            proposed_by="landrat.harz",
            partner="LK Harz",
        ),
        ItemSpec("Sitzungsplan für das kommende Jahr", presenter=OFFICE, partner="RPG Harz"),
        ItemSpec(
            "Personalangelegenheit der Geschäftsstelle (nicht öffentlich)",
            is_public=False,
            presenter=OFFICE,
            partner="RPG Harz",
            papers=(
                PaperSpec(
                    "Vorlage zur Personalangelegenheit",
                    "Vorlage_Personal.pdf",
                    "Nicht öffentliche Vorlage: Stellenplan der Geschäftsstelle und "
                    "Vorschlag zur Eingruppierung der Referentin Regionalentwicklung.",
                ),
            ),
        ),
    ),
    papers=(
        PaperSpec(
            "Einladung und Tagesordnung",
            "Einladung_9_Sitzung.pdf",
            "Die Geschäftsstelle lädt im Auftrag des Vorsitzes zur 9. Sitzung des "
            "Kooperationsgremiums im Rathaus Wernigerode ein. Die Tagesordnung und die "
            "Vorlagen stehen im Portal IMPULS bereit.",
        ),
    ),
)

# (proposer, title, description, reason for declining or "" while pending)
UPCOMING_PROPOSALS = (
    (
        "ob.wernigerode",
        "Neuordnung der Schulbezirke der Gymnasien",
        "Die Schulbezirke der Gymnasien in Wernigerode und Halberstadt sollen gemeinsam "
        "neu geschnitten werden.",
        "Die Schulentwicklungsplanung liegt beim Landkreis als Schulträger und gehört nicht "
        "zu den gemeinsam wahrgenommenen Funktionen. Die Geschäftsstelle bittet die AG "
        "Bildung, das Thema für die erste Sitzung des neuen Jahres vorzubereiten.",
    ),
    (
        "ob.quedlinburg",
        "Gemeinsame Vermarktung der Kulturangebote im Oberzentrum",
        "Ein gemeinsamer Veranstaltungskalender und ein Kombiticket für Theater, Museen und "
        "Konzerte in den drei Städten.",
        "",
    ),
)

WORKING_GROUP_MEETINGS = (
    MeetingSpec(
        body="AGG",
        title="1. Sitzung der AG Gesundheits- und Sozialwesen",
        days=-320,
        weekday=TUESDAY,
        hour=10,
        hours=2,
        location=HARZKLINIKUM,
        items=(
            ItemSpec(
                "Auftrag des Kooperationsgremiums: Bestandsaufnahme der fachärztlichen Versorgung",
                presenter="ag.gesundheit.leitung",
                partner="Harzklinikum",
                minutes=(
                    "Die Leitung stellt den Beschluss des Kooperationsgremiums vor. Die AG "
                    "einigt sich auf die Fachrichtungen, die befragt werden."
                ),
            ),
            ItemSpec(
                "Fragebogen für die Praxen",
                presenter="ag.gesundheit.mitglied",
                partner="LK Harz",
                minutes=(
                    "Der Entwurf des Fragebogens wird um die Altersstruktur der "
                    "Praxisinhaber:innen ergänzt. Der Versand erfolgt über die Kassenärztliche "
                    "Vereinigung."
                ),
            ),
            ItemSpec(
                "Zeitplan und Arbeitsteilung",
                minutes=(
                    "Rücklauf bis Ende des übernächsten Monats; die Auswertung übernimmt das "
                    "Harzklinikum, die Karten die Geschäftsstelle."
                ),
            ),
        ),
    ),
    MeetingSpec(
        body="AGG",
        title="2. Sitzung der AG Gesundheits- und Sozialwesen",
        days=-250,
        weekday=TUESDAY,
        hour=10,
        hours=1.5,
        video_url=VIDEO_AGG,
        absences=(("ag.gesundheit.mitglied", EXCUSED),),
        items=(
            previous_minutes(
                "Die Niederschrift der 1. Sitzung wird ohne Änderungen genehmigt.",
                presenter="ag.gesundheit.leitung",
                partner="Harzklinikum",
            ),
            ItemSpec(
                "Auswertung der Rückmeldungen",
                presenter="ag.gesundheit.leitung",
                partner="Harzklinikum",
                minutes=(
                    "61 Prozent der Praxen haben geantwortet. Die Engpässe liegen in der "
                    "Augenheilkunde, der Dermatologie und der Kinder- und Jugendpsychiatrie."
                ),
            ),
            ItemSpec(
                "Bericht an das Kooperationsgremium",
                minutes=(
                    "Die Leitung stellt den Bericht in der nächsten Sitzung des "
                    "Kooperationsgremiums vor; die Geschäftsstelle stellt ihn vorab ins Portal."
                ),
            ),
        ),
    ),
    MeetingSpec(
        body="AGI",
        title="1. Sitzung der AG Verkehrsinfrastruktur",
        days=-270,
        weekday=TUESDAY,
        hour=10,
        hours=2,
        location=RATHAUS_HALBERSTADT,
        items=(
            ItemSpec(
                "Auftrag: Erreichbarkeit der IC-/ICE-Knoten Magdeburg, Halle und Hannover",
                presenter="ag.verkehr.leitung",
                partner="RPG Harz",
                minutes=(
                    "Die AG legt fest, dass die Reisezeiten zu den Hauptverkehrszeiten und am "
                    "Wochenende erhoben werden."
                ),
            ),
            ItemSpec(
                "Reisezeitanalyse: Vorgehen",
                presenter="ag.verkehr.mitglied",
                partner="LK Harz",
                minutes=(
                    "Der Landkreis stellt die Fahrplandaten des Busverkehrs bereit; die "
                    "Bahnverbindungen wertet die Planungsgemeinschaft aus."
                ),
            ),
            ItemSpec(
                "Abstimmung mit der Nahverkehrsservice Sachsen-Anhalt GmbH",
                presenter="ag.mitglied",
                partner="Halberstadt",
                minutes=(
                    "Ein Gesprächstermin ist vereinbart; die Stadt Halberstadt bereitet die "
                    "Fragen zum Knoten Halberstadt vor."
                ),
            ),
        ),
    ),
    MeetingSpec(
        body="AGI",
        title="2. Sitzung der AG Verkehrsinfrastruktur",
        days=-90,
        weekday=TUESDAY,
        hour=10,
        hours=2,
        location=KREISHAUS,
        absences=(("ag.verkehr.mitglied", EXCUSED),),
        items=(
            previous_minutes(
                "Die Niederschrift der 1. Sitzung wird ohne Änderungen genehmigt.",
                presenter="ag.verkehr.leitung",
                partner="RPG Harz",
            ),
            ItemSpec(
                "Stellungnahme zum Landesentwicklungsplan: Kapitel Verkehr",
                presenter="ag.verkehr.leitung",
                partner="RPG Harz",
                minutes=(
                    "Die AG Verkehrsinfrastruktur übernimmt das Kapitel Verkehr der "
                    "gemeinsamen Stellungnahme und stimmt den Text mit der AG Verwaltung und "
                    "Rechtspflege ab."
                ),
            ),
            ItemSpec(
                "Taktabstimmung zwischen den Regionalbahnhöfen",
                presenter="ag.mitglied",
                partner="Halberstadt",
                minutes=(
                    "Erste Auswertung: In Halberstadt gehen werktags elf Anschlüsse um weniger "
                    "als fünf Minuten verloren. Ein Vorschlag folgt zur nächsten Sitzung."
                ),
            ),
        ),
    ),
    MeetingSpec(
        body="AGK",
        title="1. Sitzung der AG Kultur und Sport",
        days=-140,
        weekday=TUESDAY,
        hour=10,
        hours=2,
        location=RATHAUS_QUEDLINBURG,
        items=(
            ItemSpec(
                "Gemeinsame Trägerschaft des Nordharzer Städtebundtheaters: Bestandsaufnahme",
                presenter="ag.kultur.leitung",
                partner="Quedlinburg",
                minutes=(
                    "Die AG sammelt die Finanzierungsanteile der bisherigen Träger und die "
                    "Zuschüsse des Landes. Ein Gutachten zu den Trägermodellen wird vergeben."
                ),
            ),
            ItemSpec(
                "Gemeinsames Angebot der Musikschulen",
                presenter="ag.kultur.mitglied",
                partner="Halberstadt",
                minutes=(
                    "Die Musikschulen in Halberstadt und Quedlinburg prüfen gemeinsame "
                    "Ensembles und eine abgestimmte Gebührenordnung."
                ),
            ),
        ),
    ),
)

DEMO_BOARD_TITLES = [spec.title for spec in (*BOARD_MEETINGS, UPCOMING)]


# --- Entry point ----------------------------------------------------------------------


def seed_meetings(*, actor, stdout=None) -> bool:
    """Create the demo meetings unless they exist; return whether anything was written.

    `actor` is the fall-back acting user when the office account is missing.
    """
    board = Body.objects.filter(short_code=BOARD_CODE).first()
    if board is None:
        return False
    if Meeting.objects.filter(body=board, title__in=DEMO_BOARD_TITLES).exists():
        if stdout is not None:
            stdout.write("Sitzungen: Demo-Sitzungen sind bereits vorhanden, unverändert.")
        return False
    with transaction.atomic():
        seeder = _Seeder(actor=actor)
        seeder.run()
    if stdout is not None:
        stdout.write(
            f"Sitzungen: {seeder.created_meetings} neu, davon "
            f"{len(WORKING_GROUP_MEETINGS)} von Arbeitsgruppen; "
            f"{seeder.created_decisions} Beschlüsse."
        )
    return True


class _Seeder:
    def __init__(self, *, actor):
        self.today = timezone.localdate()
        self.now = timezone.now()
        User = get_user_model()
        self.users = {user.username: user for user in User.objects.all()}
        self.office = self.users.get(OFFICE, actor)
        self.partners = {p.short_name: p for p in Partner.objects.all()}
        self.bodies = {b.short_code: b for b in Body.objects.all()}
        self.groups = {g.body.short_code: g for g in WorkingGroup.objects.select_related("body")}
        self.created_meetings = 0
        self.created_decisions = 0

    def run(self) -> None:
        previous = None
        for spec in BOARD_MEETINGS:
            previous = self.past_meeting(spec, previous)
        self.upcoming_meeting(UPCOMING)
        previous_per_body: dict[str, Meeting] = {}
        for spec in WORKING_GROUP_MEETINGS:
            previous_per_body[spec.body] = self.past_meeting(spec, previous_per_body.get(spec.body))

    # --- Helpers --------------------------------------------------------------------------

    def user(self, username: str):
        return self.users.get(username) or self.office

    def day(self, days: int, *, weekday: int | None = None) -> datetime.date:
        day = self.today + datetime.timedelta(days=days)
        if weekday is not None:
            day += datetime.timedelta(days=weekday - day.weekday())
        return day

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        naive = datetime.datetime.combine(day, datetime.time(hour, minute))
        return timezone.make_aware(naive, BERLIN)

    def create_meeting(self, spec: MeetingSpec) -> Meeting:
        starts_at = self.at(self.day(spec.days, weekday=spec.weekday), spec.hour)
        meeting = services.meeting_create(
            body=self.bodies[spec.body],
            title=spec.title,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=spec.hours),
            location=spec.location,
            video_url=spec.video_url,
            actor=self.office,
        )
        self.created_meetings += 1
        return meeting

    def create_item(self, meeting: Meeting, spec: ItemSpec, *, presenter=None) -> AgendaItem:
        return services.agenda_item_create(
            meeting=meeting,
            title=spec.title,
            description=spec.description,
            is_public=spec.is_public,
            presenter=presenter or self.users.get(spec.presenter),
            presenting_partner=self.partners.get(spec.partner) if spec.partner else None,
            actor=self.office,
        )

    def add_papers(self, meeting: Meeting, item: AgendaItem | None, papers) -> None:
        for paper in papers:
            upload = SimpleUploadedFile(
                paper.file_name,
                demo_pdf(paper.title, [meeting.title, "", *textwrap.wrap(paper.text, 80)]),
                content_type="application/pdf",
            )
            paper_add(
                meeting=meeting,
                agenda_item=item,
                title=paper.title,
                uploaded_file=upload,
                actor=self.office,
            )

    def invite(self, meeting: Meeting, sent_at: datetime.datetime) -> None:
        """Invite through the invitation service (mail is off), then date it `sent_at`."""
        rows = invitations.send_invitations(meeting, actor=self.office)
        # The past as it happened: when the invitation went out (no history entry).
        Meeting.objects.filter(pk=meeting.pk).update(invited_at=sent_at)
        Invitation.objects.filter(pk__in=[row.pk for row in rows]).update(sent_at=sent_at)
        meeting.invited_at = sent_at

    def record_attendance(self, meeting: Meeting, spec: MeetingSpec) -> None:
        absences = dict(spec.absences)
        entries = []
        for seat in selectors.voting_seats(meeting):
            status = absences.get(seat.user.username, PRESENT)
            deputy = None
            if status == REPRESENTED:
                deputy = next(iter(seat.deputies.all()), None)
                if deputy is None:  # no deputy named: the seat is excused instead
                    status = EXCUSED
            entries.append((seat, status, deputy))
        services.attendance_record(meeting=meeting, entries=entries, actor=self.office)

    # --- Meetings -------------------------------------------------------------------------

    def past_meeting(self, spec: MeetingSpec, previous: Meeting | None) -> Meeting:
        """A held meeting: invited, attended, decided, minuted and circulated.

        The minutes of `previous` are approved at this meeting.
        """
        meeting = self.create_meeting(spec)
        day = timezone.localtime(meeting.starts_at).date()
        items = [(item_spec, self.create_item(meeting, item_spec)) for item_spec in spec.items]
        self.add_papers(meeting, None, spec.papers)
        for item_spec, item in items:
            self.add_papers(meeting, item, item_spec.papers)
        self.invite(meeting, self.at(day - datetime.timedelta(days=16), 9))
        self.record_attendance(meeting, spec)
        state = selectors.quorum(meeting)

        texts = {}
        for item_spec, item in items:
            text = self.minutes_text(item_spec, meeting, previous, state)
            for decision_spec in item_spec.decisions:
                decision = self.record_decision(item, decision_spec, state.present, day)
                text += (
                    f"\n\n**Beschluss {decision.number}:** {decision.text}\n\n"
                    f"Abstimmung: {decision.votes_yes} Ja, {decision.votes_no} Nein, "
                    f"{decision.votes_abstain} Enthaltungen."
                )
            texts[item.pk] = text
        services.meeting_mark_held(meeting=meeting, actor=self.office)
        if previous is not None:
            services.minutes_approve(
                meeting=previous, approved_on=day, approved_in=meeting, actor=self.office
            )
        for _item_spec, item in items:
            services.minutes_save(
                item=item, text=texts[item.pk], expected_version=0, actor=self.office
            )
        services.minutes_circulate(meeting=meeting, actor=self.office)
        return meeting

    def minutes_text(self, spec: ItemSpec, meeting, previous, state) -> str:
        if spec.kind == "opening":
            text = (
                f"Die Sitzung wird um {timezone.localtime(meeting.starts_at):%H:%M} Uhr "
                "eröffnet. Die Einladung ist form- und fristgerecht ergangen. "
                f"{state.present} von {state.seats} stimmberechtigten Sitzen sind vertreten; "
                "das Gremium ist beschlussfähig. Die Tagesordnung wird ohne Änderungen "
                "genehmigt."
            )
            absent = [
                a
                for a in meeting.attendances.select_related(
                    "membership__user", "represented_by__user"
                )
                if a.status != PRESENT
            ]
            if absent:
                text += "\n\nNicht persönlich anwesend:\n"
            for attendance in absent:
                name = attendance.membership.user.display_name
                if attendance.status == REPRESENTED:
                    how = f"vertreten durch {attendance.represented_by.user.display_name}"
                else:
                    how = ABSENCE_WORDS[attendance.status]
                text += f"\n- {name}: {how}"
            return text
        if spec.kind == "previous_minutes" and not spec.minutes and previous is not None:
            date = timezone.localtime(previous.starts_at)
            return (
                f"Die Niederschrift der {previous.title} vom {date:%d.%m.%Y} wird ohne "
                "Änderungen genehmigt (einstimmig)."
            )
        return spec.minutes

    def record_decision(self, item: AgendaItem, spec: DecisionSpec, present: int, day):
        decision = services.decision_record(
            item=item,
            title=spec.title,
            text=spec.text,
            votes_yes=present - spec.votes_no - spec.votes_abstain,
            votes_no=spec.votes_no,
            votes_abstain=spec.votes_abstain,
            commissioned_groups=[self.groups[code].body for code in spec.groups],
            due_date=self.day(spec.due) if spec.due is not None else None,
            actor=self.office,
        )
        self.created_decisions += 1
        for entry in spec.progress:
            # Never before the meeting and never in the future, whatever the weekday shift.
            date = min(self.today, max(day + datetime.timedelta(days=1), self.day(entry.days)))
            services.decision_progress_add(
                decision=decision,
                note=entry.note,
                status=entry.status,
                date=date,
                actor=self.user(entry.author),
            )
        return decision

    def upcoming_meeting(self, spec: MeetingSpec) -> Meeting:
        """Invited in the last days, with papers and proposals; nothing recorded yet."""
        meeting = self.create_meeting(spec)
        decided_at = self.at(self.today - datetime.timedelta(days=4), 11)
        for item_spec in spec.items:
            if item_spec.proposed_by:
                self.accepted_proposal(meeting, item_spec, decided_at)
                continue
            item = self.create_item(meeting, item_spec)
            self.add_papers(meeting, item, item_spec.papers)
        self.add_papers(meeting, None, spec.papers)
        for username, title, description, reason in UPCOMING_PROPOSALS:
            proposer = self.user(username)
            proposal = services.proposal_create(
                meeting=meeting,
                proposed_by=proposer,
                title=title,
                description=description,
                actor=proposer,
            )
            if reason:
                self.decide(proposal, accept=False, reason=reason, decided_at=decided_at)
        self.invite(meeting, self.at(self.today - datetime.timedelta(days=2), 9))
        return meeting

    def accepted_proposal(self, meeting, spec: ItemSpec, decided_at) -> None:
        proposer = self.user(spec.proposed_by)
        proposal = services.proposal_create(
            meeting=meeting,
            proposed_by=proposer,
            title=spec.title,
            description=spec.description,
            is_public=spec.is_public,
            actor=proposer,
        )
        # Accepting makes the item, presented by the proposer (for the partner named).
        self.decide(proposal, accept=True, reason="", decided_at=decided_at)
        proposal.refresh_from_db()
        if spec.partner:
            services.agenda_item_update(
                item=proposal.agenda_item,
                data={"presenting_partner": self.partners[spec.partner]},
                actor=self.office,
            )

    def decide(self, proposal: AgendaProposal, *, accept, reason, decided_at):
        """Decide through `proposal_decide` (mail is off), then date it `decided_at`."""
        services.proposal_decide(
            proposal=proposal, accept=accept, reason=reason, actor=self.office, notify=False
        )
        # The past as it happened: when the proposal was decided (no history entry).
        AgendaProposal.objects.filter(pk=proposal.pk).update(decided_at=decided_at)
