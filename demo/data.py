"""Demo data of the real Harz planning region, loaded by `manage.py seed_demo`.

Plain data only: the command in `management/commands/seed_demo.py` turns it into
records. Partners are referred to by their short name, bodies by their short
code and users by their username. People are named by their office, never by a
real personal name. AGS keys follow the official municipality directory;
populations are rounded recent figures; facility addresses and coordinates are
close to reality but not surveyed.
"""

import datetime

# One password for every demo account; set only when an account is created.
DEMO_PASSWORD = "impuls-demo-2026"
DEMO_EMAIL_DOMAIN = "demo.impuls.invalid"
# The TOTP secret (hex, 20 bytes) of every demo account's second factor: known to anyone
# who reads this file, like the password, so seed_demo runs only with DEBUG (or --force).
# In an authenticator app: the base32 form seed_demo prints; or `manage.py demo_code`.
DEMO_TOTP_KEY = "494d50554c532d44656d6f2d5a77656974657246"

# --- Partners --------------------------------------------------------------------------

PARTNERS = (
    {
        "name": "Stadt Halberstadt",
        "short_name": "Halberstadt",
        "kind": "town",
        "status": "joint",
        "ags": "15085135",
        "population": 39500,
        "street": "Holzmarkt 1",
        "postal_code": "38820",
        "city": "Halberstadt",
        "website": "https://www.halberstadt.de",
    },
    {
        "name": "Regionale Planungsgemeinschaft Harz",
        "short_name": "RPG Harz",
        "kind": "planning_community",
        "status": "joint",
        "ags": "",
        "population": None,
        "street": "",
        "postal_code": "06484",
        "city": "Quedlinburg",
        "website": "https://www.rpgharz.de",
    },
    {
        "name": "Stadt Wernigerode",
        "short_name": "Wernigerode",
        "kind": "town",
        "status": "associated",
        "ags": "15085370",
        "population": 31900,
        "street": "Marktplatz 1",
        "postal_code": "38855",
        "city": "Wernigerode",
        "website": "https://www.wernigerode.de",
    },
    {
        "name": "Welterbestadt Quedlinburg",
        "short_name": "Quedlinburg",
        "kind": "town",
        "status": "associated",
        "ags": "15085235",
        "population": 23300,
        "street": "Markt 1",
        "postal_code": "06484",
        "city": "Quedlinburg",
        "website": "https://www.quedlinburg.de",
    },
    {
        "name": "Landkreis Harz",
        "short_name": "LK Harz",
        "kind": "district",
        "status": "associated",
        "ags": "15085",
        "population": 210400,
        "street": "Friedrich-Ebert-Straße 42",
        "postal_code": "38820",
        "city": "Halberstadt",
        "website": "https://www.kreis-hz.de",
    },
    {
        "name": "Stadt Blankenburg (Harz)",
        "short_name": "Blankenburg",
        "kind": "town",
        "status": "neighbour",
        "ags": "15085055",
        "population": 19100,
        "street": "Harzstraße 3",
        "postal_code": "38889",
        "city": "Blankenburg (Harz)",
        "website": "https://www.blankenburg.de",
    },
    {
        "name": "Stadt Thale",
        "short_name": "Thale",
        "kind": "town",
        "status": "neighbour",
        "ags": "15085330",
        "population": 16900,
        "street": "Rathausplatz 1",
        "postal_code": "06502",
        "city": "Thale",
        "website": "https://www.bodetal.de",
    },
    {
        "name": "Stadt Ilsenburg (Harz)",
        "short_name": "Ilsenburg",
        "kind": "town",
        "status": "neighbour",
        "ags": "15085190",
        "population": 9500,
        "street": "Harzburger Straße 24",
        "postal_code": "38871",
        "city": "Ilsenburg (Harz)",
        "website": "https://www.stadt-ilsenburg.de",
    },
    {
        "name": "Stadt Osterwieck",
        "short_name": "Osterwieck",
        "kind": "town",
        "status": "neighbour",
        "ags": "15085230",
        "population": 10800,
        "street": "Am Markt 11",
        "postal_code": "38835",
        "city": "Osterwieck",
        "website": "https://www.stadt-osterwieck.de",
    },
    {
        "name": "Stadt Oberharz am Brocken",
        "short_name": "Oberharz",
        "kind": "town",
        "status": "neighbour",
        "ags": "15085228",
        "population": 9700,
        "street": "Markt 12",
        "postal_code": "38875",
        "city": "Oberharz am Brocken",
        "website": "https://www.oberharzstadt.de",
    },
    {
        "name": "Harzklinikum Dorothea Christiane Erxleben GmbH",
        "short_name": "Harzklinikum",
        "kind": "regional_actor",
        "status": "regional_actor",
        "ags": "",
        "population": None,
        "street": "Ditfurter Weg 24",
        "postal_code": "06484",
        "city": "Quedlinburg",
        "website": "https://www.harzklinikum.com",
    },
    {
        "name": "Hochschule Harz",
        "short_name": "HS Harz",
        "kind": "regional_actor",
        "status": "regional_actor",
        "ags": "",
        "population": None,
        "street": "Friedrichstraße 57–59",
        "postal_code": "38855",
        "city": "Wernigerode",
        "website": "https://www.hs-harz.de",
    },
)

# --- Spatial-planning contract ---------------------------------------------------------

