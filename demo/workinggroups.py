"""Demo findings for `manage.py seed_demo`: what the six working groups found so far.

Every working group has recorded three to five findings about the central-place
functions of its area (the catalogue of the slides): what exists (Bestandsaufnahme),
what stands in the way (Hemmnis), which solutions are possible (Lösungsansatz) and
what it recommends to the board (Empfehlung). Some are still drafts, some are shared
for discussion, several are agreed. One finding for discussion carries a discussion
in which a member of another group takes part, and the AG Gesundheits- und
Sozialwesen has submitted its first report to the upcoming board meeting.

Everything is written through the services, with the group's members and leads as
the acting users (authors share their drafts, the lead agrees), so the history tells
who did what. Nothing here sends e-mail.

Idempotent like the demo meetings: the findings, the discussion and the report are
created in one go, or not at all. If any working group already holds a finding with
one of the demo titles, nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cooperation.models import Partner
from functions.models import CentralFunction, Facility
from meetings.models import AgendaItem, Meeting, MeetingStatus
from workinggroups import services
from workinggroups.models import Finding, FindingStatus, FindingType, WorkingGroup

OFFICE = "geschaeftsstelle"
BOARD_CODE = "KG"

INVENTORY = FindingType.INVENTORY
OBSTACLE = FindingType.OBSTACLE
SOLUTION = FindingType.SOLUTION
RECOMMENDATION = FindingType.RECOMMENDATION

DRAFT = FindingStatus.DRAFT
DISCUSSION = FindingStatus.DISCUSSION
AGREED = FindingStatus.AGREED


@dataclass(frozen=True)
class FindingSpec:
    group: str  # short code of the working group
    author: str  # username; a member or the lead of the group
    type: str
    status: str
    title: str
    text: str  # Markdown
    function: str = ""  # name of the central-place function
    facilities: tuple[str, ...] = ()  # names of seeded facilities
    partners: tuple[str, ...] = ()  # short names of partners


# The leads who agree the findings of their group.
LEADS = {
    "AGB": "ag.bildung.leitung",
    "AGV": "ag.verwaltung.leitung",
    "AGG": "ag.gesundheit.leitung",
    "AGK": "ag.kultur.leitung",
    "AGD": "ag.versorgung.leitung",
    "AGI": "ag.verkehr.leitung",
}

THREE_TOWNS = ("Halberstadt", "Wernigerode", "Quedlinburg")

# --- What the groups found ------------------------------------------------------------

HEALTH_INVENTORY = "Fachärztliche Versorgung in Halberstadt, Quedlinburg und Wernigerode"
HEALTH_OBSTACLE = "Lange Wartezeiten auf Facharzttermine"
HEALTH_SOLUTION = "Gemeinsame MVZ-Außensprechstunden in Quedlinburg und Blankenburg"
HEALTH_RECOMMENDATION = "Empfehlung: Fachärztinnen und Fachärzte gemeinsam gewinnen"
TRAIN_OBSTACLE = "Kein Fernverkehrshalt in der Region"
COURTS_INVENTORY = "Gerichtsstandorte: drei Amtsgerichte, kein Landgericht"
UNIVERSITY_INVENTORY = "Hochschule Harz mit zwei Standorten, keine Universität"
RETAIL_INVENTORY = "Einzelhandel des aperiodischen Bedarfs in den drei Innenstädten"
THEATRE_INVENTORY = "Nordharzer Städtebundtheater: zwei Spielstätten, ein Ensemble"

FINDINGS = (
    # --- Gesundheits- und Sozialwesen ---------------------------------------------------
    FindingSpec(
        group="AGG",
        author="ag.gesundheit.mitglied",
        type=INVENTORY,
        status=AGREED,
        title=HEALTH_INVENTORY,
        text=(
            "Die AG hat alle fachärztlichen Praxen und Medizinischen Versorgungszentren der "
            "drei Städte über die Kassenärztliche Vereinigung befragt; **61 Prozent** haben "
            "geantwortet.\n\n"
            "- Gut versorgt sind Innere Medizin, Chirurgie und Gynäkologie.\n"
            "- Engpässe bestehen in der **Augenheilkunde**, der **Dermatologie** und der "
            "**Kinder- und Jugendpsychiatrie**.\n"
            "- Ein Drittel der Praxisinhaber:innen ist älter als 60 Jahre; für viele Praxen "
            "ist keine Nachfolge in Sicht."
        ),
        function="Fachärzte",
        facilities=(
            "Medizinisches Versorgungszentrum am AMEOS Klinikum",
            "Fachärztezentrum am Bahnhof Quedlinburg",
            "MVZ Harzklinikum – Facharztpraxen Wernigerode",
        ),
        partners=(*THREE_TOWNS, "Harzklinikum"),
    ),
    FindingSpec(
        group="AGG",
        author="ag.gesundheit.leitung",
        type=OBSTACLE,
        status=AGREED,
        title=HEALTH_OBSTACLE,
        text=(
            "Auf einen Termin in der Augenheilkunde warten gesetzlich Versicherte in "
            "Halberstadt und Quedlinburg im Mittel mehr als vier Monate, in der Kinder- und "
            "Jugendpsychiatrie oft länger. Viele Patient:innen weichen nach Magdeburg, Halle "
            "(Saale) oder Göttingen aus; wer kein Auto hat, ist dafür einen ganzen Tag "
            "unterwegs. Die Wartezeiten schrecken zugleich Fachkräfte ab, die eine Praxis in "
            "der Region übernehmen könnten."
        ),
        function="Fachärzte",
        facilities=(
            "Medizinisches Versorgungszentrum am AMEOS Klinikum",
            "Fachärztezentrum am Bahnhof Quedlinburg",
        ),
        partners=("Halberstadt", "Quedlinburg"),
    ),
    FindingSpec(
        group="AGG",
        author="ag.gesundheit.leitung",
        type=SOLUTION,
        status=DISCUSSION,
        title=HEALTH_SOLUTION,
        text=(
            "Das MVZ des Harzklinikums in Wernigerode bietet Sprechstunden der knappen "
            "Fachrichtungen tageweise auch im Fachärztezentrum **Quedlinburg** und im "
            "Fachärztehaus **Blankenburg** an. "
            "Die Ärztinnen und Ärzte rotieren, Geräte und Terminvergabe werden geteilt. So "
            "entsteht ohne neue Praxissitze ein wohnortnahes Angebot. Offen sind die "
            "Zulassung durch den Zulassungsausschuss und die Erreichbarkeit mit Bus und Bahn."
        ),
        function="Fachärzte",
        facilities=(
            "MVZ Harzklinikum – Facharztpraxen Wernigerode",
            "Fachärztezentrum am Bahnhof Quedlinburg",
            "Fachärztehaus Blankenburg",
        ),
        partners=("Quedlinburg", "Blankenburg", "Wernigerode", "Harzklinikum"),
    ),
    FindingSpec(
        group="AGG",
        author="ag.gesundheit.leitung",
        type=RECOMMENDATION,
        status=AGREED,
        title=HEALTH_RECOMMENDATION,
        text=(
            "Die AG empfiehlt dem Kooperationsgremium, die Gewinnung von Fachärztinnen und "
            "Fachärzten als gemeinsame Aufgabe des Oberzentrums zu behandeln:\n\n"
            "1. eine gemeinsame Kampagne der Partner und des Harzklinikums,\n"
            "2. einen Weiterbildungsverbund der Krankenhäuser und Praxen der Region,\n"
            "3. abgestimmte Hilfen der Städte bei Wohnung, Kinderbetreuung und "
            "Praxisräumen.\n\n"
            "Keine Stadt soll Fachkräfte mit Prämien aus einer Nachbarstadt abwerben."
        ),
        function="Fachärzte",
        partners=(*THREE_TOWNS, "LK Harz", "Harzklinikum"),
    ),
    FindingSpec(
        group="AGG",
        author="ag.gesundheit.mitglied",
        type=INVENTORY,
        status=DRAFT,
        title="Krankenhausstandorte und Notfallversorgung",
        text=(
            "In der Region gibt es fünf Krankenhausstandorte: das AMEOS Klinikum in "
            "Halberstadt, das Harzklinikum mit Wernigerode, Quedlinburg und Blankenburg und "
            "das Diakonie-Krankenhaus in Elbingerode. Notaufnahmen rund um die Uhr haben "
            "Halberstadt, Wernigerode und Quedlinburg. *Entwurf: die Fahrzeiten aus den "
            "Dörfern des Oberharzes fehlen noch.*"
        ),
        function="Krankenhäuser",
        facilities=(
            "AMEOS Klinikum Halberstadt",
            "Harzklinikum Dorothea Christiane Erxleben – Wernigerode",
            "Harzklinikum Dorothea Christiane Erxleben – Quedlinburg",
            "Harzklinikum Dorothea Christiane Erxleben – Blankenburg",
            "Diakonie-Krankenhaus Harz Elbingerode",
        ),
        partners=(*THREE_TOWNS, "Blankenburg", "Oberharz"),
    ),
    # --- Verkehrsinfrastruktur ----------------------------------------------------------
    FindingSpec(
        group="AGI",
        author="ag.verkehr.leitung",
        type=OBSTACLE,
        status=AGREED,
        title=TRAIN_OBSTACLE,
        text=(
            "In der ganzen Region hält kein IC, EC oder ICE. Die nächsten Fernverkehrsknoten "
            "sind **Magdeburg**, **Halle (Saale)** und **Hannover**. Aus Halberstadt dauert "
            "die Fahrt nach Magdeburg knapp eine Stunde, aus Wernigerode nach Hannover mit "
            "Umstieg rund zwei Stunden. Für Unternehmen, Hochschule und Tourismus ist die "
            "fehlende Fernverkehrsanbindung ein Standortnachteil, den keine Stadt allein "
            "beheben kann."
        ),
        function="IC-/EC-/ICE-Bahnhöfe",
        partners=(*THREE_TOWNS, "LK Harz"),
    ),
    FindingSpec(
        group="AGI",
        author="ag.mitglied",
        type=INVENTORY,
        status=AGREED,
        title="Verlorene Anschlüsse am Knoten Halberstadt",
        text=(
            "Die Auswertung der Fahrpläne zeigt: In Halberstadt gehen werktags **elf "
            "Anschlüsse** zwischen den Linien aus Wernigerode, Quedlinburg und Magdeburg "
            "verloren, weil weniger als fünf Minuten zum Umsteigen fehlen. Am Wochenende "
            "sind es sieben. Besonders betroffen sind die Anschlüsse an die Züge nach "
            "Magdeburg, die dort den Fernverkehr erreichen."
        ),
        function="Regionalbahnhöfe",
        facilities=("Bahnhof Halberstadt", "Wernigerode Hauptbahnhof", "Bahnhof Quedlinburg"),
        partners=THREE_TOWNS,
    ),
    FindingSpec(
        group="AGI",
        author="ag.mitglied",
        type=RECOMMENDATION,
        status=DISCUSSION,
        title="Abgestimmte Anschlüsse am Knoten Halberstadt",
        text=(
            "Die AG empfiehlt dem Kooperationsgremium, bei der Nahverkehrsservice "
            "Sachsen-Anhalt GmbH einen **Taktknoten Halberstadt** zu beantragen: Die Züge "
            "aus Wernigerode und Quedlinburg kommen kurz vor der vollen Stunde an, die Züge "
            "nach Magdeburg fahren kurz danach und erreichen dort die IC- und ICE-Züge. Die "
            "Busse des Landkreises werden auf diesen Knoten ausgerichtet."
        ),
        function="Regionalbahnhöfe",
        facilities=("Bahnhof Halberstadt",),
        partners=(*THREE_TOWNS, "LK Harz"),
    ),
    FindingSpec(
        group="AGI",
        author="ag.verkehr.mitglied",
        type=SOLUTION,
        status=DRAFT,
        title="Schnellbus zwischen Quedlinburg, Thale und Halberstadt",
        text=(
            "Ein Schnellbus im Stundentakt könnte Thale und Quedlinburg direkt mit dem "
            "Bahnhof Halberstadt verbinden und die Umwege über die Schiene ersetzen. "
            "*Entwurf: Kosten und Fahrzeitvergleich folgen.*"
        ),
        function="Regionalbahnhöfe",
        facilities=("Thale Hauptbahnhof", "Bahnhof Quedlinburg", "Bahnhof Halberstadt"),
        partners=("Quedlinburg", "Thale", "Halberstadt", "LK Harz"),
    ),
    # --- Kultur und Sport ---------------------------------------------------------------
    FindingSpec(
        group="AGK",
        author="ag.kultur.leitung",
        type=INVENTORY,
        status=AGREED,
        title=THEATRE_INVENTORY,
        text=(
            "Das Nordharzer Städtebundtheater bespielt das Große Haus in **Halberstadt** und "
            "das Theater in **Quedlinburg** mit einem gemeinsamen Ensemble für Musiktheater, "
            "Schauspiel und Ballett. Sein Orchester, die Harzer Sinfoniker, spielt auch in "
            "Wernigerode, Thale und Ballenstedt. Das Theater ist damit schon heute eine "
            "gemeinsam getragene Einrichtung des Oberzentrums."
        ),
        function="Orchester und Theater",
        facilities=(
            "Nordharzer Städtebundtheater – Großes Haus",
            "Nordharzer Städtebundtheater – Theater Quedlinburg",
        ),
        partners=("Halberstadt", "Quedlinburg", "LK Harz"),
    ),
    FindingSpec(
        group="AGK",
        author="ag.kultur.mitglied",
        type=OBSTACLE,
        status=AGREED,
        title="Steigende Kosten des Theaters, gleichbleibende Trägeranteile",
        text=(
            "Die Tarifsteigerungen der letzten Jahre tragen die bisherigen Träger allein, "
            "während ein großer Teil des Publikums aus Orten kommt, die sich an der "
            "Finanzierung nicht beteiligen. Ohne eine neue Verteilung der Lasten drohen "
            "Kürzungen bei Spielplan und Ensemble."
        ),
        function="Orchester und Theater",
        facilities=(
            "Nordharzer Städtebundtheater – Großes Haus",
            "Nordharzer Städtebundtheater – Theater Quedlinburg",
        ),
        partners=("Halberstadt", "Quedlinburg", "LK Harz"),
    ),
    FindingSpec(
        group="AGK",
        author="ag.kultur.leitung",
        type=SOLUTION,
        status=DISCUSSION,
        title="Gemeinsamer Veranstaltungskalender und Kombiticket",
        text=(
            "Theater, Orchester und Bühnen der drei Städte veröffentlichen ihre Termine in "
            "einem gemeinsamen Kalender. Ein Kombiticket gilt für das Städtebundtheater, das "
            "Philharmonische Kammerorchester Wernigerode und das Harzer Bergtheater Thale "
            "und schließt die Fahrt mit Bus und Bahn ein."
        ),
        function="Orchester und Theater",
        facilities=(
            "Nordharzer Städtebundtheater – Großes Haus",
            "Philharmonisches Kammerorchester Wernigerode",
            "Harzer Bergtheater Thale",
        ),
        partners=(*THREE_TOWNS, "Thale"),
    ),
    FindingSpec(
        group="AGK",
        author="ag.kultur.mitglied",
        type=SOLUTION,
        status=DRAFT,
        title="Gemeinsame Ensembles der Musikschulstandorte",
        text=(
            "Die Standorte der Kreismusikschule in Halberstadt und Quedlinburg bilden "
            "gemeinsame Ensembles für fortgeschrittene Schüler:innen und stimmen ihre "
            "Gebühren ab. *Entwurf für die nächste Sitzung.*"
        ),
        function="Musikschulen",
        facilities=(
            "Kreismusikschule Harz – Standort Halberstadt",
            "Kreismusikschule Harz – Standort Quedlinburg",
        ),
        partners=("Halberstadt", "Quedlinburg"),
    ),
    # --- Verwaltung und Rechtspflege ----------------------------------------------------
    FindingSpec(
        group="AGV",
        author="ag.verwaltung.mitglied",
        type=INVENTORY,
        status=AGREED,
        title=COURTS_INVENTORY,
        text=(
            "Jede der drei Städte hat ein **Amtsgericht**. Ein Landgericht gibt es in der "
            "Region nicht; zuständig ist das Landgericht Magdeburg. Auch Fachgerichte und "
            "obere Landesbehörden liegen außerhalb, vor allem in Magdeburg, Halle (Saale) "
            "und Dessau-Roßlau."
        ),
        function="Amtsgerichte",
        facilities=(
            "Amtsgericht Halberstadt",
            "Amtsgericht Wernigerode",
            "Amtsgericht Quedlinburg",
        ),
        partners=THREE_TOWNS,
    ),
    FindingSpec(
        group="AGV",
        author="ag.verwaltung.leitung",
        type=OBSTACLE,
        status=AGREED,
        title="Weite Wege zu Landgericht und Fachgerichten",
        text=(
            "Wer in der Region mit dem Landgericht oder einem Fachgericht zu tun hat, fährt "
            "mit Bus und Bahn oft mehr als eineinhalb Stunden. Bei jeder Strukturreform der "
            "Justiz stehen zudem die kleineren Amtsgerichte zur Debatte; einzeln haben die "
            "Städte dem wenig entgegenzusetzen."
        ),
        function="Landgerichte",
        partners=(*THREE_TOWNS, "LK Harz"),
    ),
    FindingSpec(
        group="AGV",
        author="ag.verwaltung.mitglied",
        type=SOLUTION,
        status=DISCUSSION,
        title="Sprechtage des Finanzamts Quedlinburg in Halberstadt und Wernigerode",
        text=(
            "Das **Finanzamt Quedlinburg** ist das einzige Finanzamt in der Region. Feste "
            "Sprechtage in den Rathäusern von Halberstadt und Wernigerode könnten Bürger:innen "
            "und kleinen Betrieben den Weg ersparen. Die Städte stellen Räume, das Finanzamt "
            "das Personal."
        ),
        function="Finanzämter",
        facilities=("Finanzamt Quedlinburg",),
        partners=THREE_TOWNS,
    ),
    FindingSpec(
        group="AGV",
        author="ag.verwaltung.leitung",
        type=RECOMMENDATION,
        status=DRAFT,
        title="Gerichtsstandorte im Landesentwicklungsplan sichern",
        text=(
            "Die AG schlägt vor, in der gemeinsamen Stellungnahme zum Landesentwicklungsplan "
            "die drei Amtsgerichte als Einrichtungen des gemeinsamen Oberzentrums zu "
            "benennen. *Entwurf, abzustimmen mit der AG Verkehrsinfrastruktur.*"
        ),
        function="Amtsgerichte",
        facilities=(
            "Amtsgericht Halberstadt",
            "Amtsgericht Wernigerode",
            "Amtsgericht Quedlinburg",
        ),
        partners=(*THREE_TOWNS, "RPG Harz"),
    ),
    # --- Bildung ------------------------------------------------------------------------
    FindingSpec(
        group="AGB",
        author="ag.bildung.mitglied",
        type=INVENTORY,
        status=AGREED,
        title=UNIVERSITY_INVENTORY,
        text=(
            "Die **Hochschule Harz** lehrt in Wernigerode und Halberstadt, vor allem "
            "Wirtschaft, Informatik und Verwaltungswissenschaften. Eine Universität gibt es "
            "in der Region nicht; die nächsten liegen in Magdeburg, Halle (Saale), Clausthal "
            "und Göttingen. Fachschulen gibt es an den drei Standorten der Berufsbildenden "
            "Schulen und am Harzklinikum."
        ),
        function="Hochschulen",
        facilities=(
            "Hochschule Harz – Campus Wernigerode",
            "Hochschule Harz – Campus Halberstadt",
        ),
        partners=("Wernigerode", "Halberstadt", "HS Harz"),
    ),
    FindingSpec(
        group="AGB",
        author="ag.bildung.leitung",
        type=OBSTACLE,
        status=DISCUSSION,
        title="Abwanderung junger Menschen zum Studium",
        text=(
            "Wer ein Fach studieren will, das die Hochschule Harz nicht anbietet, verlässt "
            "die Region, und nur wenige kehren nach dem Studium zurück. Das betrifft gerade "
            "die Berufe, die in Medizin, Schulen und Technik fehlen."
        ),
        function="Universitäten",
        partners=(*THREE_TOWNS, "HS Harz"),
    ),
    FindingSpec(
        group="AGB",
        author="ag.bildung.mitglied",
        type=SOLUTION,
        status=AGREED,
        title="Duale Studiengänge mit Betrieben und Kliniken der Region",
        text=(
            "Die Hochschule Harz baut duale Studiengänge mit Unternehmen, Verwaltungen und "
            "dem Harzklinikum aus. Wer dual studiert, bleibt während des Studiums in der "
            "Region und hat danach eine Stelle in Aussicht."
        ),
        function="Hochschulen",
        facilities=(
            "Hochschule Harz – Campus Wernigerode",
            "Hochschule Harz – Campus Halberstadt",
        ),
        partners=("HS Harz", "Harzklinikum", "Wernigerode"),
    ),
    FindingSpec(
        group="AGB",
        author="ag.bildung.leitung",
        type=RECOMMENDATION,
        status=DRAFT,
        title="Campus Halberstadt als Ort der Weiterbildung stärken",
        text=(
            "Der Campus Halberstadt soll berufsbegleitende Weiterbildung für die "
            "Verwaltungen der Partner anbieten. *Entwurf: Gespräch mit der Hochschulleitung "
            "steht aus.*"
        ),
        function="Hochschulen",
        facilities=("Hochschule Harz – Campus Halberstadt",),
        partners=("Halberstadt", "HS Harz"),
    ),
    # --- Versorgung und Dienstleistung --------------------------------------------------
    FindingSpec(
        group="AGD",
        author="ag.versorgung.mitglied",
        type=INVENTORY,
        status=AGREED,
        title=RETAIL_INVENTORY,
        text=(
            "Bekleidung, Schuhe, Bücher und Elektronik bieten vor allem die Innenstädte von "
            "Halberstadt (Breiter Weg, Rathauspassagen), Wernigerode (Westernstraße, Breite "
            "Straße) und Quedlinburg (Steinweg, Markt) an. Dazu kommt der Fachmarktstandort "
            "Wernigerode-Nord. Wernigerode zieht mit seinen Gästen die meiste Kaufkraft an."
        ),
        function="Einzelhandel des aperiodischen Bedarfs",
        facilities=(
            "Innenstadt Halberstadt – Breiter Weg und Rathauspassagen",
            "Innenstadt Wernigerode – Westernstraße und Breite Straße",
            "Innenstadt Quedlinburg – Steinweg und Markt",
            "Fachmarktstandort Wernigerode-Nord",
        ),
        partners=THREE_TOWNS,
    ),
    FindingSpec(
        group="AGD",
        author="ag.versorgung.leitung",
        type=OBSTACLE,
        status=AGREED,
        title="Leerstand in den Innenstädten",
        text=(
            "In den Hauptgeschäftslagen von Halberstadt und Quedlinburg steht jedes sechste "
            "Ladenlokal leer. Online-Handel und Fachmärkte am Stadtrand ziehen Kaufkraft ab; "
            "die Städte konkurrieren um dieselben Ansiedlungen."
        ),
        function="Einzelhandel des aperiodischen Bedarfs",
        facilities=(
            "Innenstadt Halberstadt – Breiter Weg und Rathauspassagen",
            "Innenstadt Quedlinburg – Steinweg und Markt",
        ),
        partners=("Halberstadt", "Quedlinburg"),
    ),
    FindingSpec(
        group="AGD",
        author="ag.versorgung.leitung",
        type=SOLUTION,
        status=DISCUSSION,
        title="Abgestimmtes Einzelhandelskonzept der drei Städte",
        text=(
            "Die drei Städte stimmen ihre Einzelhandelskonzepte ab: innenstadtrelevante "
            "Sortimente nur in den Zentren, keine neuen Fachmärkte mit solchen Sortimenten am "
            "Stadtrand, gegenseitige Beteiligung vor jeder größeren Ansiedlung."
        ),
        function="Einzelhandel des aperiodischen Bedarfs",
        partners=(*THREE_TOWNS, "RPG Harz"),
    ),
    FindingSpec(
        group="AGD",
        author="ag.versorgung.mitglied",
        type=RECOMMENDATION,
        status=DRAFT,
        title="Gemeinsames Leerstandsmanagement",
        text=(
            "Ein gemeinsames Leerstandskataster und eine Ansprechperson für Gründer:innen in "
            "allen drei Innenstädten. *Entwurf.*"
        ),
        function="Einzelhandel des aperiodischen Bedarfs",
        partners=THREE_TOWNS,
    ),
)

# The discussion on one finding for discussion: (username, text). The ÖPNV
# referent of the AG Verkehrsinfrastruktur joins from another group.
DISCUSSION_ON = ("AGG", HEALTH_SOLUTION)
COMMENTS = (
    (
        "ag.gesundheit.mitglied",
        "Der Landkreis unterstützt die Außensprechstunden. Wir sollten mit der Augenheilkunde "
        "beginnen, dort sind die Wartezeiten am längsten.",
    ),
    (
        "ag.verkehr.mitglied",
        "Aus Sicht des ÖPNV: Das Fachärztehaus Blankenburg ist aus Thale und Quedlinburg nur "
        "zweistündlich mit dem Bus erreichbar. Wenn die Sprechstundentage feststehen, können "
        "wir die Fahrten daran ausrichten.",
    ),
    (
        "ag.gesundheit.leitung",
        "Danke, das nehmen wir auf. Die Zulassungsfrage klären wir bis zur nächsten Sitzung "
        "mit der Kassenärztlichen Vereinigung.",
    ),
    (
        OFFICE,
        "Die Geschäftsstelle ergänzt die Karte der Facharztstandorte um die Buslinien und "
        "stellt sie als Anhang ein.",
    ),
)

REPORT_GROUP = "AGG"
REPORT_FINDINGS = (HEALTH_INVENTORY, HEALTH_OBSTACLE, HEALTH_RECOMMENDATION)
REPORT_SUMMARY = (
    "Die AG Gesundheits- und Sozialwesen hat die fachärztliche Versorgung in Halberstadt, "
    "Quedlinburg und Wernigerode erhoben. Engpässe bestehen vor allem in der "
    "Augenheilkunde, der Dermatologie und der Kinder- und Jugendpsychiatrie. Die AG "
    "empfiehlt, Fachärztinnen und Fachärzte gemeinsam zu gewinnen, und erprobt "
    "gemeinsame Außensprechstunden des MVZ."
)
REPORT_MONTHS = 6
# The agenda item of the upcoming board meeting the report is submitted to, in order
# of preference: the item on recruiting medical staff fits the recommendation best.
REPORT_ITEMS = (
    "Fachkräftegewinnung für das Gesundheitswesen: gemeinsame Kampagne",
    "Bericht der Geschäftsstelle",
)

DEMO_TITLES = [spec.title for spec in FINDINGS]


# --- Entry point ----------------------------------------------------------------------


def seed_findings(*, actor, stdout=None) -> bool:
    """Create the demo findings unless they exist; return whether anything was written.

    `actor` is the fall-back acting user when a demo account is missing.
    """
    groups = {g.body.short_code: g for g in WorkingGroup.objects.select_related("body")}
    if not all(code in groups for code in LEADS):
        return False
    if Finding.objects.filter(group__in=groups.values(), title__in=DEMO_TITLES).exists():
        if stdout is not None:
            stdout.write("Erkenntnisse: Demo-Erkenntnisse sind bereits vorhanden, unverändert.")
        return False
    with transaction.atomic():
        seeder = _Seeder(actor=actor, groups=groups)
        seeder.run()
    if stdout is not None:
        stdout.write(
            f"Erkenntnisse: {len(seeder.findings)} neu in {len(groups)} Arbeitsgruppen, "
            f"{len(COMMENTS)} Diskussionsbeiträge; Bericht: {seeder.report_outcome}."
        )
    return True


class _Seeder:
    def __init__(self, *, actor, groups):
        User = get_user_model()
        self.users = {user.username: user for user in User.objects.all()}
        self.fallback = self.users.get(OFFICE, actor)
        self.groups = groups
        self.partners = {p.short_name: p for p in Partner.objects.all()}
        self.functions = {f.name: f for f in CentralFunction.objects.select_related("area")}
        self.facilities = {f.name: f for f in Facility.objects.all()}
        self.findings: dict[tuple[str, str], Finding] = {}
        self.report_outcome = "keiner"

    def user(self, username: str):
        return self.users.get(username) or self.fallback

    def run(self) -> None:
        for spec in FINDINGS:
            self.findings[(spec.group, spec.title)] = self.create_finding(spec)
        finding = self.findings[DISCUSSION_ON]
        for username, text in COMMENTS:
            services.comment_add(finding=finding, author=self.user(username), text=text)
        self.report()

    def create_finding(self, spec: FindingSpec) -> Finding:
        group = self.groups[spec.group]
        author = self.user(spec.author)
        function = self.functions.get(spec.function)
        finding = services.finding_create(
            group=group,
            author=author,
            type=spec.type,
            title=spec.title,
            text=spec.text,
            function_area=function.area if function else group.function_area,
            central_function=function,
            facilities=[self.facilities[n] for n in spec.facilities if n in self.facilities],
            partners=[self.partners[n] for n in spec.partners if n in self.partners],
            actor=author,
        )
        if spec.status in (DISCUSSION, AGREED):
            # The author shares the draft; the lead agrees it after the discussion.
            services.finding_set_status(
                finding=finding, status=DISCUSSION, actor=author, as_lead=False
            )
        if spec.status == AGREED:
            services.finding_set_status(
                finding=finding,
                status=AGREED,
                actor=self.user(LEADS[spec.group]),
                as_lead=True,
            )
        return finding

    def report(self) -> None:
        """The lead reports the agreed findings of the last months to the board."""
        from workinggroups.services import report_submit

        group = self.groups[REPORT_GROUP]
        lead = self.user(LEADS[REPORT_GROUP])
        today = timezone.localdate()
        report = services.report_create(
            group=group,
            period_from=today - datetime.timedelta(days=round(REPORT_MONTHS * 30.5)),
            period_until=today,
            summary=REPORT_SUMMARY,
            findings=[self.findings[(REPORT_GROUP, title)] for title in REPORT_FINDINGS],
            actor=lead,
        )
        item = report_agenda_item()
        if item is None:
            self.report_outcome = "Entwurf (keine eingeladene Sitzung des Gremiums)"
            return
        report_submit(report=report, agenda_item=item, actor=lead)
        self.report_outcome = f"eingereicht zu „{item.title}“ ({item.meeting.title})"


def report_agenda_item() -> AgendaItem | None:
    """The preferred item of the board's next invited meeting, or None."""
    meeting = (
        Meeting.objects.filter(
            body__short_code=BOARD_CODE,
            status=MeetingStatus.INVITED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return None
    items = {item.title: item for item in meeting.agenda_items.select_related("meeting")}
    for title in REPORT_ITEMS:
        if title in items:
            return items[title]
    return None
