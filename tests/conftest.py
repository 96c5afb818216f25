import copy
import shutil
from dataclasses import dataclass, fields

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db.models import Model
from django.test import Client

from cooperation.models import BodyKind, PartnerKind, PartnerStatus, Role
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, MeetingStatus
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType

from . import factories as f
from . import (
    fast_flush,
    hypothesis_profiles,  # noqa: F401 (registers and loads the profiles)
)
from .second_factor import verify_session
from .shared_world import (  # noqa: F401 (pytest hooks: open and close the shared world)
    SharedWorld,
    pytest_collection_modifyitems,
    pytest_runtest_setup,
    shares_world,
)
from .xdist_scheduling import pytest_xdist_make_scheduler  # noqa: F401 (pytest-xdist hook)

fast_flush.install()  # after a transactional test: delete the rows written (tests/fast_flush.py)

TEST_SETTINGS = {
    "LANGUAGE_CODE": "de",
    # Hashing real passwords dominates fixture time; strength is not under test here.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    # WhiteNoise looks a static file up when it is asked for instead of listing every
    # collected file whenever a test client builds its middleware (once per test: it was
    # most of a permission-matrix row's time). Production lists them once at start.
    "WHITENOISE_AUTOREFRESH": True,
    # Background tasks run at once (after the transaction commits), as the issue asks.
    "TASKS": {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "pdf"],
        }
    },
}


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
    for name, value in TEST_SETTINGS.items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _second_factor_on_login(request, monkeypatch):
    """`client.force_login` logs in as after both steps (password and second factor),
    unless the test is marked `unverified_login` (tests/second_factor.py)."""
    if request.node.get_closest_marker("unverified_login"):
        return
    password_only = Client._login

    def _login(self, user, backend=None):
        password_only(self, user, backend)
        session = self.session
        verify_session(session, user)
        session.save()

    monkeypatch.setattr(Client, "_login", _login)


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
    # A participant account (settings.PARTICIPANT_GROUP) of no procedure in the world.
    participant: object
    # Only in modules that ask for them (fixture `world_options`): a deputy and a chair
    # change the board's seats, invitations and quorum that other tests pin.
    deputy: object = None
    chair: object = None

    @property
    def personas(self):
        personas = {
            "admin_halberstadt": self.admin_halberstadt,
            "admin_wernigerode": self.admin_wernigerode,
            "board_member": self.board_member,
            "deputy": self.deputy,
            "chair": self.chair,
            "office": self.office,
            "wg_member": self.wg_member,
            "wg_lead": self.wg_lead,
            "other_wg_member": self.other_wg_member,
            "no_membership": self.no_membership,
            "participant": self.participant,
        }
        return {name: user for name, user in personas.items() if user is not None}

    # Relations that the factories and services leave cached on the objects, read along
    # when a test of a module that shares its world reads the world back.
    RELATED = {
        "working_group": ("body", "function_area", "lead_partner"),
        "facility_halberstadt": ("central_function__area",),
        "facility_wernigerode": ("central_function__area",),
        "draft_finding": ("function_area",),
        "agreed_finding": ("function_area", "central_function__area"),
    }

    def read_back(self) -> "World":
        """Fresh instances of the world's objects as stored, linked to each other as the
        build left them (the public item's meeting *is* the world's meeting, so a change
        to one is seen through the other): the template a shared world copies for each
        test. The instances the build returned carry whatever the services left on them."""
        objects = {}
        for field in fields(self):
            obj = getattr(self, field.name)
            if isinstance(obj, Model):
                queryset = type(obj)._base_manager.select_related(*self.RELATED.get(field.name, ()))
                obj = queryset.get(pk=obj.pk)
            objects[field.name] = obj
        _link([obj for obj in objects.values() if isinstance(obj, Model)])
        return type(self)(**objects)


def _link(objects) -> None:
    """Point every cached or cacheable foreign key of `objects` (and of the related
    objects cached on them) at one instance per row."""
    canonical = {(type(obj)._meta.concrete_model, obj.pk): obj for obj in objects}
    seen = set()

    def visit(obj):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        for field in obj._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            key = (field.related_model._meta.concrete_model, getattr(obj, field.attname))
            if field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is None:
                    continue
                related = canonical.setdefault(key, related)
                field.set_cached_value(obj, related)
                visit(related)
            elif key in canonical:
                field.set_cached_value(obj, canonical[key])

    for obj in list(canonical.values()):
        visit(obj)


def build_world(*, deputy_and_chair: bool = False) -> World:
    """Create the world through the factories and services (about 30 rows).

    With `deputy_and_chair`, the board also has a deputy member (standing in for
    board_member) and a chair, present at the meeting with board_member.
    """
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
    participant = f.participant_account(username="karla", display_name="Gemeinde Huy")
    board_seat = board.memberships.get(user=board_member)
    present = [(board_seat, AttendanceStatus.PRESENT, None)]
    deputy = chair = None
    if deputy_and_chair:
        deputy = f.UserFactory(username="ida", display_name="Stellvertretung Oberbürgermeister:in")
        f.membership(deputy, board, Role.DEPUTY_MEMBER, partner=halberstadt, deputy_for=board_seat)
        chair = f.UserFactory(username="jonas", display_name="Vorsitz Kooperationsgremium")
        chair_seat = f.membership(chair, board, Role.CHAIR, partner=wernigerode)
        present.append((chair_seat, AttendanceStatus.PRESENT, None))

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
    meeting_services.attendance_record(meeting=meeting, entries=present, actor=office)
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
        participant=participant,
        meeting=meeting,
        public_item=public_item,
        confidential_item=confidential_item,
        public_paper=public_paper,
        confidential_paper=confidential_paper,
        decision=decision,
        draft_finding=draft_finding,
        agreed_finding=agreed_finding,
        deputy=deputy,
        chair=chair,
    )


@pytest.fixture(scope="module")
def world_options():
    """Keyword arguments of build_world(); a module overrides this fixture to change them."""
    return {}


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker, tmp_path_factory, world_options):
    """The module's world, built once in a transaction that stays open for the module
    (tests/shared_world.py): each test runs in a savepoint inside it."""
    shared = SharedWorld(
        build=lambda: build_world(**world_options).read_back(),
        blocker=django_db_blocker,
        media=tmp_path_factory.mktemp("world-media"),
        settings=TEST_SETTINGS,
    )
    yield shared
    shared.dispose()


@pytest.fixture
def world(request, _shared_world, db, world_options):
    """The cooperation in miniature (see World). Built once per test module; every test
    gets its own copy of the instances (as read back after the build) and of the world's
    files, and whatever it writes is rolled back. A transactional test builds its own."""
    if not shares_world(request.node):
        return build_world(**world_options)
    assert _shared_world.is_open, "the shared world must be open before the test's transaction"
    shutil.copytree(_shared_world.media, django_settings.MEDIA_ROOT, dirs_exist_ok=True)
    return copy.deepcopy(_shared_world.world)