CONTRACT = {
    "title": (
        "Raumordnerischer Vertrag über die gemeinsame Wahrnehmung oberzentraler Funktionen "
        "in der Planungsregion Harz"
    ),
    "signed_on": datetime.date(2025, 5, 22),
    "valid_from": datetime.date(2025, 7, 1),
    "valid_until": None,
    "preamble": (
        "In der Planungsregion Harz kann keine Stadt die Funktionen eines Oberzentrums allein "
        "tragen. Die Stadt Halberstadt, die Stadt Wernigerode, die Welterbestadt Quedlinburg, "
        "der Landkreis Harz und die Regionale Planungsgemeinschaft Harz wollen die "
        "zentralörtlichen Funktionen der Daseinsvorsorge deshalb gemeinsam wahrnehmen, "
        "Doppelstrukturen vermeiden und Lücken gemeinsam schließen.\n\n"
        "Auf der Grundlage von § 14 des Raumordnungsgesetzes (raumordnerische Zusammenarbeit) "
        "schließen sie im Geist einer gelebten, partnerschaftlichen Kooperation den folgenden "
        "Vertrag."
    ),
    "parties": ("Halberstadt", "RPG Harz", "Wernigerode", "Quedlinburg", "LK Harz"),
    # (title, text), numbered 1..n in this order
    "clauses": (
        (
            "Gegenstand und Ziel",
            "(1) Die Vertragsparteien nehmen die oberzentralen Funktionen der Daseinsvorsorge "
            "in der Planungsregion Harz gemeinsam wahr (gemeinsames Oberzentrum).\n"
            "(2) Ziel ist es, die Versorgung der Bevölkerung in den Funktionsbereichen Bildung, "
            "Verwaltung und Rechtspflege, Gesundheits- und Sozialwesen, Kultur und Sport, "
            "Versorgung und Dienstleistung sowie Verkehrsinfrastruktur dauerhaft zu sichern "
            "und ein gemeinsames regionales Entwicklungskonzept zu erarbeiten.",
        ),
        (
            "Kooperationsgremium",
            "(1) Die Vertragsparteien bilden das Kooperationsgremium des gemeinsamen "
            "Oberzentrums. Ihm gehören die (Ober-)Bürgermeister:innen der beteiligten Städte, "
            "die Landrätin oder der Landrat des Landkreises Harz sowie die Leitung der "
            "Regionalen Planungsgemeinschaft Harz an; jede Vertragspartei benennt eine "
            "Stellvertretung.\n"
            "(2) Das Gremium tagt regelmäßig, mindestens viermal im Jahr. Es koordiniert die "
            "Zusammenarbeit, entscheidet über gemeinsame Vorhaben und steht im Austausch mit "
            "den regionalen Akteuren und den Nachbarkommunen.\n"
            "(3) Das Gremium gibt sich eine Geschäftsordnung.",
        ),
        (
            "Arbeitsgruppen",
            "(1) Das Kooperationsgremium setzt für jeden Funktionsbereich mit "
            "Handlungsbedarf eine Arbeitsgruppe ein und erteilt ihr einen Auftrag.\n"
            "(2) Den Arbeitsgruppen gehören Fachleute der Verwaltungen der Vertragsparteien "
            "an; regionale Akteure können beteiligt werden.\n"
            "(3) Die Arbeitsgruppen berichten dem Kooperationsgremium über ihre Ergebnisse.",
        ),
        (
            "Geschäftsstelle",
            "(1) Die Geschäftsstelle des Kooperationsgremiums wird bei der Regionalen "
            "Planungsgemeinschaft Harz eingerichtet.\n"
            "(2) Sie bereitet die Sitzungen vor, führt die Niederschriften, verfolgt die "
            "Umsetzung der Beschlüsse und unterstützt die Arbeitsgruppen.",
        ),
        (
            "Berichtspflicht gegenüber den kommunalen Räten",
            "(1) Das Kooperationsgremium berichtet den Stadträten der beteiligten Städte und "
            "dem Kreistag des Landkreises Harz mindestens einmal jährlich über den Stand der "
            "Zusammenarbeit, die gefassten Beschlüsse und deren Umsetzung.\n"
            "(2) Die Berichte werden veröffentlicht, soweit keine schutzwürdigen Belange "
            "entgegenstehen.",
        ),
        (
            "Finanzierung",
            "(1) Die Kosten der Geschäftsstelle tragen die Vertragsparteien gemeinsam.\n"
            "(2) Vorhaben, die einzelnen Vertragsparteien zugutekommen, werden von diesen "
            "getragen, soweit nichts anderes vereinbart wird. Fördermittel des Landes und "
            "des Bundes werden vorrangig eingesetzt.",
        ),
        (
            "Beitritt weiterer Partner",
            "Nachbarkommunen und regionale Akteure können dem Vertrag mit Zustimmung aller "
            "Vertragsparteien beitreten oder als assoziierte Partner an der Arbeit der "
            "Arbeitsgruppen mitwirken.",
        ),
        (
            "Laufzeit und Kündigung",
            "(1) Der Vertrag tritt am 1. Juli 2025 in Kraft und wird auf unbestimmte Zeit "
            "geschlossen.\n"
            "(2) Jede Vertragspartei kann den Vertrag mit einer Frist von zwölf Monaten zum "
            "Ende eines Kalenderjahres kündigen, erstmals zum 31. Dezember 2030.\n"
            "(3) Änderungen und Ergänzungen bedürfen der Schriftform.",
        ),
    ),
    "amendments": (
        {
            "title": "1. Änderungsvereinbarung: Kostenschlüssel der Geschäftsstelle",
            "signed_on": datetime.date(2025, 12, 4),
            "description": (
                "Ergänzt § 6 um einen Kostenschlüssel für die Geschäftsstelle: 40 Prozent "
                "tragen die Vertragsparteien zu gleichen Teilen, 60 Prozent die Städte und der "
                "Landkreis nach ihrer Einwohnerzahl."
            ),
        },
    ),
}

