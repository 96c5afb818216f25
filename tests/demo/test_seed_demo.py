"""The demo data: the real Harz region, loadable repeatedly, usable by every persona."""

import io
from base64 import b32encode

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from cooperation.models import (
    Body,
    Membership,
    Partner,
    PartnerKind,
    PartnerStaff,
    PartnerStatus,
    Role,
    SpatialPlanningContract,
)
from cooperation.permissions import OFFICE_GROUP, is_cooperation_member
from demo import data as demo_data
from functions.models import CentralFunction, Facility, FunctionArea

# The table of function areas in the product brief (from the slides), in its order.
BRIEF_CATALOGUE = {
    "Bildung": ["Universitäten", "Hochschulen", "Fachschulen"],
    "Verwaltung und Rechtspflege": [
        "Fachgerichte",
        "Landgerichte",
        "Obere Landesbehörden",
        "Finanzämter",
        "Kammern",
        "Amtsgerichte",
    ],
    "Gesundheits- und Sozialwesen": ["Krankenhäuser", "Fachärzte"],
    "Kultur und Sport": [
        "Fachbibliotheken",
        "Orchester und Theater",
        "Musikschulen",
        "Sportstadien und -hallen mit überregionaler Bedeutung",
    ],
    "Versorgung und Dienstleistung": ["Einzelhandel des aperiodischen Bedarfs"],
    "Verkehrsinfrastruktur": ["IC-/EC-/ICE-Bahnhöfe", "Regionalbahnhöfe"],
}

LIST_PAGES = [
    "overview:dashboard",
    "cooperation:partner_list",
    "cooperation:contract",
    "cooperation:body_list",
    "functions:catalogue",
    "workinggroups:matrix",
    "functions:facility_list",
]


def seed(**options):
    call_command("seed_demo", stdout=io.StringIO(), **options)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module, inside a transaction rolled back at its end."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers, LANGUAGE_CODE="de", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        seed(force=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    """Per test: the seeded data, with the test's own changes rolled back."""


def test_it_refuses_to_seed_without_force_when_debug_is_off(db, settings):
    settings.DEBUG = False
    before = row_counts()

    with pytest.raises(CommandError, match="--force"):
        seed()

    assert row_counts() == before


def test_it_loads_exactly_the_function_catalogue_of_the_brief(demo):
    areas = FunctionArea.objects.order_by("position")
    loaded = {
        area.name: list(area.functions.order_by("position").values_list("name", flat=True))
        for area in areas
    }

    assert list(loaded) == list(BRIEF_CATALOGUE)
    assert loaded == BRIEF_CATALOGUE
    assert CentralFunction.objects.count() == sum(map(len, BRIEF_CATALOGUE.values()))


def test_it_loads_partners_with_valid_keys(demo):
    partners = list(Partner.objects.all())

    assert len(partners) >= 5
    for partner in partners:
        try:
            partner.full_clean()
        except ValidationError as error:  # pragma: no cover - reported by the assert
            pytest.fail(f"{partner}: {error.message_dict}")
        if partner.is_territorial:
            assert partner.ags.startswith("15"), partner
        else:
            assert partner.ags == "", partner


def test_it_loads_the_partners_of_the_brief_with_their_status(demo):
    status = dict(Partner.objects.values_list("name", "status"))

    assert status["Stadt Halberstadt"] == PartnerStatus.JOINT
    assert status["Regionale Planungsgemeinschaft Harz"] == PartnerStatus.JOINT
    assert status["Stadt Wernigerode"] == PartnerStatus.ASSOCIATED
    assert status["Welterbestadt Quedlinburg"] == PartnerStatus.ASSOCIATED
    assert Partner.objects.get(name="Landkreis Harz").kind == PartnerKind.DISTRICT
    assert Partner.objects.filter(status=PartnerStatus.NEIGHBOUR).exists()
    assert Partner.objects.filter(status=PartnerStatus.REGIONAL_ACTOR).exists()
    contract = SpatialPlanningContract.objects.get()
    assert {"Stadt Halberstadt", "Regionale Planungsgemeinschaft Harz"} <= set(
        contract.parties.values_list("name", flat=True)
    )


def test_it_locates_every_demo_facility_in_a_territorial_partner(demo):
    facilities = list(Facility.objects.select_related("partner"))

    assert facilities
    for facility in facilities:
        facility.full_clean()
    # The matrix shows gaps: some functions are deliberately not provided.
    assert CentralFunction.objects.filter(facilities__isnull=True).exists()


