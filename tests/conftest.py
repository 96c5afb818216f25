from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from cooperation.models import BodyKind, PartnerKind, PartnerStatus, Role
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, MeetingStatus
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType

from . import factories as f


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache holds rate-limit counters: every test starts without any."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.LANGUAGE_CODE = "de"
    # Hashing real passwords dominates fixture time; strength is not under test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once (after the transaction commits), as the issue asks.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "pdf"],
        }
    }


@dataclass
class World:
    """The cooperation in miniature, with one user per persona."""

    halberstadt: object
    wernigerode: object
    rpg: object
    board: object
    working_group: object
    contract: object
    facility_halberstadt: object
    facility_wernigerode: object
    meeting: object
    public_item: object
    confidential_item: object
    public_paper: object
    confidential_paper: object
    decision: object
    draft_finding: object
    agreed_finding: object
    admin_halberstadt: object
    admin_wernigerode: object
    board_member: object
    office: object
    wg_member: object
    wg_lead: object
    other_wg_member: object
    no_membership: object

    @property
    def personas(self):
        return {
            "admin_halberstadt": self.admin_halberstadt,
            "admin_wernigerode": self.admin_wernigerode,
            "board_member": self.board_member,
            "office": self.office,
            "wg_member": self.wg_member,
            "wg_lead": self.wg_lead,
            "other_wg_member": self.other_wg_member,
            "no_membership": self.no_membership,
        }


@pytest.fixture
def world(db):
    halberstadt = f.PartnerFactory(
        name="Stadt Halberstadt",
        short_name="Halberstadt",
        ags="15085135",
        status=PartnerStatus.JOINT,
    )
    wernigerode = f.PartnerFactory(
        name="Stadt Wernigerode",
        short_name="Wernigerode",
        ags="15085370",
        status=PartnerStatus.ASSOCIATED,
    )
    rpg = f.PartnerFactory(
        name="Regionale Planungsgemeinschaft Harz",
        short_name="RPG Harz",
        kind=PartnerKind.PLANNING_COMMUNITY,
        status=PartnerStatus.JOINT,
        ags="",
    )
    board = f.BodyFactory(name="Kooperationsgremium", short_code="KG", kind=BodyKind.BOARD)
    group = f.WorkingGroupFactory(
        body__name="AG Verkehrsinfrastruktur", body__short_code="AGI", lead_partner=halberstadt
    )
    contract = f.ContractFactory()
    contract.parties.set([halberstadt, wernigerode, rpg])
    contract.document.save("vertrag.pdf", ContentFile(b"%PDF-1.4 signed contract"), save=True)
    f.ClauseFactory(contract=contract)
    f.PhaseFactory()
    function = f.CentralFunctionFactory(name="Regionalbahnhöfe", area=group.function_area)
    facility_h = f.FacilityFactory(
        name="Bahnhof Halberstadt", partner=halberstadt, central_function=function
    )
    facility_w = f.FacilityFactory(
        name="Wernigerode Hbf", partner=wernigerode, central_function=function
    )

    admin_h = f.UserFactory(username="alice", display_name="Partneradministration Halberstadt")
    f.staff(admin_h, halberstadt, is_admin=True)
    admin_w = f.UserFactory(username="bob", display_name="Partneradministration Wernigerode")
    f.staff(admin_w, wernigerode, is_admin=True)
    board_member = f.UserFactory(username="charlie", display_name="Oberbürgermeister:in")
    f.membership(board_member, board, Role.MEMBER, partner=halberstadt)
    office = f.UserFactory(username="dora", display_name="Geschäftsstelle")
    f.membership(office, board, Role.OFFICE, partner=rpg)
    wg_member = f.UserFactory(username="emil", display_name="AG-Mitglied")
    f.membership(wg_member, group.body, Role.MEMBER, partner=halberstadt)
    nobody = f.UserFactory(username="frida", display_name="Ohne Zuordnung")
    wg_lead = f.UserFactory(username="gina", display_name="Leitung AG Verkehr")
    f.membership(wg_lead, group.body, Role.LEAD, partner=halberstadt)
    other_group = f.WorkingGroupFactory(
        body__name="AG Bildung", body__short_code="AGB", lead_partner=wernigerode
    )
    other_wg_member = f.UserFactory(username="hans", display_name="Mitglied AG Bildung")
    f.membership(other_wg_member, other_group.body, Role.MEMBER, partner=wernigerode)

    # A board meeting that is under way: invited, attended, with one public and one
    # non-public agenda item, a paper on each and a decision on the public item.
    meeting = f.MeetingFactory(body=board, status=MeetingStatus.INVITED)
    public_item = f.AgendaItemFactory(
        meeting=meeting, position=1, title="Bericht der Geschäftsstelle"
    )
    confidential_item = f.AgendaItemFactory(
        meeting=meeting, position=2, title="Personalangelegenheit", is_public=False
    )
    public_paper = f.PaperFactory(meeting=meeting, agenda_item=public_item, uploaded_by=office)
    confidential_paper = f.PaperFactory(
        meeting=meeting, agenda_item=confidential_item, uploaded_by=office, title="Vertraulich"
    )
    board_seat = board.memberships.get(user=board_member)
    meeting_services.attendance_record(
        meeting=meeting, entries=[(board_seat, AttendanceStatus.PRESENT, None)], actor=office
    )
    decision = meeting_services.decision_record(
        item=public_item,
        title="Arbeitsgruppe beauftragen",
        text="Die AG Verkehrsinfrastruktur erstellt eine Bestandsaufnahme.",
        votes_yes=1,
        commissioned_groups=[group.body],
        actor=office,
    )

    draft_finding = wg_services.finding_create(
        group=group,
        author=wg_member,
        type=FindingType.OBSTACLE,
        title="Entwurf: Taktlücken im Regionalverkehr",
        text="Zwischen Halberstadt und Wernigerode fehlen Abendverbindungen.",
        function_area=group.function_area,
        facilities=[facility_h],
        partners=[halberstadt],
        actor=wg_member,
    )
    agreed_finding = wg_services.finding_create(
        group=group,
        author=wg_member,
        type=FindingType.RECOMMENDATION,
        title="Empfehlung: Stundentakt nach Hannover",
        text="Die AG empfiehlt, den Stundentakt zu beantragen.",
        function_area=group.function_area,
        central_function=function,
        facilities=[facility_w],
        partners=[wernigerode],
        actor=wg_member,
    )
    agreed_finding.status = FindingStatus.AGREED
    agreed_finding.save()

    return World(
        halberstadt=halberstadt,
        wernigerode=wernigerode,
        rpg=rpg,
        board=board,
        working_group=group,
        contract=contract,
        facility_halberstadt=facility_h,
        facility_wernigerode=facility_w,
        admin_halberstadt=admin_h,
        admin_wernigerode=admin_w,
        board_member=board_member,
        office=office,
        wg_member=wg_member,
        no_membership=nobody,
        wg_lead=wg_lead,
        other_wg_member=other_wg_member,
        meeting=meeting,
        public_item=public_item,
        confidential_item=confidential_item,
        public_paper=public_paper,
        confidential_paper=confidential_paper,
        decision=decision,
        draft_finding=draft_finding,
        agreed_finding=agreed_finding,
    )