# --- Function areas and central-place functions (exactly the table of the slides) ------

FUNCTION_AREAS = (
    (
        "Bildung",
        "Höhere Bildungs- und Ausbildungseinrichtungen mit regionalem Einzugsbereich.",
        ("Universitäten", "Hochschulen", "Fachschulen"),
    ),
    (
        "Verwaltung und Rechtspflege",
        "Behörden, Gerichte und Kammern, die über das Gebiet einer Stadt hinaus zuständig sind.",
        (
            "Fachgerichte",
            "Landgerichte",
            "Obere Landesbehörden",
            "Finanzämter",
            "Kammern",
            "Amtsgerichte",
        ),
    ),
    (
        "Gesundheits- und Sozialwesen",
        "Stationäre und fachärztliche Versorgung der Region.",
        ("Krankenhäuser", "Fachärzte"),
    ),
    (
        "Kultur und Sport",
        "Kultur- und Sporteinrichtungen mit Ausstrahlung in die ganze Region.",
        (
            "Fachbibliotheken",
            "Orchester und Theater",
            "Musikschulen",
            "Sportstadien und -hallen mit überregionaler Bedeutung",
        ),
    ),
    (
        "Versorgung und Dienstleistung",
        "Handel und Dienstleistungen für den selteneren, spezialisierten Bedarf.",
        ("Einzelhandel des aperiodischen Bedarfs",),
    ),
    (
        "Verkehrsinfrastruktur",
        "Anbindung der Region an den Fern- und Regionalverkehr der Schiene.",
        ("IC-/EC-/ICE-Bahnhöfe", "Regionalbahnhöfe"),
    ),
)

# --- Bodies ----------------------------------------------------------------------------

BOARD = {
    "name": "Kooperationsgremium des gemeinsamen Oberzentrums",
    "short_code": "KG",
    "kind": "board",
    "quorum_rule": "majority",
    "members_since": datetime.date(2025, 7, 1),
    "description": (
        "Regelmäßige Sitzung der (Ober-)Bürgermeister:innen, der Landrätin oder des Landrats "
        "und der Leitung der Regionalen Planungsgemeinschaft. Das Gremium koordiniert die "
        "Kooperation, entscheidet, beauftragt die Arbeitsgruppen, berichtet in den kommunalen "
        "Räten und erarbeitet das gemeinsame regionale Entwicklungskonzept."
    ),
    "rules_of_procedure": (
        "§ 1 Sitzungen\n"
        "Das Kooperationsgremium tagt mindestens viermal im Jahr. Den Vorsitz führt die "
        "gewählte Vorsitzende oder der gewählte Vorsitzende, bei Verhinderung die "
        "Stellvertretung im Vorsitz.\n\n"
        "§ 2 Einladung\n"
        "Die Geschäftsstelle lädt im Auftrag des Vorsitzes mindestens 14 Tage vor der Sitzung "
        "mit Tagesordnung und Sitzungsunterlagen ein. Jedes Mitglied kann Punkte für die "
        "Tagesordnung vorschlagen.\n\n"
        "§ 3 Öffentlichkeit\n"
        "Die Sitzungen sind nicht öffentlich. Beschlüsse werden veröffentlicht, soweit keine "
        "schutzwürdigen Belange entgegenstehen; nicht öffentliche Tagesordnungspunkte sind als "
        "solche gekennzeichnet.\n\n"
        "§ 4 Beschlussfähigkeit\n"
        "Das Gremium ist beschlussfähig, wenn mehr als die Hälfte der stimmberechtigten "
        "Mitglieder anwesend oder durch ihre benannte Stellvertretung vertreten ist.\n\n"
        "§ 5 Beschlüsse\n"
        "Beschlüsse werden mit der Mehrheit der abgegebenen Stimmen gefasst; Stimmengleichheit "
        "bedeutet Ablehnung. Finanzwirksame Beschlüsse bedürfen der Mehrheit der "
        "stimmberechtigten Mitglieder, Änderungen des raumordnerischen Vertrags der Zustimmung "
        "aller abgegebenen Stimmen, Änderungen dieser Geschäftsordnung zwei Dritteln der "
        "stimmberechtigten Mitglieder. Eine Stellvertretung stimmt nur anstelle des Mitglieds "
        "ab, das sie vertritt. Beschlüsse, auch abgelehnte Anträge, werden je Jahr fortlaufend "
        "nummeriert.\n\n"
        "§ 5a Umlaufverfahren\n"
        "Zwischen den Sitzungen kann die Geschäftsstelle im Auftrag des Vorsitzes einen "
        "Beschluss im schriftlichen Umlaufverfahren herbeiführen. Er bedarf der Mehrheit der "
        "stimmberechtigten Mitglieder. Widerspricht ein Mitglied dem Verfahren, ist es "
        "beendet und der Gegenstand wird in der nächsten Sitzung beraten.\n\n"
        "§ 6 Niederschrift\n"
        "Über jede Sitzung fertigt die Geschäftsstelle eine Niederschrift je "
        "Tagesordnungspunkt. Sie wird in der folgenden Sitzung genehmigt und danach nur noch "
        "durch einen vermerkten Nachtrag berichtigt."
    ),
}