def test_it_creates_a_login_for_every_persona(demo):
    board = Body.objects.get(short_code="KG")

    chair = User.objects.get(username="ob.halberstadt")
    assert Membership.objects.current().get(user=chair, body=board).role == Role.CHAIR
    deputy = Membership.objects.current().get(user__username="stv.halberstadt", body=board)
    assert deputy.role == Role.DEPUTY_MEMBER
    assert deputy.deputy_for.user == chair
    office = User.objects.get(username="geschaeftsstelle")
    assert office.groups.filter(name=OFFICE_GROUP).exists()
    admin = User.objects.get(username="admin.wernigerode")
    assert PartnerStaff.objects.get(user=admin).partner.short_name == "Wernigerode"
    assert PartnerStaff.objects.get(user=admin).is_admin
    wg_member = User.objects.get(username="ag.mitglied")
    assert [m.body.kind for m in Membership.objects.current().filter(user=wg_member)] == [
        "working_group"
    ]
    assert not is_cooperation_member(User.objects.get(username="ohne.zuordnung"))
    for username in ["ob.halberstadt", "geschaeftsstelle", "admin.wernigerode", "ag.mitglied"]:
        request = RequestFactory().post("/konto/anmelden/")  # django-axes needs the request
        assert authenticate(request, username=username, password=demo_data.DEMO_PASSWORD)


def test_every_demo_account_has_the_printed_second_factor(demo):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, force=True)
    printed = out.getvalue()
    key = demo_data.DEMO_TOTP_KEY
    assert key in printed
    assert b32encode(bytes.fromhex(key)).decode() in printed
    for user in User.objects.filter(is_active=True):
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert device.key == key, user.username


