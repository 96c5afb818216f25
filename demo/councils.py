"""Demo council consultations for `manage.py seed_demo`: three of the board's decisions
that need the partners' councils (Beratungsfolge), as the office and the partners'
administrators would have recorded them.

* "Wirtschaftsplan der Geschäftsstelle" (joint financing): the four councils of the
  towns and the district approved – wirksam.
* "Gemeinsames Einzelhandelskonzept": Halberstadt approved, the city council of
  Quedlinburg rejected – blockiert; Wernigerode's deferred it; the district council's
  session has passed without a result (overdue, reminded by `remind_consultations`).
* "Prüfung einer gemeinsamen Trägerschaft des Nordharzer Städtebundtheaters": the
  councils of Halberstadt and Quedlinburg approved; Wernigerode's city council has it on
  its agenda next week. Recording its approval (as `admin.wernigerode`) makes the
  decision wirksam.

Written through `councils.services` by the office's and the administrators' accounts.
Idempotent: a decision that already needs councils is left as it is.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation.models import Partner
from councils.models import ConsultationStatus as S
from councils.models import CouncilRequirement, Scope
from councils.services import consultation_record, requirement_create
from meetings.models import Decision

OFFICE = "geschaeftsstelle"
ADMINS = {
    "Halberstadt": "admin.halberstadt",
    "Wernigerode": "admin.wernigerode",
    "Quedlinburg": "admin.quedlinburg",
    "LK Harz": "admin.landkreis",
}
TOWNS_AND_DISTRICT = ("Halberstadt", "Wernigerode", "Quedlinburg", "LK Harz")

# (title of the board's decision, partners asked, planned session in days from today,
#  {partner: (status, resolution number, days after the board's decision, note)})
DEMO = [
    (
        "Wirtschaftsplan der Geschäftsstelle",
        TOWNS_AND_DISTRICT,
        -40,
        {
            "Halberstadt": (S.APPROVED, "SR-0412/2026", 21, ""),
            "Wernigerode": (S.APPROVED, "StR 77/2026", 28, ""),
            "Quedlinburg": (S.APPROVED, "BV-QLB/2026/031", 30, ""),
            "LK Harz": (
                S.APPROVED_WITH_CHANGES,
                "KT/2026/118",
                35,
                "Der Kreistag stimmt mit der Maßgabe zu, den Anteil des Landkreises ab dem "
                "zweiten Jahr zu überprüfen.",
            ),
        },
    ),
    (
        "Gemeinsames Einzelhandelskonzept",
        TOWNS_AND_DISTRICT,
        -10,
        {
            "Halberstadt": (S.APPROVED, "SR-0431/2026", 14, ""),
            "Quedlinburg": (
                S.REJECTED,
                "BV-QLB/2026/044",
                20,
                "Der Stadtrat lehnt ab, solange die Innenstadt nicht als zentraler "
                "Versorgungsbereich festgelegt ist.",
            ),
            "LK Harz": (S.ON_AGENDA, "", None, "Vorlage im Kreisausschuss beraten."),
            "Wernigerode": (
                S.DEFERRED,
                "",
                None,
                "Der Stadtrat hat die Beratung auf seine nächste Sitzung vertagt.",
            ),
        },
    ),
    (
        "Prüfung einer gemeinsamen Trägerschaft des Nordharzer Städtebundtheaters",
        ("Halberstadt", "Wernigerode", "Quedlinburg"),
        7,
        {
            "Halberstadt": (S.APPROVED, "SR-0402/2026", 18, ""),
            "Quedlinburg": (S.APPROVED, "BV-QLB/2026/027", 25, ""),
            "Wernigerode": (S.ON_AGENDA, "", None, "Tagesordnung der Stadtratssitzung."),
        },
    ),
]


def seed_councils(*, actor, stdout=None) -> int:
    """Create the demo's council consultations; return how many decisions were given one."""
    users = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    office = users.get(OFFICE, actor)
    partners = {p.short_name: p for p in Partner.objects.all()}
    today = timezone.localdate()
    created = 0
    for title, asked, planned_in, results in DEMO:
        decision = (
            Decision.objects.filter(body__short_code="KG", title__startswith=title)
            .select_related("agenda_item__meeting")
            .first()
        )
        if decision is None or CouncilRequirement.objects.filter(decision=decision).exists():
            continue
        if not all(name in partners for name in asked):
            continue
        decided_on = timezone.localtime(decision.agenda_item.meeting.starts_at).date()
        requirement = requirement_create(
            decision=decision,
            scope=Scope.NAMED,
            partners=[partners[name] for name in asked],
            planned_date=today + datetime.timedelta(days=planned_in),
            actor=office,
        )
        for consultation in requirement.consultations.select_related("partner"):
            result = results.get(consultation.partner.short_name)
            if result is None:
                continue
            status, number, after_days, note = result
            resolution_date = None
            planned = consultation.planned_date
            if after_days is not None:
                resolution_date = min(today, decided_on + datetime.timedelta(days=after_days))
                planned = resolution_date
            consultation_record(
                consultation=consultation,
                data={
                    "council_name": consultation.council_name,
                    "planned_date": planned,
                    "status": status,
                    "resolution_number": number,
                    "resolution_date": resolution_date,
                    "note": note,
                },
                actor=users.get(ADMINS[consultation.partner.short_name], office),
            )
        created += 1
    if stdout is not None:
        stdout.write(f"Beratungen in den Räten: {created} Beschlüsse mit Beratungsfolge.")
    return created