# The board's rules of procedure as data (§§ 4, 5 and 5a of the text above).
BOARD_RULES = {
    "majority_ordinary": "simple",
    "majority_financial": "absolute_of_seats",
    "majority_contract": "unanimity",
    "majority_rules": "two_thirds_of_seats",
    "deputy_rule": "own_member",
    "written_procedure_allowed": True,
    "written_procedure_majority": "absolute_of_seats",
    "written_procedure_objection": "any_member",
    "written_votes_open": False,
}

WORKING_GROUPS_SINCE = datetime.date(2025, 9, 1)

WORKING_GROUPS = (
    {
        "name": "AG Bildung",
        "short_code": "AGB",
        "function_area": "Bildung",
        "lead_partner": "Wernigerode",
        "description": "Arbeitsgruppe für den Funktionsbereich Bildung.",
        "mandate": (
            "Bestandsaufnahme der Hochschul- und Fachschulangebote in der Region, Abstimmung "
            "der Berufsbildungsstandorte und Prüfung, wie ein universitäres Angebot in "
            "Kooperation mit den Hochschulen des Landes in die Region geholt werden kann."
        ),
    },
    {
        "name": "AG Verwaltung und Rechtspflege",
        "short_code": "AGV",
        "function_area": "Verwaltung und Rechtspflege",
        "lead_partner": "LK Harz",
        "description": "Arbeitsgruppe für den Funktionsbereich Verwaltung und Rechtspflege.",
        "mandate": (
            "Sicherung der Gerichts- und Behördenstandorte in der Region, Ausarbeitung einer "
            "gemeinsamen Position gegenüber dem Land zu Landgericht, Fachgerichten und oberen "
            "Landesbehörden sowie Abstimmung mit den Kammern."
        ),
    },
    {
        "name": "AG Gesundheits- und Sozialwesen",
        "short_code": "AGG",
        "function_area": "Gesundheits- und Sozialwesen",
        "lead_partner": "Harzklinikum",
        "description": "Arbeitsgruppe für den Funktionsbereich Gesundheits- und Sozialwesen.",
        "mandate": (
            "Abgestimmtes Zielbild der Krankenhausstandorte und der fachärztlichen Versorgung, "
            "Gewinnung von Fachkräften und Ausbau der medizinischen Versorgungszentren in den "
            "kleineren Städten."
        ),
    },
    {
        "name": "AG Kultur und Sport",
        "short_code": "AGK",
        "function_area": "Kultur und Sport",
        "lead_partner": "Quedlinburg",
        "description": "Arbeitsgruppe für den Funktionsbereich Kultur und Sport.",
        "mandate": (
            "Langfristige Sicherung des Nordharzer Städtebundtheaters, gemeinsames Angebot der "
            "Musikschulen und Bibliotheken sowie ein Konzept für Sportstätten mit "
            "überregionaler Bedeutung."
        ),
    },
    {
        "name": "AG Versorgung und Dienstleistung",
        "short_code": "AGD",
        "function_area": "Versorgung und Dienstleistung",
        "lead_partner": "Halberstadt",
        "description": "Arbeitsgruppe für den Funktionsbereich Versorgung und Dienstleistung.",
        "mandate": (
            "Gemeinsames Einzelhandelskonzept für den aperiodischen Bedarf, Stärkung der "
            "Innenstädte und Abstimmung großflächiger Ansiedlungen zwischen den Städten."
        ),
    },
    {
        "name": "AG Verkehrsinfrastruktur",
        "short_code": "AGI",
        "function_area": "Verkehrsinfrastruktur",
        "lead_partner": "RPG Harz",
        "description": "Arbeitsgruppe für den Funktionsbereich Verkehrsinfrastruktur.",
        "mandate": (
            "Verbesserung der Schienenanbindung der Region, Einsatz für einen Halt des "
            "Fernverkehrs und abgestimmte Takte zwischen den Regionalbahnhöfen der Städte."
        ),
    },
)

# --- Demo users ------------------------------------------------------------------------
# "staff": (partner, position, is_admin) or None
# "memberships": ((body short code, role, partner represented, deputy for username), ...)

SUPERUSER = {
    "username": "admin",
    "display_name": "Technische Administration",
    "persona": "Technische Administration (Django-Admin)",
}

