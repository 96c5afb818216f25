"""Demo legal texts for `manage.py seed_demo`: imprint, privacy statement and
accessibility statement of the portal, as the office of the Regionale
Planungsgemeinschaft Harz would publish them. Every text says that it is a demo text:
names, addresses and the register details are placeholders the office replaces.

Written through `legal.services.legal_text_save` by the office's account. Idempotent:
a kind that has a text already is left as it is (the office may have edited it).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from demo import workinggroups as findings_demo
from legal.models import Conformity, LegalText, LegalTextKind

DEMO_NOTE = (
    "*Demo-Text: Dieser Text gehört zu den Demodaten des IMPULS-Portals. Namen, "
    "Anschriften und Kennnummern sind Platzhalter, die die Geschäftsstelle vor der "
    "Veröffentlichung durch die geltenden Angaben ersetzt.*"
)
OFFICE_EMAIL = "geschaeftsstelle@impuls-harz.example"


def lines(*parts: str) -> str:
    """Lines of an address: Markdown keeps a line break after two spaces."""
    return "  \n".join(parts)


OFFICE_ADDRESS = lines(
    "Regionale Planungsgemeinschaft Harz",
    "Geschäftsstelle des Kooperationsgremiums IMPULS",
    "Musterstraße 1 (Platzhalter)",
    "06484 Quedlinburg",
)

IMPRINT = f"""{DEMO_NOTE}

### Anbieter

{OFFICE_ADDRESS}

Die Regionale Planungsgemeinschaft Harz ist eine Körperschaft des öffentlichen Rechts
(§ 2 Landesentwicklungsgesetz Sachsen-Anhalt). Sie wird durch ihren Vorsitzenden
vertreten. Das Portal wird von der Geschäftsstelle im Auftrag der Partner des
Kooperationsvertrags betrieben: Stadt Halberstadt, Stadt Wernigerode,
Welterbestadt Quedlinburg, Landkreis Harz und Regionale Planungsgemeinschaft Harz.

### Kontakt

{lines("Telefon: 03946 000000 (Platzhalter)", f"E-Mail: [{OFFICE_EMAIL}](mailto:{OFFICE_EMAIL})")}

### Aufsichtsbehörde

Ministerium für Infrastruktur und Digitales des Landes Sachsen-Anhalt
(oberste Landesentwicklungsbehörde), Magdeburg

### Verantwortlich für den Inhalt

Leitung der Geschäftsstelle IMPULS, Anschrift wie oben.

### Haftung für Links

Die Seiten verweisen auf Angebote anderer Stellen, etwa der Partner. Für deren Inhalte
sind ihre Anbieter verantwortlich; zum Zeitpunkt der Verlinkung waren keine Rechtsverstöße
erkennbar.
"""

PRIVACY = f"""{DEMO_NOTE}

### Verantwortliche Stelle

Regionale Planungsgemeinschaft Harz, Geschäftsstelle des Kooperationsgremiums IMPULS,
Musterstraße 1 (Platzhalter), 06484 Quedlinburg,
E-Mail: [{OFFICE_EMAIL}](mailto:{OFFICE_EMAIL}).

Datenschutzbeauftragte Person: Datenschutzbeauftragte:r der Regionalen
Planungsgemeinschaft Harz, Anschrift wie oben, E-Mail:
[datenschutz@impuls-harz.example](mailto:datenschutz@impuls-harz.example).

### Öffentliche Seiten

Beim Aufruf der öffentlichen Seiten verarbeitet der Server die Adresse Ihres Geräts, die
aufgerufene Seite, Zeit und Browserkennung, um die Seiten auszuliefern und ihre Sicherheit
zu gewährleisten (Art. 6 Abs. 1 lit. e DSGVO). Es werden keine Cookies zur Analyse oder
Werbung gesetzt und keine Inhalte Dritter (Schriften, Karten, Videos) nachgeladen. Nur
technisch notwendige Cookies kommen vor: eines schützt Formulare wie das Rückmeldeformular
vor Fälschung, eines hält die Anmeldung der Mitglieder, eines die gewählte Sprache.

### Rückmeldungen zur Barrierefreiheit

Wenn Sie über das Formular eine Barriere melden, speichern wir Ihre Nachricht und, wenn Sie
sie angeben, Ihren Namen, Ihre E-Mail-Adresse und die Adresse der Seite. Die Geschäftsstelle
erhält die Nachricht per E-Mail und bearbeitet sie (Art. 6 Abs. 1 lit. c und e DSGVO in
Verbindung mit § 16b BGG LSA). Die Geschäftsstelle löscht die Angaben, sobald die
Rückmeldung abschließend bearbeitet ist und die Bearbeitung nicht mehr nachgewiesen werden
muss.

### Portal für die Mitglieder der Kooperation

Für angemeldete Mitglieder verarbeitet das Portal Name, Amtsbezeichnung, E-Mail-Adresse,
Mitgliedschaften in Gremien und die Arbeit im Portal (Sitzungen, Niederschriften,
Beschlüsse, Arbeitsergebnisse) samt Änderungsverlauf, weil die Kooperation ihre Arbeit
nachvollziehbar dokumentieren muss (Art. 6 Abs. 1 lit. e DSGVO). Anmeldungen werden mit
gekürzter Netzadresse im Zugriffsprotokoll festgehalten und nach 180 Tagen gelöscht. Unter
„Meine Daten“ laden Mitglieder alle über sie gespeicherten Daten herunter; nach dem
Ausscheiden anonymisiert die Geschäftsstelle das Konto.

### Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung
(Art. 17), Einschränkung der Verarbeitung (Art. 18), Widerspruch (Art. 21) und, soweit
anwendbar, Datenübertragbarkeit (Art. 20). Sie können sich beim Landesbeauftragten für den
Datenschutz Sachsen-Anhalt, Leiterstraße 9, 39104 Magdeburg, beschweren.
"""

ACCESSIBILITY = f"""{DEMO_NOTE}

Die Regionale Planungsgemeinschaft Harz ist bemüht, dieses Portal barrierefrei zugänglich
zu machen. Rechtsgrundlage sind das Behindertengleichstellungsgesetz Sachsen-Anhalt
(§ 16a BGG LSA) und die Behindertengleichstellungsverordnung Sachsen-Anhalt (BGGVO LSA)
zur Umsetzung der Richtlinie (EU) 2016/2102. Maßstab sind die Anforderungen der BITV 2.0
und der Norm EN 301 549 (WCAG 2.1, Stufe AA). Die Erklärung gilt für die öffentlichen
Seiten und für das Portal der Mitglieder.

### Wie die Vereinbarkeit bewertet wurde

Die Erklärung beruht auf einer Selbstbewertung der Geschäftsstelle: Bedienung nur mit der
Tastatur, Darstellung bei 320 Pixel Breite und 200 % Vergrößerung, Prüfung der
Seitenstruktur (Überschriften, Beschriftung aller Formularfelder, Sprache der Seite).
Eine Prüfung mit Bildschirmlesern und ein Test durch eine unabhängige Prüfstelle stehen
noch aus.

### Nicht barrierefreie Inhalte

- **PDF-Dokumente der Sitzungen**: Von den Mitgliedern hochgeladene Unterlagen (Vorlagen,
  Pläne, Gutachten) sind oft nicht barrierefrei, etwa eingescannte Seiten ohne Texterkennung
  oder Pläne ohne Textalternative. Die vom Portal erzeugten Einladungen, Niederschriften und
  Berichte an die Räte haben Lesezeichen für ihre Überschriften, sind aber keine getaggten
  PDF-Dateien (PDF/UA). Auf Anfrage stellt die Geschäftsstelle die Inhalte in anderer Form
  bereit.
- **Funktionsmatrix**: Die große Tabelle der Funktionen und Partner ist auf kleinen
  Bildschirmen nur mit waagerechtem Blättern lesbar; die Bedeutung der Zellen steht in Text
  und Farbe, der Überblick fällt mit Bildschirmleser aber schwer.
- **Zweiter Faktor bei der Anmeldung**: Die Einrichtung verlangt das Einlesen eines QR-Codes
  mit einer App. Der geheime Schlüssel wird auch als Text angezeigt; Anmeldeverfahren ohne
  App (etwa Sicherheitsschlüssel) gibt es noch nicht.
- **Leichte Sprache und Gebärdensprache**: Erläuterungen in Leichter Sprache und in Deutscher
  Gebärdensprache (§ 16c BGG LSA) fehlen noch; sie sind für das kommende Jahr geplant.
"""

ENFORCEMENT_BODY = (
    "Ombudsstelle des Landes Sachsen-Anhalt nach § 16d BGG LSA\n"
    "bei der Landesfachstelle für Barrierefreiheit Sachsen-Anhalt\n"
    "c/o Unfallkasse Sachsen-Anhalt\n"
    "Käsperstraße 31\n"
    "39261 Zerbst/Anhalt\n"
    "https://www.lf-barrierefreiheit-st.de/ueber-uns/ombudsstelle"
)

TEXTS = {
    LegalTextKind.IMPRINT: {"title": "Impressum", "text": IMPRINT},
    LegalTextKind.PRIVACY: {"title": "Datenschutzerklärung", "text": PRIVACY},
    LegalTextKind.ACCESSIBILITY: {
        "title": "Erklärung zur Barrierefreiheit",
        "text": ACCESSIBILITY,
        "conformity": Conformity.PARTIAL,
        "reviewed_on": datetime.date(2026, 11, 16),
        "feedback_email": OFFICE_EMAIL,
        "enforcement_body": ENFORCEMENT_BODY,
    },
}


def seed_legal_texts(*, actor, stdout=None) -> int:
    """Write the texts of the kinds that have none yet; return how many were written."""
    from legal.services import legal_text_save

    office = get_user_model().objects.filter(username=findings_demo.OFFICE).first() or actor
    existing = set(LegalText.objects.values_list("kind", flat=True))
    written = 0
    for kind, data in TEXTS.items():
        if kind in existing:
            continue
        legal_text_save(kind=kind, data=data, expected_version=0, actor=office)
        written += 1
    if stdout is not None:
        if written:
            stdout.write(f"Rechtstexte: {written} neu.")
        else:
            stdout.write("Rechtstexte: bereits vorhanden, unverändert.")
    return written
