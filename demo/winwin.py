"""Demo needs and offers for `manage.py seed_demo` (issue 15): the four towns and the
district state what they need from the others and what they offer them, with their
strengths and weaknesses, written by their partner administrators (or, for a partner
without one, by the office) through `winwin.services`.

Matches the demo shows at once: Halberstadt's specialist consultations (MVZ at the
AMEOS Klinikum) meet the needs of Wernigerode and Quedlinburg for specialists, and
Blankenburg's rehabilitation beds meet Halberstadt's need. Left open on purpose for the
demo's walk-through: Wernigerode needs regular theatre guest performances, and nobody
offers them yet. Logged in as `admin.quedlinburg`, add an offer for "Orchester und
Theater" on Quedlinburg's profile (for example the touring capacity of the Nordharzer
Städtebundtheater's Quedlinburg stage); the win-win view of "Kultur und Sport" then
lists it matched with Wernigerode's need.

Idempotent: a partner's entry is looked up by kind, function and title, a profile by
its partner; what exists is left as it is (the administrators may have edited it).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from cooperation.models import Partner
from functions.models import CentralFunction
from winwin import services
from winwin.models import PartnerProfile, ProfileEntry

OFFICE = "geschaeftsstelle"
HIGH, MEDIUM, LOW = "1", "2", "3"

# partner short name → (administrator's user name or None, strengths, weaknesses)
PROFILES = {
    "Halberstadt": (
        "admin.halberstadt",
        "Größte Stadt des Landkreises mit dem AMEOS Klinikum und seinem Medizinischen "
        "Versorgungszentrum, dem Großen Haus des Nordharzer Städtebundtheaters und einem "
        "Bahnknoten des Regionalverkehrs.",
        "Kein Halt des Fernverkehrs; Nachsorge und Rehabilitation nach dem "
        "Klinikaufenthalt nur außerhalb der Stadt.",
    ),
    "Wernigerode": (
        "admin.wernigerode",
        "Sitz der Hochschule Harz mit Studiengängen für Verwaltung und Tourismus; starker "
        "Tourismus; Standort des Harzklinikums.",
        "Kein eigenes Theaterensemble; lange Wartezeiten auf Termine bei Fachärztinnen und "
        "Fachärzten.",
    ),
    "Quedlinburg": (
        "admin.quedlinburg",
        "Welterbestadt mit überregional bekannten Kulturangeboten und einer Spielstätte "
        "des Nordharzer Städtebundtheaters; Standort des Harzklinikums.",
        "Fachärztliche Versorgung im Umland dünn; Bahnanbindung nur im Regionalverkehr.",
    ),
    "Blankenburg": (
        None,
        "Kur- und Rehabilitationsstandort mit dem Harzklinikum Blankenburg.",
        "Kleine Verwaltung ohne eigenes Fachpersonal für Planung und Fördermittel.",
    ),
    "LK Harz": (
        "admin.landkreis",
        "Träger des Nahverkehrs, der Kreismusikschule und des Rettungsdienstes; "
        "Fördermittelberatung für die Kommunen.",
        "Umsteigen zwischen Bus und Bahn ist an vielen Bahnhöfen nicht barrierefrei.",
    ),
}

# (partner, kind, function, title, details): a need's details are its urgency and
# description; an offer's its capacity, conditions and description.
ENTRIES = (
    ("Halberstadt", "offer", "Fachärzte",
     "Fachärztliche Sprechstunden des MVZ am AMEOS Klinikum in den Nachbarstädten",
     {"capacity": "zwei Sprechtage je Woche (Kardiologie, Neurologie)",
      "conditions": "Die aufnehmende Stadt stellt Praxisräume; Terminvergabe über das MVZ.",
      "description": "Das MVZ kann Fachärztinnen und Fachärzte an festen Tagen in "
                     "Außensprechstunden einsetzen."}),
    ("Halberstadt", "need", "Krankenhäuser",
     "Anschlussrehabilitation nach dem Klinikaufenthalt in der Nähe",
     {"urgency": MEDIUM,
      "description": "Patientinnen und Patienten des Klinikums fahren heute bis nach "
                     "Bad Harzburg oder Magdeburg."}),
    ("Halberstadt", "need", "IC-/EC-/ICE-Bahnhöfe", "Anbindung an den Fernverkehr",
     {"urgency": HIGH,
      "description": "Umsteigefreie Verbindungen nach Berlin und Hannover fehlen."}),
    ("Wernigerode", "need", "Orchester und Theater",
     "Regelmäßige Theatergastspiele in Wernigerode",
     {"urgency": HIGH,
      "description": "Wernigerode hat kein eigenes Ensemble; gewünscht sind vier bis sechs "
                     "Gastspiele je Spielzeit im Harzer Kultur- und Kongresshotel."}),
    ("Wernigerode", "need", "Fachärzte", "Kürzere Wartezeiten in Kardiologie und Neurologie",
     {"urgency": HIGH}),
    ("Wernigerode", "offer", "Hochschulen",
     "Berufsbegleitende Weiterbildung der Hochschule Harz für die Verwaltungen",
     {"capacity": "30 Plätze je Jahrgang",
      "conditions": "Die entsendende Verwaltung trägt die Teilnahmegebühr zur Hälfte."}),
    ("Quedlinburg", "need", "Fachärzte", "Fachärztliche Versorgung im Quedlinburger Umland",
     {"urgency": MEDIUM}),
    ("Quedlinburg", "offer", "Fachbibliotheken",
     "Historische Bestände für Forschung und Lehre zugänglich machen",
     {"capacity": "Lesesaal an zwei Tagen je Woche",
      "conditions": "Anmeldung eine Woche vorher; Digitalisate auf Anfrage."}),
    ("Blankenburg", "offer", "Krankenhäuser",
     "Rehabilitationsplätze am Harzklinikum Blankenburg",
     {"capacity": "15 Betten für Anschlussheilbehandlungen",
      "conditions": "Zuweisung über den Sozialdienst des entlassenden Krankenhauses."}),
    ("Blankenburg", "need", "Obere Landesbehörden",
     "Beratung zu Fördermitteln des Landes vor Ort",
     {"urgency": LOW}),
    ("LK Harz", "offer", "Musikschulen",
     "Unterricht der Kreismusikschule Harz in Außenstellen",
     {"capacity": "120 Unterrichtsstunden je Woche",
      "conditions": "Die Stadt stellt einen Raum mit Klavier."}),
    ("LK Harz", "need", "Regionalbahnhöfe",
     "Barrierefreie Umsteigeknoten zwischen Bus und Bahn",
     {"urgency": MEDIUM}),
)  # fmt: skip


def seed_winwin(*, actor, stdout=None) -> int:
    """Write the profiles and entries that are missing; return how many were written."""
    users = {u.username: u for u in get_user_model().objects.all()}
    office = users.get(OFFICE, actor)
    partners = {p.short_name: p for p in Partner.objects.filter(short_name__in=PROFILES)}
    functions = {f.name: f for f in CentralFunction.objects.all()}
    written = 0
    have_profile = set(
        PartnerProfile.objects.filter(partner__in=partners.values()).values_list(
            "partner_id", flat=True
        )
    )
    for short_name, (admin, strengths, weaknesses) in PROFILES.items():
        partner = partners.get(short_name)
        if partner is None or partner.pk in have_profile:
            continue
        services.profile_save(
            partner=partner,
            strengths=strengths,
            weaknesses=weaknesses,
            actor=users.get(admin, office),
        )
        written += 1
    existing = set(
        ProfileEntry.objects.filter(partner__in=partners.values()).values_list(
            "partner__short_name", "kind", "central_function__name", "title"
        )
    )
    for short_name, kind, function, title, details in ENTRIES:
        partner = partners.get(short_name)
        if partner is None or function not in functions:
            continue
        if (short_name, kind, function, title) in existing:
            continue
        services.entry_create(
            partner=partner,
            kind=kind,
            central_function=functions[function],
            title=title,
            actor=users.get(PROFILES[short_name][0], office),
            **details,
        )
        written += 1
    if stdout is not None:
        if written:
            stdout.write(f"Bedarfe und Angebote: {written} neu.")
        else:
            stdout.write("Bedarfe und Angebote: bereits vorhanden, unverändert.")
    return written
