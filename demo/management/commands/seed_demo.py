"""Load the demo data of the Harz planning region (see `demo/data.py`).

The command is idempotent: it looks every record up by its natural key, creates
what is missing and saves an existing record only when a wanted value differs.
A second run therefore writes nothing, not even a history row. Passwords are
set only for accounts the command creates.
"""

import copy
from base64 import b32encode
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.models import (
    Body,
    BodyKind,
    ContractAmendment,
    ContractClause,
    CooperationPhase,
    Membership,
    Partner,
    PartnerStaff,
    Role,
    RulesOfProcedure,
    SpatialPlanningContract,
)
from cooperation.permissions import sync_user_permissions
from cooperation.services import (
    membership_create,
    membership_update,
    partner_create,
    phase_record,
    staff_link_set,
)
from core.tracking import apply_changes, save_tracked
from demo import data as demo_data
from demo.mail import no_mail
from functions.models import CentralFunction, Facility, FunctionArea
from functions.services import facility_create
from workinggroups.models import WorkingGroup
from workinggroups.services import working_group_create

CREATED, UPDATED, UNCHANGED = "neu", "geändert", "unverändert"


class Command(BaseCommand):
    help = (
        "Load the demo data of the Harz planning region: partners, contract, function "
        "catalogue, bodies, demo users, phases and facilities. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (the demo users share a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Die Demodaten legen Konten mit einem bekannten Passwort an und werden "
                "deshalb nur bei DEBUG=True geladen. Wer sie trotzdem laden will, ruft "
                "den Befehl mit --force auf."
            )
        self.stats: dict[str, Counter] = {}
        # The services send after commit: mail stays off until the transaction is done.
        with no_mail(), transaction.atomic():
            actor = self.seed_superuser()
            partners = self.seed_partners(actor)
            self.seed_contract(actor, partners)
            functions = self.seed_functions(actor)
            bodies = self.seed_bodies(actor, partners)
            users = self.seed_users(actor, partners, bodies)
            self.seed_phases(actor)
            self.seed_facilities(actor, partners, functions)
            # Memberships and staff links already synced their users; this catches
            # anything changed outside the services. It only writes differences.
            for user in [actor, *users.values()]:
                sync_user_permissions(user, actor=actor)
            # Imported here: cooperation does not depend on meetings at import time.
            from demo.meetings import seed_meetings

            seed_meetings(actor=actor, stdout=self.stdout)
            # Board decisions that need the partners' councils (Beratungsfolge).
            from demo.councils import seed_councils

            seed_councils(actor=actor, stdout=self.stdout)
            from demo.procedures import seed_procedures

            seed_procedures(actor=actor, stdout=self.stdout)
            # Findings, their discussion, a report to the board and the concept's chapters.
            from demo.overview import seed_concept
            from demo.workinggroups import seed_findings

            seed_findings(actor=actor, stdout=self.stdout)
            # The partners' needs and offers, strengths and weaknesses (win-win).
            from demo.winwin import seed_winwin

            seed_winwin(actor=actor, stdout=self.stdout)
            seed_concept(actor=actor, stdout=self.stdout)
            # A finished priority round with every partner's ballot.
            from demo.priorities import seed_priority_round

            seed_priority_round(actor=actor, stdout=self.stdout)
            # A running participation procedure on the concept, half of it weighed.
            from demo.participation import seed_participation

            seed_participation(actor=actor, stdout=self.stdout)
            # Invitations and minutes as PDF: queued for the worker.
            from demo.documents import seed_council_report, seed_documents

            seed_documents(actor=actor, stdout=self.stdout)
            seed_council_report(actor=actor, stdout=self.stdout)
            # Imprint, privacy and accessibility statements of the public pages.
            from demo.legal import seed_legal_texts

            seed_legal_texts(actor=actor, stdout=self.stdout)
        self.report()

    # --- Helpers -----------------------------------------------------------------------

    def tally(self, label: str, outcome: str) -> None:
        self.stats.setdefault(label, Counter())[outcome] += 1

    def upsert(self, label, model, lookup: dict, values: dict, *, actor, create=None):
        """Return the record with `lookup`; create it or bring `values` up to date.

        `create` is the service that creates the record (called with the actor, the
        lookup and the values); without one the record is saved through `save_tracked`.
        """
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            if create is not None:
                instance = create(actor=actor, **lookup, **values)
            else:
                instance = model(**lookup, **values)
                save_tracked(instance, actor=actor)
            self.tally(label, CREATED)
            return instance
        changed = apply_changes(instance, values)
        if changed:
            save_tracked(instance, actor=actor, update_fields=changed)
            self.tally(label, UPDATED)
        else:
            self.tally(label, UNCHANGED)
        return instance

    def ensure_second_factor(self, user) -> None:
        """The demo's known TOTP secret, unless the account has set up its own."""
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            self.tally("Zweiter Faktor", UNCHANGED)
            return
        TOTPDevice.objects.create(
            user=user, name="Demo-Authenticator", key=demo_data.DEMO_TOTP_KEY, confirmed=True
        )
        self.tally("Zweiter Faktor", CREATED)

    def ensure_user(self, spec: dict, *, actor, is_superuser: bool = False):
        user = self._ensure_user(spec, actor=actor, is_superuser=is_superuser)
        self.ensure_second_factor(user)
        return user

    def _ensure_user(self, spec: dict, *, actor, is_superuser: bool = False):
        User = get_user_model()
        values = {
            "display_name": spec["display_name"],
            "email": f"{spec['username']}@{demo_data.DEMO_EMAIL_DOMAIN}",
            "is_active": True,
            "is_staff": is_superuser,
            "is_superuser": is_superuser,
        }
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User(username=spec["username"], **values)
            user.set_password(demo_data.DEMO_PASSWORD)
            user.full_clean()
            user._history_user = actor
            user.save()
            self.tally("Benutzerkonten", CREATED)
            return user
        changed = apply_changes(user, values)
        if changed:
            # The user model has no `modified` field, so no save_tracked here.
            user.full_clean()
            user._history_user = actor
            user.save(update_fields=changed)
            self.tally("Benutzerkonten", UPDATED)
        else:
            self.tally("Benutzerkonten", UNCHANGED)
        return user

    # --- Steps -------------------------------------------------------------------------

    def seed_superuser(self):
        # The superuser is the actor of everything else; its own creation has none.
        return self.ensure_user(demo_data.SUPERUSER, actor=None, is_superuser=True)

    def seed_partners(self, actor) -> dict[str, Partner]:
        partners = {}
        for spec in demo_data.PARTNERS:
            values = {key: value for key, value in spec.items() if key != "name"}
            partners[spec["short_name"]] = self.upsert(
                "Partner",
                Partner,
                {"name": spec["name"]},
                values,
                actor=actor,
                create=partner_create,
            )
        if len(partners) != len(demo_data.PARTNERS):
            raise CommandError("Die Kurznamen der Demo-Partner sind nicht eindeutig.")
        return partners

    def seed_contract(self, actor, partners) -> None:
        spec = demo_data.CONTRACT
        contract = self.upsert(
            "Vertrag",
            SpatialPlanningContract,
            {"title": spec["title"]},
            {key: spec[key] for key in ("signed_on", "valid_from", "valid_until", "preamble")},
            actor=actor,
        )
        wanted = {partners[short].pk for short in spec["parties"]}
        current = set(contract.parties.values_list("pk", flat=True))
        if current != wanted:
            # The parties' history is tracked too: record who changed them.
            contract._history_user = actor
            contract.parties.set(wanted)
            self.tally("Vertragsparteien", UPDATED if current else CREATED)
        else:
            self.tally("Vertragsparteien", UNCHANGED)
        for position, (title, text) in enumerate(spec["clauses"], start=1):
            self.upsert(
                "Vertragsparagrafen",
                ContractClause,
                {"contract": contract, "position": position},
                {"title": title, "text": text},
                actor=actor,
            )
        for amendment in spec["amendments"]:
            self.upsert(
                "Vertragsänderungen",
                ContractAmendment,
                {"contract": contract, "title": amendment["title"]},
                {"signed_on": amendment["signed_on"], "description": amendment["description"]},
                actor=actor,
            )

    def seed_functions(self, actor) -> dict[str, CentralFunction]:
        functions = {}
        for area_position, (area_name, description, names) in enumerate(
            demo_data.FUNCTION_AREAS, start=1
        ):
            area = self.upsert(
                "Funktionsbereiche",
                FunctionArea,
                {"name": area_name},
                {"position": area_position, "description": description},
                actor=actor,
            )
            for position, name in enumerate(names, start=1):
                functions[name] = self.upsert(
                    "Zentralörtliche Funktionen",
                    CentralFunction,
                    {"name": name},
                    {"area": area, "position": position},
                    actor=actor,
                )
        return functions

    def seed_bodies(self, actor, partners) -> dict[str, Body]:
        spec = demo_data.BOARD
        fields = ("short_code", "kind", "quorum_rule", "description", "rules_of_procedure")
        board = self.upsert(
            "Gremien",
            Body,
            {"name": spec["name"]},
            {key: spec[key] for key in fields},
            actor=actor,
        )
        self.upsert(
            "Geschäftsordnungen",
            RulesOfProcedure,
            {"body": board},
            dict(demo_data.BOARD_RULES),
            actor=actor,
        )
        bodies = {board.short_code: board}
        areas = {area.name: area for area in FunctionArea.objects.all()}
        for spec in demo_data.WORKING_GROUPS:
            body_values = {
                "short_code": spec["short_code"],
                "kind": BodyKind.WORKING_GROUP,
                "quorum_rule": "none",
                "description": spec["description"],
            }
            group_values = {
                "function_area": areas[spec["function_area"]],
                "lead_partner": partners[spec["lead_partner"]],
                "mandate": spec["mandate"],
            }
            body = Body.objects.filter(name=spec["name"]).first()
            if body is None:
                # The service sets the body's kind itself.
                create_values = {k: v for k, v in body_values.items() if k != "kind"}
                group = working_group_create(
                    name=spec["name"], actor=actor, **create_values, **group_values
                )
                self.tally("Gremien", CREATED)
                self.tally("Arbeitsgruppen", CREATED)
                bodies[spec["short_code"]] = group.body
                continue
            # An existing group: bring its body and its profile up to date.
            body = self.upsert("Gremien", Body, {"pk": body.pk}, body_values, actor=actor)
            self.upsert("Arbeitsgruppen", WorkingGroup, {"body": body}, group_values, actor=actor)
            bodies[spec["short_code"]] = body
        return bodies

    def seed_users(self, actor, partners, bodies) -> dict[str, object]:
        users = {spec["username"]: self.ensure_user(spec, actor=actor) for spec in demo_data.USERS}
        for spec in demo_data.USERS:
            if spec["staff"] is None:
                continue
            partner_short, position, is_admin = spec["staff"]
            partner = partners[partner_short]
            user = users[spec["username"]]
            link = PartnerStaff.objects.filter(user=user, partner=partner).first()
            if link is None:
                outcome = CREATED
            elif differs(link, {"position": position, "is_admin": is_admin}):
                outcome = UPDATED
            else:
                outcome = UNCHANGED
            # The service writes only differences and syncs the user's permissions.
            staff_link_set(
                user=user, partner=partner, actor=actor, is_admin=is_admin, position=position
            )
            self.tally("Partnerzuordnungen", outcome)

        # Members first, then the deputies who stand in for them.
        entries = [
            (spec["username"], *entry) for spec in demo_data.USERS for entry in spec["memberships"]
        ]
        entries.sort(key=lambda entry: entry[2] == Role.DEPUTY_MEMBER)
        memberships = {}
        for username, body_code, role, partner_short, deputy_for in entries:
            body = bodies[body_code]
            values = {
                "partner": partners[partner_short],
                "deputy_for": memberships[(deputy_for, body_code)] if deputy_for else None,
                "valid_from": (
                    demo_data.BOARD["members_since"]
                    if body.kind == BodyKind.BOARD
                    else demo_data.WORKING_GROUPS_SINCE
                ),
                "valid_until": None,
            }
            lookup = {"user": users[username], "body": body, "role": role}
            membership = Membership.objects.filter(**lookup).order_by("pk").first()
            if membership is None:
                membership = membership_create(actor=actor, **lookup, **values)
                self.tally("Mitgliedschaften", CREATED)
            elif differs(membership, values):
                membership = membership_update(membership=membership, data=values, actor=actor)
                self.tally("Mitgliedschaften", UPDATED)
            else:
                self.tally("Mitgliedschaften", UNCHANGED)
            memberships[(username, body_code)] = membership
        return users

    def seed_phases(self, actor) -> None:
        for phase, since, reason in demo_data.PHASES:
            self.upsert(
                "Kooperationsphasen",
                CooperationPhase,
                {"phase": phase},
                {"since": since, "reason": reason},
                actor=actor,
                create=phase_record,
            )

    def seed_facilities(self, actor, partners, functions) -> None:
        for row in demo_data.FACILITIES:
            partner, function, name, street, postal_code, city, significance, lat, lon = row
            self.upsert(
                "Einrichtungen",
                Facility,
                {"name": name, "partner": partners[partner]},
                {
                    "central_function": functions[function],
                    "street": street,
                    "postal_code": postal_code,
                    "city": city,
                    "significance": significance,
                    "latitude": Decimal(lat) if lat else None,
                    "longitude": Decimal(lon) if lon else None,
                },
                actor=actor,
                create=facility_create,
            )

    # --- Output ------------------------------------------------------------------------

    def report(self) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS("Demodaten der Planungsregion Harz geladen."))
        write("")
        rows = [
            (label, str(c[CREATED]), str(c[UPDATED]), str(c[UNCHANGED]))
            for label, c in self.stats.items()
        ]
        write(format_table(("Bereich", "neu", "geändert", "unverändert"), rows))
        write("")
        write(self.style.MIGRATE_HEADING("Demo-Anmeldungen"))
        logins = [
            (spec["username"], spec["display_name"], spec["persona"])
            for spec in (demo_data.SUPERUSER, *demo_data.USERS)
        ]
        write(format_table(("Benutzername", "Anzeigename", "Rolle / Persona"), logins))
        write("")
        write(
            f"Passwort für alle Demokonten: {demo_data.DEMO_PASSWORD} "
            "(nur bei neu angelegten Konten gesetzt)"
        )
        write(
            "Zweiter Faktor (TOTP) aller Demokonten, Schlüssel für die Authenticator-App: "
            f"{demo_totp_base32()}"
        )
        write(f"TOTP-Schlüssel (hex): {demo_data.DEMO_TOTP_KEY}")
        write("Aktueller Code ohne App: python manage.py demo_code")


def demo_totp_base32() -> str:
    return b32encode(bytes.fromhex(demo_data.DEMO_TOTP_KEY)).decode()


def differs(instance, values: dict) -> bool:
    """Whether any wanted value differs from the record's, leaving the record untouched."""
    return bool(apply_changes(copy.copy(instance), values))


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, tuple("-" * width for width in widths), *rows)
    ]
    return "\n".join(lines)