USERS = (
    # Board members and their named deputies
    {
        "username": "ob.halberstadt",
        "display_name": "Oberbürgermeister:in Halberstadt",
        "persona": "Vorsitz Kooperationsgremium",
        "staff": ("Halberstadt", "Oberbürgermeister:in", False),
        "memberships": (("KG", "chair", "Halberstadt", None),),
    },
    {
        "username": "stv.halberstadt",
        "display_name": "Bürgermeister:in Halberstadt (Stellvertretung)",
        "persona": "Stellvertretung im Kooperationsgremium",
        "staff": ("Halberstadt", "Bürgermeister:in", False),
        "memberships": (("KG", "deputy_member", "Halberstadt", "ob.halberstadt"),),
    },
    {
        "username": "ob.wernigerode",
        "display_name": "Oberbürgermeister:in Wernigerode",
        "persona": "Stellv. Vorsitz Kooperationsgremium",
        "staff": ("Wernigerode", "Oberbürgermeister:in", False),
        "memberships": (("KG", "deputy_chair", "Wernigerode", None),),
    },
    {
        "username": "stv.wernigerode",
        "display_name": "Bürgermeister:in Wernigerode (Stellvertretung)",
        "persona": "Stellvertretung im Kooperationsgremium",
        "staff": ("Wernigerode", "Bürgermeister:in", False),
        "memberships": (("KG", "deputy_member", "Wernigerode", "ob.wernigerode"),),
    },
    {
        "username": "ob.quedlinburg",
        "display_name": "Oberbürgermeister:in Quedlinburg",
        "persona": "Mitglied Kooperationsgremium",
        "staff": ("Quedlinburg", "Oberbürgermeister:in", False),
        "memberships": (("KG", "member", "Quedlinburg", None),),
    },
    {
        "username": "stv.quedlinburg",
        "display_name": "Bürgermeister:in Quedlinburg (Stellvertretung)",
        "persona": "Stellvertretung im Kooperationsgremium",
        "staff": ("Quedlinburg", "Bürgermeister:in", False),
        "memberships": (("KG", "deputy_member", "Quedlinburg", "ob.quedlinburg"),),
    },
    {
        "username": "landrat.harz",
        "display_name": "Landrät:in Landkreis Harz",
        "persona": "Mitglied Kooperationsgremium",
        "staff": ("LK Harz", "Landrät:in", False),
        "memberships": (("KG", "member", "LK Harz", None),),
    },
    {
        "username": "stv.landrat",
        "display_name": "Erste:r Beigeordnete:r Landkreis Harz (Stellvertretung)",
        "persona": "Stellvertretung im Kooperationsgremium",
        "staff": ("LK Harz", "Erste:r Beigeordnete:r", False),
        "memberships": (("KG", "deputy_member", "LK Harz", "landrat.harz"),),
    },
    {
        "username": "leitung.rpg",
        "display_name": "Leitung Regionale Planungsgemeinschaft Harz",
        "persona": "Mitglied Kooperationsgremium",
        "staff": ("RPG Harz", "Leitung der Planungsgemeinschaft", False),
        "memberships": (("KG", "member", "RPG Harz", None),),
    },
    {
        "username": "stv.rpg",
        "display_name": "Stellv. Leitung Regionale Planungsgemeinschaft Harz (Stellvertretung)",
        "persona": "Stellvertretung im Kooperationsgremium",
        "staff": ("RPG Harz", "Stellvertretende Leitung der Planungsgemeinschaft", False),
        "memberships": (("KG", "deputy_member", "RPG Harz", "leitung.rpg"),),
    },
    # The office: planners of the Planungsgemeinschaft
    {
        "username": "geschaeftsstelle",
        "display_name": "Geschäftsstelle (Regionalplanung)",
        "persona": "Geschäftsstelle",
        "staff": ("RPG Harz", "Geschäftsstelle des Kooperationsgremiums", False),
        "memberships": (
            ("KG", "office", "RPG Harz", None),
            ("AGB", "office", "RPG Harz", None),
            ("AGV", "office", "RPG Harz", None),
            ("AGG", "office", "RPG Harz", None),
            ("AGK", "office", "RPG Harz", None),
            ("AGD", "office", "RPG Harz", None),
            ("AGI", "office", "RPG Harz", None),
        ),
    },
    # Partner administrators
    {
        "username": "admin.halberstadt",
        "display_name": "Partneradministration Halberstadt",
        "persona": "Partneradministration",
        "staff": ("Halberstadt", "Partneradministration", True),
        "memberships": (),
    },
    {
        "username": "admin.wernigerode",
        "display_name": "Partneradministration Wernigerode",
        "persona": "Partneradministration",
        "staff": ("Wernigerode", "Partneradministration", True),
        "memberships": (),
    },
    {
        "username": "admin.quedlinburg",
        "display_name": "Partneradministration Quedlinburg",
        "persona": "Partneradministration",
        "staff": ("Quedlinburg", "Partneradministration", True),
        "memberships": (),
    },
    {
        "username": "admin.landkreis",
        "display_name": "Partneradministration Landkreis Harz",
        "persona": "Partneradministration",
        "staff": ("LK Harz", "Partneradministration", True),
        "memberships": (),
    },
    # Working groups: a lead and one or two members each
    {
        "username": "ag.bildung.leitung",
        "display_name": "Leitung AG Bildung (Stadt Wernigerode)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("Wernigerode", "Fachbereich Bildung und Kultur", False),
        "memberships": (("AGB", "lead", "Wernigerode", None),),
    },
    {
        "username": "ag.bildung.mitglied",
        "display_name": "Referent:in Bildung (Hochschule Harz)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("HS Harz", "Referent:in Bildung", False),
        "memberships": (("AGB", "member", "HS Harz", None),),
    },
    {
        "username": "ag.verwaltung.leitung",
        "display_name": "Leitung AG Verwaltung und Rechtspflege (Landkreis Harz)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("LK Harz", "Amt für Kreisentwicklung", False),
        "memberships": (("AGV", "lead", "LK Harz", None),),
    },
    {
        "username": "ag.verwaltung.mitglied",
        "display_name": "Referent:in Verwaltung (Welterbestadt Quedlinburg)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("Quedlinburg", "Referent:in Verwaltung", False),
        "memberships": (("AGV", "member", "Quedlinburg", None),),
    },
    {
        "username": "ag.gesundheit.leitung",
        "display_name": "Leitung AG Gesundheits- und Sozialwesen (Harzklinikum)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("Harzklinikum", "Geschäftsführung Medizinstrategie", False),
        "memberships": (("AGG", "lead", "Harzklinikum", None),),
    },
    {
        "username": "ag.gesundheit.mitglied",
        "display_name": "Referent:in Soziales (Landkreis Harz)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("LK Harz", "Referent:in Soziales", False),
        "memberships": (("AGG", "member", "LK Harz", None),),
    },
    {
        "username": "ag.kultur.leitung",
        "display_name": "Leitung AG Kultur und Sport (Welterbestadt Quedlinburg)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("Quedlinburg", "Fachbereich Kultur und Tourismus", False),
        "memberships": (("AGK", "lead", "Quedlinburg", None),),
    },
    {
        "username": "ag.kultur.mitglied",
        "display_name": "Referent:in Kultur (Stadt Halberstadt)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("Halberstadt", "Referent:in Kultur", False),
        "memberships": (("AGK", "member", "Halberstadt", None),),
    },
    {
        "username": "ag.versorgung.leitung",
        "display_name": "Leitung AG Versorgung und Dienstleistung (Stadt Halberstadt)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("Halberstadt", "Amt für Wirtschaftsförderung", False),
        "memberships": (("AGD", "lead", "Halberstadt", None),),
    },
    {
        "username": "ag.versorgung.mitglied",
        "display_name": "Referent:in Wirtschaftsförderung (Stadt Wernigerode)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("Wernigerode", "Referent:in Wirtschaftsförderung", False),
        "memberships": (("AGD", "member", "Wernigerode", None),),
    },
    {
        "username": "ag.verkehr.leitung",
        "display_name": "Leitung AG Verkehrsinfrastruktur (Regionale Planungsgemeinschaft Harz)",
        "persona": "Leitung Arbeitsgruppe",
        "staff": ("RPG Harz", "Regionalplanung Verkehr", False),
        "memberships": (("AGI", "lead", "RPG Harz", None),),
    },
    {
        # The "working-group member" persona of the tests: member of exactly one working
        # group, not on the board and no partner administrator.
        "username": "ag.mitglied",
        "display_name": "Mitglied AG Verkehrsinfrastruktur (Stadt Halberstadt)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("Halberstadt", "Sachgebiet Verkehrsplanung", False),
        "memberships": (("AGI", "member", "Halberstadt", None),),
    },
    {
        "username": "ag.verkehr.mitglied",
        "display_name": "Referent:in ÖPNV (Landkreis Harz)",
        "persona": "Mitglied Arbeitsgruppe",
        "staff": ("LK Harz", "Referent:in ÖPNV", False),
        "memberships": (("AGI", "member", "LK Harz", None),),
    },
    # Participant accounts of the participation procedure on the concept (demo/participation.py):
    # invited organisations outside the cooperation; they see only that procedure.
    {
        "username": "beteiligung.goslar",
        "display_name": "Stadtplanungsamt Goslar",
        "persona": "Beteiligte:r (Nachbarkommune)",
        "staff": None,
        "memberships": (),
    },
    {
        "username": "beteiligung.aschersleben",
        "display_name": "Bauverwaltung Aschersleben",
        "persona": "Beteiligte:r (Nachbarkommune)",
        "staff": None,
        "memberships": (),
    },
    {
        "username": "beteiligung.tourismus",
        "display_name": "Geschäftsführung Harzer Tourismusverband",
        "persona": "Beteiligte:r (regionaler Akteur)",
        "staff": None,
        "memberships": (),
    },
    # An account that has just been created and holds no role yet
    {
        "username": "ohne.zuordnung",
        "display_name": "Neues Konto ohne Zuordnung",
        "persona": "Ohne Rolle (kein Zugriff)",
        "staff": None,
        "memberships": (),
    },
)