@pytest.mark.unverified_login
def test_a_demo_account_logs_in_with_password_and_the_demo_code(client, demo, settings):
    settings.DEBUG = True
    response = client.post(
        reverse("login"), {"username": "geschaeftsstelle", "password": demo_data.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("overview:dashboard")).url.startswith(reverse("second_factor_verify"))
    out = io.StringIO()
    call_command("demo_code", stdout=out)

    verified = client.post(reverse("second_factor_verify"), {"otp_token": out.getvalue().strip()})

    assert verified.status_code == 302
    assert client.get(reverse("overview:dashboard")).status_code == 200


def test_the_demo_code_is_not_shown_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_code", stdout=io.StringIO())


def test_it_changes_nothing_when_run_a_second_time(demo):
    before = row_counts()
    history_models = [label for label in before if ".Historical" in label]
    assert history_models, "the historical models must be counted too"

    seed(force=True)

    assert row_counts() == before


def test_it_keeps_a_password_the_user_has_changed(demo):
    user = User.objects.get(username="ob.wernigerode")
    user.set_password("Eigenes-Passwort-2026")
    user.save()

    seed(force=True)

    user.refresh_from_db()
    assert user.check_password("Eigenes-Passwort-2026")


def test_it_repairs_a_demo_record_that_was_changed(demo):
    partner = Partner.objects.get(name="Stadt Halberstadt")
    Partner.objects.filter(pk=partner.pk).update(population=1)

    seed(force=True)

    partner.refresh_from_db()
    assert partner.population != 1


def test_it_lets_the_wernigerode_admin_edit_only_wernigerode(client, demo):
    client.force_login(User.objects.get(username="admin.wernigerode"))
    wernigerode = Partner.objects.get(short_name="Wernigerode")
    halberstadt = Partner.objects.get(short_name="Halberstadt")
    own_facility = Facility.objects.filter(partner=wernigerode).first()
    other_facility = Facility.objects.filter(partner=halberstadt).first()
    assert own_facility and other_facility

    def status(name, pk):
        return client.get(reverse(name, args=[pk])).status_code

    assert status("cooperation:partner_update", wernigerode.pk) == 200
    assert status("functions:facility_update", own_facility.pk) == 200
    assert status("cooperation:partner_update", halberstadt.pk) == 403
    assert status("functions:facility_update", other_facility.pk) == 403


def _status_failures(client, user, urls) -> list[tuple[str, str, int]]:
    """Pages that do not answer as they should: 200 for members, 403 for the rest."""
    client.force_login(user)
    member = is_cooperation_member(user)
    failures = []
    for url in urls:
        status = client.get(url).status_code
        expected = 200 if member or url == reverse("overview:dashboard") else 403
        if status != expected:
            failures.append((user.username, url, status))
    return failures


def test_it_shows_every_demo_user_their_own_dashboard(client, demo):
    failures = []
    for user in User.objects.filter(is_active=True):
        client.force_login(user)
        response = client.get(reverse("overview:dashboard"))
        if response.status_code != 200:
            failures.append((user.username, response.status_code))
            continue
        content = response.content.decode()
        for membership in Membership.objects.current().filter(user=user).select_related("body"):
            if membership.body.name not in content:
                failures.append((user.username, f"missing {membership.body}"))
    assert failures == []


def test_it_serves_the_pages_of_every_persona_without_error(client, demo):
    """One demo user per persona (as demo_data names them): lists, own partner and bodies."""
    lists = [reverse(name) for name in LIST_PAGES]
    by_persona = {}
    for spec in (demo_data.SUPERUSER, *demo_data.USERS):
        by_persona.setdefault(spec["persona"], spec["username"])
    assert len(by_persona) >= 8

    failures = []
    for username in by_persona.values():
        user = User.objects.get(username=username)
        own = [link.partner.get_absolute_url() for link in user.staff_links.all()]
        own += [m.body.get_absolute_url() for m in user.memberships.all()]
        failures += _status_failures(client, user, lists + own)
    assert failures == []


@pytest.mark.parametrize("username", ["geschaeftsstelle", "ag.mitglied", "ohne.zuordnung"])
def test_it_serves_every_demo_record_without_error(client, demo, username):
    urls = [p.get_absolute_url() for p in Partner.objects.all()]
    urls += [b.get_absolute_url() for b in Body.objects.all()]
    first_per_partner = {}
    for facility in Facility.objects.order_by("pk"):
        first_per_partner.setdefault(facility.partner_id, facility)
    urls += [facility.get_absolute_url() for facility in first_per_partner.values()]

    assert _status_failures(client, User.objects.get(username=username), urls) == []


def test_it_loads_a_finished_priority_round_with_every_partners_ballot(client, demo):
    from priorities import selectors
    from priorities.models import PriorityRound

    round_ = PriorityRound.objects.get(title="Themenschwerpunkte 2027")
    assert round_.finished and round_.paper_meeting is not None
    board = Body.objects.get(short_code="KG")
    partners = set(
        Membership.objects.current()
        .filter(body=board, role__in=["chair", "deputy_chair", "member"])
        .values_list("partner__short_name", flat=True)
    )
    ballots = list(round_.ballots.select_related("partner", "cast_by"))
    assert {b.partner.short_name for b in ballots} == partners and len(ballots) == 5
    assert all(sum(b.points.values()) == 10 for b in ballots)
    deputy = next(b for b in ballots if b.as_deputy)
    assert deputy.cast_by.username == "stv.quedlinburg"
    assert round_.ballots.get(partner__short_name="Halberstadt").history.count() == 2
    assert selectors.result(round_)["points_cast"] == 50
    client.force_login(User.objects.get(username="ag.mitglied"))
    response = client.get(round_.get_absolute_url())
    assert response.status_code == 200 and response.context["ballots_visible"]


def test_it_gives_the_board_its_rules_of_procedure(client, demo):
    from cooperation.models import Majority, rules_for

    board = Body.objects.get(short_code="KG")
    rules = rules_for(board)
    assert rules.pk is not None
    assert rules.majority_financial == Majority.ABSOLUTE_OF_SEATS
    assert rules.written_procedure_allowed
    assert rules.history.exists()  # seeded through a tracked save
    client.force_login(User.objects.get(username=demo_data.USERS[0]["username"]))
    page = client.get(reverse("cooperation:rules_of_procedure", args=[board.pk]))
    assert page.status_code == 200
    assert "Umlaufverfahren" in page.content.decode()


def test_it_seeds_a_decided_and_a_running_written_procedure(demo):
    from meetings.models import DecisionResult, ProcedureStatus, WrittenProcedure

    board = Body.objects.get(short_code="KG")
    decided, running = (
        WrittenProcedure.objects.filter(body=board).order_by("deadline").select_related("decision")
    )
    assert decided.status == ProcedureStatus.DECIDED
    assert decided.decision.result == DecisionResult.ADOPTED
    assert decided.decision.agenda_item is None
    assert running.is_running
    voted = running.votes.exclude(choice="").count()
    assert 0 < voted < running.votes.count()  # some seats still to vote


def test_the_board_members_vote_completes_the_running_procedure_as_the_next_decision(demo):
    """The issue's walk-through: ob.halberstadt's seat is the last to vote; the vote
    closes the procedure and gives it the board's next number of the year."""
    from meetings.models import Decision, ProcedureStatus, WrittenProcedure
    from meetings.services import procedure_vote

    board = Body.objects.get(short_code="KG")
    running = WrittenProcedure.objects.get(body=board, status=ProcedureStatus.RUNNING)
    waiting = running.votes.filter(choice="").select_related("seat__user")
    assert [vote.seat.user.username for vote in waiting] == ["ob.halberstadt"]
    year = timezone.localdate().year
    last = max(Decision.objects.filter(body=board, year=year).values_list("sequence", flat=True))

    procedure_vote(procedure=running, vote=waiting[0], choice="yes", actor=waiting[0].seat.user)

    running.refresh_from_db()
    assert running.status == ProcedureStatus.DECIDED
    assert (running.decision.year, running.decision.sequence) == (year, last + 1)
