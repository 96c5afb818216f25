"""Scale data for load tests and the report benchmark, written by `manage.py seed_scale`.

On top of the demo region (`seed_demo`: partners, the board, the working groups, the
function catalogue, facilities, personas) it writes years of plausible cooperation
work. Per year of `years` (so `--years 10` gives the figures of the issue):

* 6 board meetings and 9 meetings per working group (about 60 in all), every one
  with 7–14 agenda items (about 600), some of them non-public, and minutes per item;
* about 250 decisions, numbered per body and year as `meetings.services` numbers
  them (`KG-2019/014`), each with 1–3 progress entries and, for the board, often
  commissioning a working group; the `DecisionCounter` rows end at the highest
  number, so the next decision recorded through the service gets the next number;
* the attendance of every voting seat at every board meeting held, with the quorum
  reached;
* 500 findings (mostly agreed) with their function area and central function, some
  concerning partners and facilities;
* 30 accounts (named by their office, like the demo's) with staff links to the
  partners and memberships: earlier terms of the board's seats (and of the working
  groups' leads) before the demo's members took over, and working-group members
  who joined and left over the years; a few papers (small real PDF files).

The period ends yesterday: every meeting lies in the past, so meetings of the last
year sit beside the demo's. Texts are German, built from word lists with a seeded
`random.Random`, so the same seed on the same day gives the same data.

Everything is written with bulk inserts. Every row gets one history record ("+")
dated like the row itself, with the office account as the acting user and the
reason "Generated scale data"; many-to-many rows get their historical rows linked
to that record. The generated accounts have unusable passwords; their permissions
are derived by `sync_user_permissions` like everybody's.

Idempotent: the generated accounts share the username prefix `skala.`; when one
exists, nothing is written. Everything is created in one transaction, or nothing
(except paper files of a failed run, which stay behind unreferenced).

This module is imported only by the `seed_scale` command, never by the cooperation
app's own modules, so its imports of the meeting and working-group apps do not turn
the one-way dependency between the apps around.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from cooperation.models import (
    VOTING_ROLES,
    Body,
    BodyKind,
    Membership,
    Partner,
    PartnerKind,
    PartnerStaff,
    Role,
    private_upload_to,
)
from cooperation.permissions import sync_user_permissions
from core.timezone import BERLIN
from demo.papers import demo_pdf
from functions.models import CentralFunction, Facility
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionCounter,
    DecisionProgress,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
)
from meetings.selectors import required_for_quorum
from workinggroups.models import Finding, FindingStatus, FindingType, WorkingGroup

SCALE_USERNAME_PREFIX = "skala."
EMAIL_DOMAIN = "demo.impuls.invalid"
DEFAULT_SEED = 20261122
BATCH_SIZE = 500

BOARD_MEETINGS_PER_YEAR = 6
GROUP_MEETINGS_PER_YEAR = 9
FINDINGS_PER_YEAR = 500
USERS_PER_YEAR = 30
CANCELLED_SHARE = 0.02
BOARD_TERM_YEARS = 5
LEAD_TERM_YEARS = 3

# --- Word lists ------------------------------------------------------------------------

TOPICS = {
    "Bildung": (
        "Standortkonzept der Berufsbildenden Schulen",
        "Studienangebot für Gesundheitsberufe",
        "Kooperation mit der Hochschule Harz",
        "duales Studium in der Region",
        "Weiterbildung für Pflegekräfte",
        "Wohnheimplätze für Studierende",
        "Schülerverkehr zu den Fachschulen",
        "Digitalisierung der Fachschulen",
        "Außenstelle einer Landesuniversität",
        "Gewinnung von Lehrkräften",
        "Berufsorientierung an den Sekundarschulen",
        "Fachschule für Sozialpädagogik",
    ),
    "Verwaltung und Rechtspflege": (
        "Sicherung der Amtsgerichtsstandorte",
        "Außenstelle des Landesverwaltungsamts",
        "gemeinsames Bürgerservicebüro",
        "Ansiedlung einer oberen Landesbehörde",
        "Zusammenarbeit der Finanzämter",
        "Kammerstandorte in der Region",
        "interkommunales Vergabezentrum",
        "digitale Verwaltungsleistungen",
        "Standort des Sozialgerichts",
        "gemeinsames Rechenzentrum der Kommunen",
        "Ausbildungsverbund der Verwaltungen",
        "Justizzentrum Halberstadt",
    ),
    "Gesundheits- und Sozialwesen": (
        "Zielbild der Krankenhausstandorte",
        "Notfallversorgung im Oberharz",
        "Medizinische Versorgungszentren",
        "Fachkräftegewinnung in der Pflege",
        "Weiterbildungsverbund Allgemeinmedizin",
        "Telemedizin zwischen den Klinikstandorten",
        "Geburtshilfe in der Region",
        "Pflegestützpunkte",
        "Rettungswachen und Hilfsfristen",
        "psychiatrische Versorgung",
        "fachärztliche Versorgung im ländlichen Raum",
        "Kurzzeitpflegeplätze",
    ),
    "Kultur und Sport": (
        "Finanzierung des Nordharzer Städtebundtheaters",
        "gemeinsamer Veranstaltungskalender",
        "Verbund der Musikschulen",
        "Bibliotheksverbund Harz",
        "Sportstättenentwicklungsplan",
        "Welterbe-Marketing",
        "Museumsverbund Nordharz",
        "Kulturticket für Jugendliche",
        "Sanierung der Harzlandhalle",
        "Bewerbung um eine Landesgartenschau",
        "Leistungssportstützpunkt Wintersport",
        "Musikfestspiele im Harz",
    ),
    "Versorgung und Dienstleistung": (
        "regionales Einzelhandelskonzept",
        "Ansiedlung eines Fachmarktzentrums",
        "Leerstandsmanagement der Innenstädte",
        "Abstimmung großflächiger Einzelhandelsvorhaben",
        "Wochenmärkte und Direktvermarktung",
        "Breitbandausbau in den Gewerbegebieten",
        "Stärkung der Ortszentren",
        "gemeinsames Citymanagement",
        "digitaler Marktplatz der Region",
        "Nahversorgung in den Ortsteilen",
        "verkaufsoffene Sonntage",
        "Gründerzentrum Harz",
    ),
    "Verkehrsinfrastruktur": (
        "Fernverkehrshalt in Halberstadt",
        "Taktverdichtung im Regionalverkehr",
        "Ausbau der Strecke Halberstadt–Blankenburg",
        "Mobilitätsstationen an den Bahnhöfen",
        "Rufbus im ländlichen Raum",
        "Radschnellverbindung Wernigerode–Ilsenburg",
        "Barrierefreiheit der Regionalbahnhöfe",
        "Tarifverbund im Landkreis",
        "Park-and-Ride-Anlagen",
        "Schienenanbindung des Brockens",
        "Elektrifizierung der Nordharzstrecke",
        "Busbahnhof Quedlinburg",
    ),
}
GENERIC_TOPICS = (
    "gemeinsame Öffentlichkeitsarbeit",
    "Regionales Entwicklungskonzept",
    "Haushalt der Geschäftsstelle",
    "Bericht an die kommunalen Räte",
    "Fördermittel aus dem Strukturfonds",
    "Stellungnahme zum Landesentwicklungsplan",
    "Demografiebericht der Region",
    "Beteiligung der Nachbarkommunen",
)
ITEM_PREFIXES = (
    "",
    "Sachstand: ",
    "Bericht: ",
    "Beratung und Beschluss: ",
    "Vorstellung: ",
    "Zwischenbericht: ",
    "Stellungnahme: ",
    "Antrag: ",
)
ITEM_DESCRIPTIONS = (
    "Die {presenter} stellt den aktuellen Stand vor; im Anschluss ist Gelegenheit zur Aussprache.",
    "Beratung auf Grundlage der Vorlage; die Partner werden um ihre Stellungnahmen gebeten.",
    "Vorbereitet von der Geschäftsstelle in Abstimmung mit {partner}.",
    "Fortsetzung der Beratung aus der letzten Sitzung.",
    "Vorlage mit Beschlussvorschlag; Ziel ist ein gemeinsames Vorgehen gegenüber dem Land.",
    "Bericht über die Ergebnisse der Abstimmung zwischen den Verwaltungen.",
)
CONFIDENTIAL_TOPICS = (
    "Grundstücksangelegenheit in {place}",
    "Vergabe des Gutachtens „{topic}“",
    "Personalangelegenheit der Geschäftsstelle",
    "Vertragsverhandlungen mit {partner}",
    "Verhandlungen mit dem Land: {topic}",
    "Finanzierungszusagen Dritter: {topic}",
)
# (title, text, commissions a working group)
BOARD_DECISIONS = (
    (
        "Auftrag an die {group}: {topic}",
        "Das Kooperationsgremium beauftragt die {group}, bis zum {due} ein abgestimmtes "
        "Konzept zum Thema „{topic}“ vorzulegen.",
        True,
    ),
    (
        "Kenntnisnahme des Zwischenberichts: {topic}",
        "Das Kooperationsgremium nimmt den Bericht zum Thema „{topic}“ zur Kenntnis und bittet "
        "die Geschäftsstelle, die Ergebnisse in den kommunalen Räten vorzustellen.",
        False,
    ),
    (
        "Stellungnahme gegenüber dem Land: {topic}",
        "Das Kooperationsgremium stimmt dem Entwurf zum Thema „{topic}“ zu und ermächtigt den "
        "Vorsitz, die Stellungnahme gegenüber dem Land abzugeben.",
        False,
    ),
    (
        "Mittelfreigabe: {topic}",
        "Das Kooperationsgremium beschließt, für das Vorhaben „{topic}“ Mittel in Höhe von "
        "{amount} Euro aus dem gemeinsamen Budget bereitzustellen. Es gilt der Kostenschlüssel "
        "nach § 6 des Vertrags.",
        False,
    ),
    (
        "Förderantrag: {topic}",
        "Das Kooperationsgremium beschließt, beim Land einen Förderantrag für das Vorhaben "
        "„{topic}“ zu stellen. Federführend ist {partner}; die {group} begleitet den Antrag "
        "fachlich.",
        True,
    ),
    (
        "Zustimmung zur Empfehlung der {group}: {topic}",
        "Das Kooperationsgremium macht sich die Empfehlung der {group} zum Thema „{topic}“ zu "
        "eigen und bittet die Partner, sie in ihren Planungen zu berücksichtigen.",
        False,
    ),
)
GROUP_DECISIONS = (
    (
        "Empfehlung an das Kooperationsgremium: {topic}",
        "Die {group} empfiehlt dem Kooperationsgremium, das Vorhaben „{topic}“ bis zum {due} "
        "gemeinsam voranzubringen.",
    ),
    (
        "Arbeitsauftrag: {topic}",
        "Die {group} beauftragt {partner}, bis zum {due} eine Übersicht zum Thema „{topic}“ "
        "zu erstellen.",
    ),
    (
        "Abstimmung der Bestandsaufnahme: {topic}",
        "Die {group} stimmt der Bestandsaufnahme zum Thema „{topic}“ zu; offene Punkte werden "
        "in der nächsten Sitzung beraten.",
    ),
    (
        "Zeitplan: {topic}",
        "Die {group} legt den Zeitplan für das Thema „{topic}“ fest: Entwurf bis zum {due}, "
        "danach Bericht an das Kooperationsgremium.",
    ),
)
DECISION_ADDENDA = (
    "",
    " Über den Stand wird in der nächsten Sitzung berichtet.",
    " Die Partner {partner} und {partner2} wirken mit.",
    " Die Geschäftsstelle unterstützt die Umsetzung.",
    " Die Ergebnisse fließen in das regionale Entwicklungskonzept ein.",
)
PROGRESS_NOTES = {
    DecisionStatus.OPEN: (
        "Zuständigkeit geklärt; die Geschäftsstelle bereitet die Umsetzung vor.",
        "Auftrag an die Beteiligten übermittelt.",
        "Termin für ein erstes Abstimmungsgespräch vereinbart.",
    ),
    DecisionStatus.IN_PROGRESS: (
        "Erste Abstimmung mit den Partnern hat stattgefunden.",
        "Gutachten ist ausgeschrieben; drei Angebote liegen vor.",
        "Zwischenbericht im Gremium vorgestellt.",
        "Förderantrag beim Land eingereicht.",
        "Ein Entwurf liegt vor und wird mit den Verwaltungen abgestimmt.",
        "Gespräch mit dem zuständigen Ministerium geführt; Rückmeldung steht aus.",
        "Datengrundlage erhoben; Auswertung läuft.",
    ),
    DecisionStatus.DONE: (
        "Umsetzung abgeschlossen; Ergebnis in den kommunalen Räten berichtet.",
        "Konzept beschlossen und veröffentlicht.",
        "Vereinbarung von allen Partnern unterzeichnet.",
        "Stellungnahme fristgerecht abgegeben.",
        "Fördermittelbescheid liegt vor; das Vorhaben ist umgesetzt.",
    ),
    DecisionStatus.DROPPED: (
        "Zurückgestellt: Fördermittel wurden nicht bewilligt.",
        "Durch eine Entscheidung des Landes erledigt; kein weiterer Handlungsbedarf.",
        "Nicht weiterverfolgt, weil die Partner andere Prioritäten gesetzt haben.",
    ),
}
MINUTES_TEXTS = (
    "{presenter} berichtet. In der Aussprache werden Fragen zur Finanzierung und zum "
    "Zeitplan geklärt.",
    "Die Vorlage wird erläutert. Die Partner tragen ihre Sicht vor; es besteht Einvernehmen "
    "über das weitere Vorgehen.",
    "Der Sachstand wird zur Kenntnis genommen. Offene Fragen beantwortet die Geschäftsstelle "
    "schriftlich.",
    "Nach kurzer Aussprache wird vereinbart, das Thema in der nächsten Sitzung erneut zu beraten.",
    "{presenter} stellt die Ergebnisse vor. Die Mitglieder danken für die gründliche Vorbereitung.",
)
CANCELLATION_REASONS = (
    "Die Sitzung entfällt mangels beratungsreifer Themen.",
    "Wegen Terminkollisionen mehrerer Mitglieder wird die Sitzung verschoben.",
    "Die Sitzung entfällt; die Punkte werden in der nächsten Sitzung beraten.",
)
POSITIONS = {
    "Bildung": (
        "Referent:in Schulentwicklung",
        "Sachgebiet Berufsbildende Schulen",
        "Referent:in Hochschulkooperation",
        "Bildungskoordination",
        "Sachbearbeitung Schulträgerschaft",
        "Referent:in Weiterbildung",
    ),
    "Verwaltung und Rechtspflege": (
        "Referent:in Verwaltungsmodernisierung",
        "Hauptamt",
        "Sachgebiet Organisation",
        "Referent:in Justizstandorte",
        "Sachbearbeitung Digitalisierung",
        "Rechtsamt",
    ),
    "Gesundheits- und Sozialwesen": (
        "Gesundheitsamt",
        "Sozialplanung",
        "Referent:in Pflege",
        "Sachgebiet Rettungsdienst",
        "Referent:in Medizinstrategie",
        "Sachbearbeitung Versorgungsplanung",
    ),
    "Kultur und Sport": (
        "Kulturamt",
        "Sachgebiet Sport",
        "Referent:in Tourismus",
        "Museumsleitung",
        "Musikschulverwaltung",
        "Referent:in Welterbe",
    ),
    "Versorgung und Dienstleistung": (
        "Wirtschaftsförderung",
        "Citymanagement",
        "Stadtplanungsamt",
        "Referent:in Einzelhandel",
        "Sachgebiet Gewerbeflächen",
        "Liegenschaftsamt",
    ),
    "Verkehrsinfrastruktur": (
        "Verkehrsplanung",
        "Sachgebiet ÖPNV",
        "Tiefbauamt",
        "Referent:in Mobilität",
        "Radverkehrsbeauftragte:r",
        "Sachbearbeitung Schülerbeförderung",
    ),
}
GENERIC_POSITIONS = (
    "Büro der Verwaltungsleitung",
    "Pressestelle",
    "Kämmerei",
    "Fördermittelmanagement",
    "Referent:in Regionalentwicklung",
    "Sachgebiet Statistik",
    "Gleichstellungsbeauftragte:r",
    "Datenschutzbeauftragte:r",
)
FINDING_TITLES = {
    FindingType.INVENTORY: (
        "Bestand: {function} in {place}",
        "Bestandsaufnahme {function}",
        "Einzugsbereich {function} {place}",
        "Auslastung {function} {year}",
    ),
    FindingType.OBSTACLE: (
        "Fachkräftemangel gefährdet {function}",
        "Fehlende ÖPNV-Anbindung: {function} in {place}",
        "Unklare Finanzierung: {topic}",
        "Sanierungsstau bei {function} in {place}",
        "Konkurrenz statt Abstimmung: {topic}",
    ),
    FindingType.SOLUTION: (
        "Gemeinsame Trägerschaft: {topic}",
        "Verbundlösung für {function}",
        "Aufgabenteilung zwischen den Städten: {topic}",
        "Digitale Angebote ergänzen {function}",
    ),
    FindingType.RECOMMENDATION: (
        "Empfehlung: {topic} gemeinsam sichern",
        "Empfehlung zu {function} in {place}",
        "Empfehlung an das Land: {topic}",
    ),
}
FINDING_SENTENCES = {
    FindingType.INVENTORY: (
        "In {place} bestehen {count} Einrichtungen der Funktion {function}.",
        "Die Auslastung liegt bei rund {percent} Prozent.",
        "Das Einzugsgebiet reicht bis {place2}.",
        "Die Angebote sind in den letzten Jahren stabil geblieben.",
        "Rund {percent} Prozent der Nutzer:innen kommen aus anderen Kommunen der Region.",
    ),
    FindingType.OBSTACLE: (
        "Die Finanzierung ist nur bis {year} gesichert.",
        "Es fehlen Fachkräfte; {count} Stellen sind unbesetzt.",
        "Die Anbindung an den Nahverkehr ist außerhalb der Hauptzeiten unzureichend.",
        "Die Zuständigkeiten zwischen Land, Landkreis und Städten sind nicht geklärt.",
        "Die Gebäude in {place} haben erheblichen Sanierungsbedarf.",
    ),
    FindingType.SOLUTION: (
        "Eine gemeinsame Trägerschaft der Partner würde die Kosten teilen.",
        "Die Angebote in {place} und {place2} könnten sich spezialisieren statt konkurrieren.",
        "Ein Verbund mit gemeinsamer Verwaltung spart Doppelstrukturen.",
        "Digitale Angebote können die Standorte in der Fläche ergänzen.",
    ),
    FindingType.RECOMMENDATION: (
        "Die Arbeitsgruppe empfiehlt, das Thema in das regionale Entwicklungskonzept aufzunehmen.",
        "Das Kooperationsgremium sollte gegenüber dem Land mit einer Stimme sprechen.",
        "Die Partner sollten bis {year} eine gemeinsame Vereinbarung schließen.",
        "Für {place} wird ein Pilotprojekt empfohlen.",
    ),
}


# --- Result ----------------------------------------------------------------------------


@dataclass
class ScaleResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    period_from: datetime.date | None = None
    period_until: datetime.date | None = None


def scale_data_exists() -> bool:
    return get_user_model().objects.filter(username__startswith=SCALE_USERNAME_PREFIX).exists()


def demo_region_exists() -> bool:
    return Body.objects.filter(kind=BodyKind.BOARD).exists() and WorkingGroup.objects.exists()


def seed_scale(*, years: int = 10, seed: int = DEFAULT_SEED, today=None) -> ScaleResult:
    """Write the scale data unless it exists (see the module's docstring)."""
    if years < 1:
        raise ValueError("years must be at least 1")
    if scale_data_exists():
        return ScaleResult(created=False)
    if not demo_region_exists():
        raise RuntimeError("The demo region is missing: run seed_demo first.")
    started = time.perf_counter()
    with transaction.atomic(), translation.override("de"):
        generator = _Generator(years=years, seed=seed, today=today or timezone.localdate())
        generator.run()
    return ScaleResult(
        created=True,
        counts=dict(generator.counts),
        seconds=time.perf_counter() - started,
        period_from=generator.start,
        period_until=generator.end,
    )


# --- Helpers ---------------------------------------------------------------------------


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def _is_current(membership: Membership, day: datetime.date) -> bool:
    return membership.valid_from <= day and (
        membership.valid_until is None or membership.valid_until >= day
    )


@contextmanager
def _explicit_timestamps(models):
    """Let bulk inserts keep the `created`/`modified` values set on the instances.

    `auto_now`/`auto_now_add` would stamp every generated row with the time of
    seeding, and reports that select by those dates would see ten years of work
    happen today. Switched off only for the duration of the inserts.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@dataclass
class _Topic:
    area: object | None  # FunctionArea
    text: str


@dataclass
class _Planned:
    """A decision in the making: the instance, its commissioned groups, its log."""

    decision: Decision
    groups: list = field(default_factory=list)
    progress: list = field(default_factory=list)


# --- The generator ---------------------------------------------------------------------


class _Generator:
    def __init__(self, *, years: int, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.years = years
        self.today = today
        self.end = today - datetime.timedelta(days=1)
        self.start = _years_before(today, years)
        self.now = timezone.now()
        self.reason = gettext("Generated scale data")
        self.counts: Counter = Counter()
        self.history: dict[type, list] = defaultdict(list)
        self.m2m_history: list[tuple] = []  # (m2m field, through rows by owner pk)

        User = get_user_model()
        self.board = Body.objects.filter(kind=BodyKind.BOARD).order_by("pk").first()
        self.groups = list(
            WorkingGroup.objects.select_related("body", "function_area", "lead_partner").order_by(
                "function_area__position", "body__name"
            )
        )
        self.partners = list(Partner.objects.filter(is_active=True).order_by("pk"))
        self.places = [p for p in self.partners if p.is_territorial] or self.partners
        self.functions_by_area = defaultdict(list)
        for function in CentralFunction.objects.select_related("area").order_by("pk"):
            self.functions_by_area[function.area_id].append(function)
        self.facilities_by_function = defaultdict(list)
        for facility in Facility.objects.order_by("pk"):
            self.facilities_by_function[facility.central_function_id].append(facility)
        bodies = [self.board, *(g.body for g in self.groups)]
        self.memberships = list(
            Membership.objects.filter(body__in=bodies).select_related("user", "partner")
        )
        office = next(
            (
                m.user
                for m in self.memberships
                if m.body_id == self.board.pk and m.role == Role.OFFICE
            ),
            None,
        )
        self.office = (
            office
            or User.objects.filter(is_superuser=True).order_by("pk").first()
            or User.objects.order_by("pk").first()
        )
        self.staff_positions = {
            (link.user_id, link.partner_id): link.position
            for link in PartnerStaff.objects.filter(user__in={m.user_id for m in self.memberships})
        }
        self.display_names = set(User.objects.values_list("display_name", flat=True))
        self.new_users: list = []
        self.new_staff: list[PartnerStaff] = []
        self.new_memberships: list[Membership] = []
        self.user_count = 0

    # --- Running ---------------------------------------------------------------------

    def run(self) -> None:
        self.make_people()
        self.make_meetings()
        self.make_findings()
        self.write_history()
        self.sync_permissions()

    def insert(self, model, objs, label: str | None = None):
        if not objs:
            return objs
        with _explicit_timestamps([model]):
            model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        self.history[model].extend(objs)
        self.counts[label or str(model._meta.verbose_name_plural)] += len(objs)
        return objs

    def stamp(self, obj, created: datetime.datetime, modified: datetime.datetime | None = None):
        created = min(created, self.now)
        obj.created = created
        obj.modified = max(created, min(modified or created, self.now))
        obj._history_date = created
        return obj

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def free_post(self, partners, positions) -> tuple:
        """A partner and a position whose display name is still free (a few tries)."""
        for _ in range(20):
            partner, position = self.pick(partners), self.pick(positions)
            if f"{position} ({partner.name})" not in self.display_names:
                break
        return partner, position

    def unique_name(self, name: str) -> str:
        candidate, number = name, 2
        while candidate in self.display_names:
            candidate = f"{name} {number}"
            number += 1
        self.display_names.add(candidate)
        return candidate

    # --- People ----------------------------------------------------------------------

    def new_user(self, display_name: str, partner, position: str, since, *, is_admin=False):
        User = get_user_model()
        self.user_count += 1
        username = f"{SCALE_USERNAME_PREFIX}{self.user_count:04d}"
        user = User(
            username=username,
            display_name=self.unique_name(display_name),
            email=f"{username}@{EMAIL_DOMAIN}",
            is_active=True,
            date_joined=_at(since, 8),
        )
        user.set_unusable_password()
        user._history_date = user.date_joined
        self.new_users.append(user)
        if partner is not None:
            link = PartnerStaff(
                user=user,
                partner=partner,
                position=position,
                is_admin=is_admin,
            )
            self.new_staff.append(self.stamp(link, _at(since, 8)))
        return user

    def new_membership(self, user, body, role, partner, since, until, deputy_for=None):
        membership = Membership(
            user=user,
            body=body,
            role=role,
            partner=partner,
            valid_from=since,
            valid_until=until,
            deputy_for=deputy_for,
        )
        self.stamp(membership, _at(since, 8), _at(until, 8) if until else None)
        self.new_memberships.append(membership)
        self.memberships.append(membership)
        return membership

    def terms_before(self, since: datetime.date, years: int):
        """Terms of `years` ending the day before `since`, back to the period's start."""
        terms = []
        until = since - datetime.timedelta(days=1)
        while until >= self.start:
            begin = max(self.start, _years_before(until + datetime.timedelta(days=1), years))
            terms.append((begin, until))
            until = begin - datetime.timedelta(days=1)
        return list(reversed(terms))

    def make_people(self) -> None:
        budget = USERS_PER_YEAR * self.years
        board_members = [m for m in self.memberships if m.body_id == self.board.pk]
        board_since = min((m.valid_from for m in board_members), default=self.today)
        seats = [m for m in board_members if m.role in VOTING_ROLES and _is_current(m, self.today)]
        deputies = {
            m.deputy_for_id: m
            for m in board_members
            if m.role == Role.DEPUTY_MEMBER and _is_current(m, self.today)
        }
        # Earlier terms of the board: the same seats, held by other people.
        for begin, until in self.terms_before(board_since, BOARD_TERM_YEARS):
            term = f"Amtszeit {begin.year}–{until.year}"
            for seat in seats:
                holder = self.new_user(
                    f"{seat.user.display_name} ({term})",
                    seat.partner,
                    self.staff_positions.get((seat.user_id, seat.partner_id), ""),
                    begin,
                )
                member = self.new_membership(
                    holder, self.board, seat.role, seat.partner, begin, until
                )
                deputy_seat = deputies.get(seat.pk)
                if deputy_seat is not None:
                    deputy = self.new_user(
                        f"{deputy_seat.user.display_name} ({term})",
                        deputy_seat.partner,
                        self.staff_positions.get((deputy_seat.user_id, deputy_seat.partner_id), ""),
                        begin,
                    )
                    self.new_membership(
                        deputy,
                        self.board,
                        Role.DEPUTY_MEMBER,
                        deputy_seat.partner,
                        begin,
                        until,
                        deputy_for=member,
                    )
        # Earlier leads of the working groups.
        for group in self.groups:
            group_members = [m for m in self.memberships if m.body_id == group.pk]
            group_since = min((m.valid_from for m in group_members), default=self.today)
            for begin, until in self.terms_before(group_since, LEAD_TERM_YEARS):
                lead = self.new_user(
                    f"Leitung {group.body.name} ({group.lead_partner.short_name}, "
                    f"{begin.year}–{until.year})",
                    group.lead_partner,
                    f"Leitung {group.body.name}",
                    begin,
                )
                self.new_membership(lead, group.body, Role.LEAD, group.lead_partner, begin, until)
        # Members of the working groups who joined and left over the years.
        remaining = max(budget - len(self.new_users), 0)
        per_group = int(remaining * 0.8) // max(len(self.groups), 1)
        last_join = max(self.end - datetime.timedelta(days=60), self.start)
        span = (last_join - self.start).days
        # Administrations send their staff; a regional actor only to the group it leads.
        administrations = [p for p in self.partners if p.kind != PartnerKind.REGIONAL_ACTOR]
        for group in self.groups:
            positions = POSITIONS.get(group.function_area.name, GENERIC_POSITIONS)
            partners = list({*administrations, group.lead_partner})
            partners.sort(key=lambda p: p.pk)
            for _ in range(per_group):
                partner, position = self.free_post(partners, positions)
                since = self.start + datetime.timedelta(days=self.rng.randint(0, span))
                since = since.replace(day=1) if since.replace(day=1) >= self.start else since
                until = None
                if self.rng.random() < 0.45:
                    years = self.rng.randint(1, 5)
                    until = _years_before(since, -years) - datetime.timedelta(days=1)
                    if until >= self.end:
                        until = None
                user = self.new_user(f"{position} ({partner.name})", partner, position, since)
                role = Role.GUEST if self.rng.random() < 0.1 else Role.MEMBER
                self.new_membership(user, group.body, role, partner, since, until)
        # Staff of the partners without a membership; some keep their partner's data.
        with_admin = set(
            PartnerStaff.objects.filter(is_admin=True).values_list("partner_id", flat=True)
        )
        while len(self.new_users) < budget:
            partner, position = self.free_post(self.partners, GENERIC_POSITIONS)
            is_admin = partner.pk not in with_admin and self.rng.random() < 0.5
            if is_admin:
                with_admin.add(partner.pk)
                position = "Partneradministration"
            since = self.start + datetime.timedelta(days=self.rng.randint(0, max(span, 0)))
            self.new_user(
                f"{position} ({partner.name})", partner, position, since, is_admin=is_admin
            )

        User = get_user_model()
        self.insert(User, self.new_users, "Benutzerkonten")
        # bulk_create takes the new primary keys of related objects saved before.
        self.insert(PartnerStaff, self.new_staff, "Partnerzuordnungen")
        members = [m for m in self.new_memberships if m.deputy_for is None]
        self.insert(Membership, members, "Mitgliedschaften")
        deputies_new = [m for m in self.new_memberships if m.deputy_for is not None]
        self.insert(Membership, deputies_new, "Mitgliedschaften")

    # --- Meetings --------------------------------------------------------------------

    def meeting_days(self, per_year: int, weekday: int) -> list[datetime.date]:
        total = (self.end - self.start).days + 1
        count = max(1, round(per_year * total / 365.25))
        step = total / count
        days = []
        for index in range(count):
            day = self.start + datetime.timedelta(
                days=int(step * index + self.rng.uniform(0, step * 0.6))
            )
            day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
            while day > self.end:
                day -= datetime.timedelta(days=7)
            if days and day <= days[-1]:
                continue
            if day >= self.start:
                days.append(day)
        return days

    def current(self, body, day, roles=None) -> list[Membership]:
        key = (body.pk, day, frozenset(roles or ()))
        if key not in self.current_cache:
            self.current_cache[key] = [
                m
                for m in self.memberships_by_body[body.pk]
                if _is_current(m, day) and (roles is None or m.role in roles)
            ]
        return self.current_cache[key]

    def topic(self, area=None) -> _Topic:
        if area is None and self.rng.random() < 0.15:
            return _Topic(None, self.pick(GENERIC_TOPICS))
        if area is None:
            area = self.pick(self.groups).function_area
        topics = TOPICS.get(area.name, GENERIC_TOPICS)
        return _Topic(area, self.pick(topics))

    def location(self, body) -> tuple[str, str]:
        if self.rng.random() < 0.1:
            return "", f"https://video.demo.impuls.invalid/{body.short_code.lower()}"
        partner = self.pick([p for p in self.places if p.street] or self.places)
        room = self.pick(("Ratssaal", "Sitzungssaal", "Beratungsraum 1", "Festsaal"))
        address = ", ".join(x for x in (partner.street, f"{partner.postal_code} {partner.city}"))
        building = "Kreishaus" if partner.kind == PartnerKind.DISTRICT else "Rathaus"
        return f"{building} {partner.city or partner.short_name}, {room}, {address}", ""

    def make_meetings(self) -> None:
        # Every membership is written by now: index them for the lookups by day.
        self.memberships_by_body = defaultdict(list)
        for membership in self.memberships:
            self.memberships_by_body[membership.body_id].append(membership)
        self.current_cache: dict[tuple, list[Membership]] = {}
        self.meetings: list[Meeting] = []
        self.items: list[AgendaItem] = []
        self.item_plans: list[tuple[AgendaItem, list[_Planned]]] = []
        self.attendances: list[Attendance] = []
        self.papers: list[tuple[Paper, bytes]] = []
        next_meeting: dict[int, Meeting] = {}
        bodies = [(self.board, None, BOARD_MEETINGS_PER_YEAR, 3, 14)]
        bodies += [(g.body, g, GROUP_MEETINGS_PER_YEAR, 1, 10) for g in self.groups]
        per_body: dict[int, list[Meeting]] = {}
        for body, group, per_year, weekday, hour in bodies:
            meetings = []
            days = self.meeting_days(per_year, weekday)
            by_year = Counter()
            for day in days:
                by_year[day.year] += 1
                label = "des Kooperationsgremiums" if group is None else f"der {body.name}"
                location, video_url = self.location(body)
                starts_at = _at(day, hour)
                meeting = Meeting(
                    body=body,
                    title=f"Sitzung {by_year[day.year]}/{day.year} {label}",
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=self.rng.choice((2, 2.5, 3))),
                    location=location,
                    video_url=video_url,
                    invited_at=_at(day - datetime.timedelta(days=16), 9),
                )
                if self.rng.random() < CANCELLED_SHARE:
                    meeting.status = MeetingStatus.CANCELLED
                    meeting.cancellation_reason = self.pick(CANCELLATION_REASONS)
                else:
                    meeting.status = MeetingStatus.MINUTES_APPROVED
                meetings.append(meeting)
            held = [m for m in meetings if m.status != MeetingStatus.CANCELLED]
            if held:
                held[-1].status = MeetingStatus.HELD  # its minutes wait for the next one
            for earlier, later in pairwise(held):
                next_meeting[id(earlier)] = later
                earlier.minutes_approved_on = timezone.localtime(later.starts_at).date()
            for meeting in meetings:
                created = meeting.starts_at - datetime.timedelta(days=30)
                modified = (
                    next_meeting[id(meeting)].ends_at
                    if id(meeting) in next_meeting
                    else meeting.ends_at
                )
                self.stamp(meeting, created, modified)
            per_body[body.pk] = meetings
            self.meetings.extend(meetings)
        self.insert(Meeting, self.meetings, "Sitzungen")
        for meeting in self.meetings:
            later = next_meeting.get(id(meeting))
            if later is not None:
                meeting.minutes_approved_in = later
        with _explicit_timestamps([Meeting]):
            Meeting.objects.bulk_update(
                [m for m in self.meetings if m.minutes_approved_in is not None],
                ["minutes_approved_in"],
                batch_size=BATCH_SIZE,
            )

        for body, group, *_ in bodies:
            previous = None
            for meeting in per_body[body.pk]:
                self.plan_agenda(meeting, group, previous)
                if meeting.status != MeetingStatus.CANCELLED:
                    previous = meeting
        self.insert(AgendaItem, self.items, "Tagesordnungspunkte")
        self.insert(Attendance, self.attendances, "Anwesenheiten")
        self.freeze_quorums()
        self.write_decisions()
        self.write_minutes()
        self.write_papers()

    def presenter_for(self, meeting, roles=VOTING_ROLES):
        day = timezone.localtime(meeting.starts_at).date()
        members = self.current(meeting.body, day, roles)
        if not members:
            return None, None
        member = self.pick(members)
        return member.user, member.partner

    def plan_agenda(self, meeting: Meeting, group, previous: Meeting | None) -> None:
        is_board = group is None
        cancelled = meeting.status == MeetingStatus.CANCELLED
        day = timezone.localtime(meeting.starts_at).date()
        items: list[tuple[str, str, bool, object, object, bool]] = []
        # (title, description, public, presenter, partner, may decide)
        if is_board:
            items.append(
                (
                    "Eröffnung, Feststellung der Beschlussfähigkeit und Genehmigung der "
                    "Tagesordnung",
                    "",
                    True,
                    None,
                    None,
                    False,
                )
            )
        else:
            items.append(
                ("Begrüßung und Genehmigung der Tagesordnung", "", True, None, None, False)
            )
        if previous is not None:
            items.append(
                (
                    f"Genehmigung der Niederschrift der {previous.title}",
                    "",
                    True,
                    None,
                    None,
                    False,
                )
            )
        if is_board:
            items.append(("Bericht der Geschäftsstelle", "", True, self.office, None, False))
        topical = self.rng.randint(6, 9) if is_board else self.rng.randint(5, 9)
        area = None if is_board else group.function_area
        for _ in range(topical):
            presenter, partner = self.presenter_for(meeting)
            topic = self.topic(area)
            public = self.rng.random() >= (0.15 if is_board else 0.1)
            if public:
                title = self.pick(ITEM_PREFIXES) + topic.text[0].upper() + topic.text[1:]
            else:
                title = self.pick(CONFIDENTIAL_TOPICS).format(
                    place=self.pick(self.places).short_name,
                    topic=topic.text,
                    partner=self.pick(self.partners).name,
                )
            description = self.pick(ITEM_DESCRIPTIONS).format(
                presenter=(presenter.display_name if presenter else "Geschäftsstelle"),
                partner=(partner or self.pick(self.partners)).name,
            )
            items.append((title[:250], description, public, presenter, partner, topic))
        if is_board:
            items.append(("Berichte aus den Arbeitsgruppen", "", True, None, None, False))
            items.append(("Verschiedenes", "", True, None, None, False))
        else:
            items.append(("Termine und Verschiedenes", "", True, None, None, False))

        for position, (title, description, public, presenter, partner, topic) in enumerate(
            items, start=1
        ):
            item = AgendaItem(
                meeting=meeting,
                position=position,
                title=title,
                description=description,
                is_public=public,
                presenter=presenter,
                presenting_partner=partner,
            )
            self.stamp(item, meeting.created, meeting.created)
            self.items.append(item)
            plans: list[_Planned] = []
            if topic and not cancelled:
                chance = 1.0 if is_board else 0.55
                count = int(self.rng.random() < chance) + int(is_board and self.rng.random() < 0.25)
                for _ in range(count):
                    plans.append(self.plan_decision(meeting, item, topic, group))
            self.item_plans.append((item, plans))
        if is_board and not cancelled:
            self.plan_attendance(meeting, day)

    def freeze_quorums(self) -> None:
        """Every meeting held keeps the quorum of its day, as `meeting_mark_held` stores it."""
        held = [m for m in self.meetings if m.status != MeetingStatus.CANCELLED]
        for meeting in held:
            seats = self.current(
                meeting.body, timezone.localtime(meeting.starts_at).date(), VOTING_ROLES
            )
            meeting.quorum_frozen_at = min(meeting.ends_at, self.now)
            meeting.quorum_rule = meeting.body.quorum_rule
            meeting.quorum_seat_ids = sorted(m.pk for m in seats)
            meeting.quorum_present = getattr(meeting, "_present", 0)
            meeting.quorum_required = required_for_quorum(meeting.body.quorum_rule, len(seats))
        with _explicit_timestamps([Meeting]):
            Meeting.objects.bulk_update(
                held,
                [
                    "quorum_frozen_at",
                    "quorum_rule",
                    "quorum_seat_ids",
                    "quorum_present",
                    "quorum_required",
                ],
                batch_size=BATCH_SIZE,
            )

    def plan_attendance(self, meeting: Meeting, day: datetime.date) -> None:
        seats = self.current(meeting.body, day, VOTING_ROLES)
        deputies = {
            m.deputy_for_id: m for m in self.current(meeting.body, day, {Role.DEPUTY_MEMBER})
        }
        rows = []
        for seat in seats:
            roll = self.rng.random()
            deputy = deputies.get(seat.pk)
            if roll < 0.8:
                status, represented_by = AttendanceStatus.PRESENT, None
            elif roll < 0.9 and deputy is not None:
                status, represented_by = AttendanceStatus.REPRESENTED, deputy
            elif roll < 0.98:
                status, represented_by = AttendanceStatus.EXCUSED, None
            else:
                status, represented_by = AttendanceStatus.ABSENT, None
            rows.append([seat, status, represented_by])
        # The board decided at every meeting held: make sure it had a quorum.
        needed = len(rows) // 2 + 1
        for row in rows:
            if (
                sum(r[1] in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED) for r in rows)
                >= needed
            ):
                break
            if row[1] not in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED):
                row[1], row[2] = AttendanceStatus.PRESENT, None
        meeting._present = sum(
            r[1] in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED) for r in rows
        )
        for seat, status, represented_by in rows:
            attendance = Attendance(
                meeting=meeting, membership=seat, status=status, represented_by=represented_by
            )
            self.attendances.append(self.stamp(attendance, meeting.ends_at))

    def plan_decision(self, meeting: Meeting, item: AgendaItem, topic: _Topic, group) -> _Planned:
        day = timezone.localtime(meeting.starts_at).date()
        due = day + datetime.timedelta(days=self.rng.randint(60, 540))
        partners = self.rng.sample(self.partners, k=min(2, len(self.partners)))
        commissioned = []
        if group is None:
            candidates = [g for g in self.groups if g.function_area == topic.area] or self.groups
            target = self.pick(candidates)
            title, text, commissions = self.pick(BOARD_DECISIONS)
            if commissions:
                commissioned = [target]
                if self.rng.random() < 0.15:
                    other = self.pick(self.groups)
                    if other is not target:
                        commissioned.append(other)
            group_name = target.body.name
            present = getattr(meeting, "_present", 5) or 5
            votes_no = self.rng.choice((0, 0, 0, 0, 1))
            votes_abstain = self.rng.choice((0, 0, 0, 1))
            votes_yes = max(present - votes_no - votes_abstain, 1)
        else:
            group_name = group.body.name
            title, text = self.pick(GROUP_DECISIONS)
            votes_yes = self.rng.randint(4, 9)
            votes_no = self.rng.choice((0, 0, 0, 1))
            votes_abstain = self.rng.choice((0, 0, 1, 2))
        values = {
            "topic": topic.text,
            "group": group_name,
            "due": f"{due:%d.%m.%Y}",
            "partner": partners[0].name,
            "partner2": partners[-1].name,
            "amount": f"{self.rng.randint(2, 60) * 2500:,}".replace(",", "."),
        }
        text = text.format(**values) + self.pick(DECISION_ADDENDA).format(**values)
        decision = Decision(
            body=meeting.body,
            year=day.year,
            agenda_item=item,
            title=title.format(**values)[:250],
            text=text,
            votes_yes=votes_yes,
            votes_no=votes_no,
            votes_abstain=votes_abstain,
            due_date=due if self.rng.random() < 0.85 else None,
            recorded_by=self.office,
        )
        self.stamp(decision, meeting.ends_at)
        plan = _Planned(decision=decision, groups=commissioned)
        self.plan_progress(plan, day, commissioned)
        return plan

    def plan_progress(self, plan: _Planned, day: datetime.date, commissioned) -> None:
        age = (self.today - day).days
        if age > 730:
            weights = (5, 15, 70, 10)
        elif age > 180:
            weights = (15, 40, 40, 5)
        else:
            weights = (40, 50, 10, 0)
        final = self.rng.choices(
            (
                DecisionStatus.OPEN,
                DecisionStatus.IN_PROGRESS,
                DecisionStatus.DONE,
                DecisionStatus.DROPPED,
            ),
            weights=weights,
        )[0]
        if final == DecisionStatus.OPEN:
            statuses = [DecisionStatus.OPEN]
        else:
            steps = self.rng.randint(1, 3)
            statuses = [DecisionStatus.IN_PROGRESS] * (steps - 1) + [final]
        # The log runs from shortly after the meeting to at most two years later.
        last = max(min(self.end, day + datetime.timedelta(days=720)), day)
        first = min(day + datetime.timedelta(days=self.rng.randint(3, 30)), last)
        dates = sorted(
            first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))
            for _ in statuses
        )
        authors = [self.office]
        for group in commissioned:
            authors += [m.user for m in self.current(group.body, day, {Role.LEAD})]
        for date, status in zip(dates, statuses, strict=True):
            entry = DecisionProgress(
                author=self.pick(authors),
                date=date,
                note=self.pick(PROGRESS_NOTES[status]),
                status=status,
            )
            self.stamp(entry, _at(date, 11))
            plan.progress.append(entry)
        plan.decision.status = statuses[-1]
        plan.decision.modified = min(_at(dates[-1], 11), self.now)

    def write_decisions(self) -> None:
        plans = [plan for _item, item_plans in self.item_plans for plan in item_plans]
        # Numbers per body and year in the order of the meetings, after the numbers
        # already given (the demo's), as `meetings.services._next_number` gives them.
        counters = {
            (c.body_id, c.year): c
            for c in DecisionCounter.objects.filter(body__in={p.decision.body_id for p in plans})
        }
        last = {key: counter.last_number for key, counter in counters.items()}
        for row in Decision.objects.values("body", "year").annotate(top=Max("sequence")).order_by():
            key = (row["body"], row["year"])
            last[key] = max(last.get(key, 0), row["top"])
        plans.sort(key=lambda p: (p.decision.agenda_item.meeting.starts_at, p.decision.body_id))
        first_created: dict[tuple, datetime.datetime] = {}
        for plan in plans:
            decision = plan.decision
            key = (decision.body_id, decision.year)
            last[key] = last.get(key, 0) + 1
            decision.sequence = last[key]
            decision.number = decision.format_number()
            first_created.setdefault(key, decision.created)
        self.insert(Decision, [p.decision for p in plans], "Beschlüsse")
        through = Decision.commissioned_groups.through
        rows = [
            through(decision_id=plan.decision.pk, body_id=group.pk)
            for plan in plans
            for group in plan.groups
        ]
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.counts["Beauftragungen von Arbeitsgruppen"] += len(rows)
        self.m2m_history.append((Decision, "commissioned_groups", rows))
        entries = []
        for plan in plans:
            for entry in plan.progress:
                entry.decision = plan.decision
                entries.append(entry)
        self.insert(DecisionProgress, entries, "Fortschrittseinträge")
        # The counters end at the highest number given.
        new_counters = []
        for (body_id, year), number in sorted(last.items()):
            counter = counters.get((body_id, year))
            if counter is None:
                if (body_id, year) not in first_created:
                    continue
                counter = DecisionCounter(body_id=body_id, year=year, last_number=number)
                self.stamp(counter, first_created[(body_id, year)], self.now)
                new_counters.append(counter)
            elif counter.last_number != number:
                counter.last_number = number
                counter._history_user = self.office
                counter._change_reason = self.reason
                counter.save(update_fields=["last_number", "modified"])
                self.counts["Beschlusszähler (fortgeschrieben)"] += 1
        self.insert(DecisionCounter, new_counters, "Beschlusszähler")
        self.decisions_by_item = defaultdict(list)
        for plan in plans:
            self.decisions_by_item[id(plan.decision.agenda_item)].append(plan.decision)

    def write_minutes(self) -> None:
        minutes = []
        for item in self.items:
            meeting = item.meeting
            if meeting.status == MeetingStatus.CANCELLED:
                continue
            presenter = item.presenter.display_name if item.presenter else "Die Geschäftsstelle"
            text = self.pick(MINUTES_TEXTS).format(presenter=presenter)
            for decision in self.decisions_by_item.get(id(item), ()):
                text += (
                    f"\n\n**Beschluss {decision.number}:** {decision.text}\n\n"
                    f"Abstimmung: {decision.votes_yes} Ja, {decision.votes_no} Nein, "
                    f"{decision.votes_abstain} Enthaltungen."
                )
            approved = meeting.status == MeetingStatus.MINUTES_APPROVED
            entry = Minutes(
                agenda_item=item,
                text=text,
                status=MinutesStatus.APPROVED if approved else MinutesStatus.CIRCULATED,
            )
            self.stamp(entry, meeting.ends_at + datetime.timedelta(days=3), meeting.modified)
            minutes.append(entry)
        self.insert(Minutes, minutes, "Niederschriften")

    def write_papers(self) -> None:
        """A few draft resolutions of the board as small real PDF files."""
        papers = []
        storage = Paper._meta.get_field("file").storage
        for item, plans in self.item_plans:
            meeting = item.meeting
            if not plans or meeting.body_id != self.board.pk or self.rng.random() > 0.15:
                continue
            title = f"Beschlussvorlage {plans[0].decision.number}"
            content = demo_pdf(
                title, [meeting.title, item.title[:90], "", plans[0].decision.title[:90]]
            )
            paper = Paper(
                meeting=meeting,
                agenda_item=item,
                title=title,
                original_name=f"Beschlussvorlage_{plans[0].decision.number.replace('/', '-')}.pdf",
                content_type="application/pdf",
                size=len(content),
                uploaded_by=self.office,
            )
            paper.file.name = storage.save(
                private_upload_to(paper, "vorlage.pdf"), ContentFile(content)
            )
            self.stamp(paper, meeting.invited_at)
            papers.append(paper)
        self.insert(Paper, papers, "Unterlagen")

    # --- Findings --------------------------------------------------------------------

    def make_findings(self) -> None:
        total = FINDINGS_PER_YEAR * self.years
        span = (self.end - self.start).days
        findings = []
        m2m = []  # (finding, facilities, partners)
        types = (
            FindingType.INVENTORY,
            FindingType.OBSTACLE,
            FindingType.SOLUTION,
            FindingType.RECOMMENDATION,
        )
        for _ in range(total):
            group = self.pick(self.groups)
            area = group.function_area
            functions = self.functions_by_area.get(area.pk, [])
            function = self.pick(functions) if functions and self.rng.random() < 0.85 else None
            kind = self.rng.choices(types, weights=(35, 25, 20, 20))[0]
            day = self.start + datetime.timedelta(days=self.rng.randint(0, span))
            place, place2 = (
                self.rng.sample(self.places, k=2) if len(self.places) > 1 else (self.places * 2)
            )
            values = {
                "function": function.name if function else area.name,
                "place": place.short_name,
                "place2": place2.short_name,
                "topic": self.pick(TOPICS.get(area.name, GENERIC_TOPICS)),
                "year": day.year + self.rng.randint(1, 4),
                "count": self.rng.randint(2, 14),
                "percent": self.rng.randint(35, 98),
            }
            sentences = self.rng.sample(
                FINDING_SENTENCES[kind], k=min(len(FINDING_SENTENCES[kind]), self.rng.randint(2, 4))
            )
            text = " ".join(s.format(**values) for s in sentences)
            if self.rng.random() < 0.3:
                text += "\n\n" + "\n".join(
                    f"- {p.short_name}: {self.rng.randint(1, 9)} Einrichtungen"
                    for p in self.rng.sample(self.places, k=min(3, len(self.places)))
                )
            status = self.rng.choices(
                (FindingStatus.AGREED, FindingStatus.DISCUSSION, FindingStatus.DRAFT),
                weights=(85, 10, 5),
            )[0]
            authors = self.current(group.body, day, {Role.LEAD, Role.MEMBER})
            finding = Finding(
                group=group,
                type=kind,
                title=self.pick(FINDING_TITLES[kind]).format(**values)[:250],
                text=text,
                function_area=area,
                central_function=function,
                status=status,
                version=self.rng.randint(1, 3),
                author=self.pick(authors).user if authors else self.office,
            )
            created = _at(day, self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45)))
            self.stamp(finding, created, created + datetime.timedelta(days=self.rng.randint(0, 60)))
            facilities = []
            if function is not None and self.rng.random() < 0.3:
                candidates = self.facilities_by_function.get(function.pk, [])
                facilities = self.rng.sample(
                    candidates, k=min(len(candidates), self.rng.randint(1, 2))
                )
            partners = []
            if self.rng.random() < 0.35:
                partners = self.rng.sample(
                    self.places, k=min(len(self.places), self.rng.randint(1, 3))
                )
            findings.append(finding)
            m2m.append((finding, facilities, partners))
        self.insert(Finding, findings, "Ergebnisse")
        facility_through = Finding.facilities.through
        partner_through = Finding.partners.through
        facility_rows = [
            facility_through(finding_id=f.pk, facility_id=x.pk) for f, xs, _ in m2m for x in xs
        ]
        partner_rows = [
            partner_through(finding_id=f.pk, partner_id=p.pk) for f, _, ps in m2m for p in ps
        ]
        facility_through.objects.bulk_create(facility_rows, batch_size=BATCH_SIZE)
        partner_through.objects.bulk_create(partner_rows, batch_size=BATCH_SIZE)
        self.counts["Ergebnisse: betroffene Einrichtungen"] += len(facility_rows)
        self.counts["Ergebnisse: betroffene Partner"] += len(partner_rows)
        self.m2m_history.append((Finding, "facilities", facility_rows))
        self.m2m_history.append((Finding, "partners", partner_rows))

    # --- History and permissions -------------------------------------------------------

    def write_history(self) -> None:
        """One "created" record per row, dated like the row; m2m rows hang on it."""
        records: dict[type, dict[int, int]] = {}
        for model, objs in self.history.items():
            history_model = model.history.model
            created = model.history.bulk_history_create(
                objs,
                batch_size=BATCH_SIZE,
                default_user=self.office,
                default_change_reason=self.reason,
            )
            if created and created[0].pk is None:  # a backend without RETURNING
                created = history_model.objects.filter(
                    id__in=[o.pk for o in objs], history_type="+"
                )
            records[model] = {h.id: h.pk for h in created}
            self.counts["Historieneinträge"] += len(objs)
        for model, field_name, rows in self.m2m_history:
            m2m_history_model = getattr(model.history.model, field_name).model
            owner = model._meta.model_name
            names = [f.attname for f in type(rows[0])._meta.concrete_fields] if rows else []
            history_rows = [
                m2m_history_model(
                    history_id=records[model][getattr(row, f"{owner}_id")],
                    **{name: getattr(row, name) for name in names},
                )
                for row in rows
            ]
            m2m_history_model.objects.bulk_create(history_rows, batch_size=BATCH_SIZE)
            self.counts["Historieneinträge"] += len(history_rows)

    def sync_permissions(self) -> None:
        for user in self.new_users:
            sync_user_permissions(user, actor=self.office, on=self.today)