# --- Cooperation phases (ARGE Greiving et al., 2008) -----------------------------------

PHASES = (
    (
        "finding",
        datetime.date(2023, 3, 1),
        "Die Städte Halberstadt, Wernigerode und Quedlinburg, der Landkreis Harz und die "
        "Regionale Planungsgemeinschaft erkennen, dass keine Stadt die oberzentralen "
        "Funktionen allein tragen kann. Ein Gutachten zur Tragfähigkeit eines gemeinsamen "
        "Oberzentrums wird beauftragt; die (Ober-)Bürgermeister:innen und der Landkreis "
        "führen Sondierungsgespräche.",
    ),
    (
        "start",
        datetime.date(2025, 5, 22),
        "Aus dem Gutachten werden die Kooperationsfelder abgeleitet. Der raumordnerische "
        "Vertrag wird unterzeichnet, das Kooperationsgremium konstituiert sich und setzt "
        "für jeden Funktionsbereich eine Arbeitsgruppe ein.",
    ),
    (
        "implementation",
        datetime.date(2026, 2, 1),
        "Die Arbeitsgruppen bearbeiten ihre Aufträge, das Gremium tagt regelmäßig und "
        "berichtet erstmals in den kommunalen Räten. Die Zusammenarbeit geht in die Routine "
        "über.",
    ),
)

# --- Facilities ------------------------------------------------------------------------
# (partner, central-place function, name, street, postal code, city, significance,
#  latitude, longitude). Deliberately without facilities, to show the gaps of the
# function matrix: Universitäten, Fachgerichte, Landgerichte, Obere Landesbehörden and
# IC-/EC-/ICE-Bahnhöfe.

# fmt: off
FACILITIES = (
    # Bildung
    ("Wernigerode", "Hochschulen", "Hochschule Harz – Campus Wernigerode",
     "Friedrichstraße 57–59", "38855", "Wernigerode", "supra_regional",
     "51.837600", "10.776100"),
    ("Halberstadt", "Hochschulen", "Hochschule Harz – Campus Halberstadt",
     "Domplatz 16", "38820", "Halberstadt", "supra_regional", "51.895900", "11.050300"),
    ("Halberstadt", "Fachschulen", "Berufsbildende Schulen Landkreis Harz – Standort Halberstadt",
     "Gröperstraße 68", "38820", "Halberstadt", "regional", "51.899100", "11.041200"),
    ("Wernigerode", "Fachschulen",
     "Berufsbildende Schulen Landkreis Harz – Standort Wernigerode",
     "Gießerweg 2", "38855", "Wernigerode", "regional", "51.842300", "10.797500"),
    ("Quedlinburg", "Fachschulen",
     "Berufsbildende Schulen Landkreis Harz – Standort Quedlinburg",
     "Lindenstraße 19", "06484", "Quedlinburg", "regional", "51.786400", "11.141900"),
    ("Quedlinburg", "Fachschulen", "Bildungszentrum für Gesundheitsberufe am Harzklinikum",
     "Ditfurter Weg 24", "06484", "Quedlinburg", "regional", "51.780700", "11.152500"),
    ("Thale", "Fachschulen", "Aus- und Fortbildungsinstitut des Landes Sachsen-Anhalt",
     "", "06502", "Thale", "supra_regional", None, None),
    # Verwaltung und Rechtspflege
    ("Quedlinburg", "Finanzämter", "Finanzamt Quedlinburg",
     "Adelheidstraße 2", "06484", "Quedlinburg", "regional", "51.789800", "11.143500"),
    ("Halberstadt", "Kammern", "Industrie- und Handelskammer Magdeburg – Geschäftsstelle Harz",
     "Friedrich-Ebert-Straße 24", "38820", "Halberstadt", "regional", "51.892400", "11.046800"),
    ("Wernigerode", "Kammern", "Handwerkskammer Magdeburg – Beratungsstelle Wernigerode",
     "Dornbergsweg 2", "38855", "Wernigerode", "regional", "51.846100", "10.781900"),
    ("Halberstadt", "Amtsgerichte", "Amtsgericht Halberstadt",
     "Richard-Wagner-Straße 52", "38820", "Halberstadt", "regional", "51.892800", "11.037900"),
    ("Wernigerode", "Amtsgerichte", "Amtsgericht Wernigerode",
     "Rudolf-Breitscheid-Straße 8", "38855", "Wernigerode", "regional",
     "51.834400", "10.789900"),
    ("Quedlinburg", "Amtsgerichte", "Amtsgericht Quedlinburg",
     "Halberstädter Straße 45", "06484", "Quedlinburg", "regional", "51.793500", "11.136400"),
    # Gesundheits- und Sozialwesen
    ("Halberstadt", "Krankenhäuser", "AMEOS Klinikum Halberstadt",
     "Gleimstraße 5", "38820", "Halberstadt", "supra_regional", "51.893300", "11.037500"),
    ("Wernigerode", "Krankenhäuser", "Harzklinikum Dorothea Christiane Erxleben – Wernigerode",
     "Ilsenburger Straße 15", "38855", "Wernigerode", "supra_regional",
     "51.843900", "10.769600"),
    ("Quedlinburg", "Krankenhäuser", "Harzklinikum Dorothea Christiane Erxleben – Quedlinburg",
     "Ditfurter Weg 24", "06484", "Quedlinburg", "supra_regional", "51.780500", "11.152900"),
    ("Blankenburg", "Krankenhäuser", "Harzklinikum Dorothea Christiane Erxleben – Blankenburg",
     "Thiestraße 7–10", "38889", "Blankenburg (Harz)", "regional", "51.792700", "10.951900"),
    ("Oberharz", "Krankenhäuser", "Diakonie-Krankenhaus Harz Elbingerode",
     "Unter den Birken 1", "38875", "Oberharz am Brocken", "regional",
     "51.768900", "10.797000"),
    ("Halberstadt", "Fachärzte", "Medizinisches Versorgungszentrum am AMEOS Klinikum",
     "Gleimstraße 5", "38820", "Halberstadt", "regional", "51.893500", "11.038000"),
    ("Wernigerode", "Fachärzte", "MVZ Harzklinikum – Facharztpraxen Wernigerode",
     "Ilsenburger Straße 15", "38855", "Wernigerode", "regional", "51.843600", "10.770100"),
    ("Quedlinburg", "Fachärzte", "Fachärztezentrum am Bahnhof Quedlinburg",
     "Bahnhofstraße 4", "06484", "Quedlinburg", "regional", "51.790600", "11.145700"),
    ("Blankenburg", "Fachärzte", "Fachärztehaus Blankenburg",
     "Lühnertorstraße 8", "38889", "Blankenburg (Harz)", "regional", "51.794300", "10.956800"),
    # Kultur und Sport
    ("Halberstadt", "Fachbibliotheken",
     "Gleimhaus – Museum und Bibliothek der deutschen Aufklärung",
     "Domplatz 31", "38820", "Halberstadt", "supra_regional", "51.895600", "11.053000"),
    ("Wernigerode", "Fachbibliotheken", "Harzbücherei Wernigerode",
     "Klint 10", "38855", "Wernigerode", "regional", "51.834100", "10.785600"),
    ("Wernigerode", "Fachbibliotheken", "Hochschulbibliothek der Hochschule Harz",
     "Friedrichstraße 57–59", "38855", "Wernigerode", "regional", "51.837900", "10.775700"),
    ("Blankenburg", "Fachbibliotheken", "Musikbibliothek Kloster Michaelstein",
     "Michaelstein 15", "38889", "Blankenburg (Harz)", "supra_regional",
     "51.780900", "10.921500"),
    ("Halberstadt", "Orchester und Theater", "Nordharzer Städtebundtheater – Großes Haus",
     "Spiegelstraße 20a", "38820", "Halberstadt", "supra_regional", "51.894700", "11.051500"),
    ("Quedlinburg", "Orchester und Theater", "Nordharzer Städtebundtheater – Theater Quedlinburg",
     "Marschlinger Hof 17–18", "06484", "Quedlinburg", "regional", "51.789300", "11.143500"),
    ("Wernigerode", "Orchester und Theater", "Philharmonisches Kammerorchester Wernigerode",
     "Liebfrauenkirchhof 1", "38855", "Wernigerode", "supra_regional",
     "51.834900", "10.784300"),
    ("Thale", "Orchester und Theater", "Harzer Bergtheater Thale",
     "Hexentanzplatz", "06502", "Thale", "supra_regional", "51.738400", "11.028900"),
    ("LK Harz", "Orchester und Theater", "Schlosstheater Ballenstedt",
     "Schloßplatz 4", "06493", "Ballenstedt", "regional", "51.717600", "11.234000"),
    ("Halberstadt", "Musikschulen", "Kreismusikschule Harz – Standort Halberstadt",
     "Am Johannesbrunnen 10", "38820", "Halberstadt", "regional", "51.897300", "11.052600"),
    ("Wernigerode", "Musikschulen", "Kreismusikschule Harz – Standort Wernigerode",
     "Lindenallee 5", "38855", "Wernigerode", "regional", "51.836700", "10.790400"),
    ("Quedlinburg", "Musikschulen", "Kreismusikschule Harz – Standort Quedlinburg",
     "Heiligegeiststraße 8", "06484", "Quedlinburg", "regional", "51.791200", "11.142300"),
    ("Halberstadt", "Sportstadien und -hallen mit überregionaler Bedeutung",
     "Friedensstadion Halberstadt",
     "Gebrüder-Rehse-Straße 12", "38820", "Halberstadt", "regional", "51.889700", "11.060900"),
    ("Wernigerode", "Sportstadien und -hallen mit überregionaler Bedeutung",
     "Schierker Feuerstein Arena",
     "Brockenstraße 10", "38879", "Wernigerode", "supra_regional", "51.763900", "10.667000"),
    ("Ilsenburg", "Sportstadien und -hallen mit überregionaler Bedeutung",
     "Harzlandhalle Ilsenburg",
     "Harzburger Straße 14", "38871", "Ilsenburg (Harz)", "regional",
     "51.868700", "10.679600"),
    # Versorgung und Dienstleistung
    ("Halberstadt", "Einzelhandel des aperiodischen Bedarfs",
     "Innenstadt Halberstadt – Breiter Weg und Rathauspassagen",
     "Breiter Weg", "38820", "Halberstadt", "regional", "51.896800", "11.047600"),
    ("Wernigerode", "Einzelhandel des aperiodischen Bedarfs",
     "Innenstadt Wernigerode – Westernstraße und Breite Straße",
     "Westernstraße", "38855", "Wernigerode", "supra_regional", "51.834800", "10.783200"),
    ("Wernigerode", "Einzelhandel des aperiodischen Bedarfs",
     "Fachmarktstandort Wernigerode-Nord",
     "Dornbergsweg", "38855", "Wernigerode", "regional", "51.847300", "10.780400"),
    ("Quedlinburg", "Einzelhandel des aperiodischen Bedarfs",
     "Innenstadt Quedlinburg – Steinweg und Markt",
     "Steinweg", "06484", "Quedlinburg", "regional", "51.789400", "11.143800"),
    # Verkehrsinfrastruktur
    ("Halberstadt", "Regionalbahnhöfe", "Bahnhof Halberstadt",
     "Bahnhofstraße", "38820", "Halberstadt", "regional", "51.898900", "11.063500"),
    ("Wernigerode", "Regionalbahnhöfe", "Wernigerode Hauptbahnhof",
     "Bahnhofsplatz", "38855", "Wernigerode", "regional", "51.840900", "10.785700"),
    ("Quedlinburg", "Regionalbahnhöfe", "Bahnhof Quedlinburg",
     "Bahnhofstraße", "06484", "Quedlinburg", "regional", "51.791100", "11.146600"),
    ("Thale", "Regionalbahnhöfe", "Thale Hauptbahnhof",
     "Bahnhofstraße", "06502", "Thale", "regional", "51.747700", "11.042100"),
    ("Blankenburg", "Regionalbahnhöfe", "Bahnhof Blankenburg (Harz)",
     "Bahnhofstraße", "38889", "Blankenburg (Harz)", "regional", "51.796300", "10.962600"),
    ("Ilsenburg", "Regionalbahnhöfe", "Bahnhof Ilsenburg",
     "Bahnhofstraße", "38871", "Ilsenburg (Harz)", "regional", "51.870500", "10.684600"),
)
# fmt: on
