"""Every model of our apps has its admin: with history, with the foreign keys it lists
loaded in the list's own query, and a change list in a fixed number of queries."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .. import factories as f

OUR_APPS = (
    "core",
    "access",
    "accounts",
    "cooperation",
    "functions",
    "meetings",
    "workinggroups",
    "overview",
    "documents",
    "winwin",
    "legal",
    "demo",
)


def _our_models():
    models = []
    for label in OUR_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        models += [m for m in config.get_models() if not m.__name__.startswith("Historical")]
    return models


MODELS = _our_models()


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def test_it_finds_the_models_of_every_domain_app():
    labels = {model._meta.app_label for model in MODELS}
    assert {"accounts", "cooperation", "functions", "meetings", "workinggroups"} <= labels
    assert {"overview", "documents"} <= labels


# The two models without a history of their own (docs/architecture.md, "Sessions and
# access log"): a session is short-lived, an access-log entry is itself the write-once record.
WITHOUT_HISTORY = {"access.Session", "access.AccessEvent"}


@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_it_registers_every_model_with_history(model):
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None, f"{_label(model)} has no admin"
    if _label(model) in WITHOUT_HISTORY:
        assert not hasattr(model, "history")
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)
    else:
        assert isinstance(model_admin, SimpleHistoryAdmin)


def _listed_foreign_keys(model, model_admin) -> list[str]:
    listed = set(model_admin.get_list_display(None))
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.name in listed
    ]


def _selected(model_admin) -> set[str]:
    related = model_admin.list_select_related
    if related is True:
        return set()  # "everything non-null": not explicit enough for nullable keys
    return {path.split("__")[0] for path in related or ()}


@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_it_loads_the_listed_foreign_keys_with_the_list(model):
    model_admin = admin.site._registry[model]
    missing = set(_listed_foreign_keys(model, model_admin)) - _selected(model_admin)
    assert not missing, f"{_label(model)}: list_select_related lacks {sorted(missing)}"


# The change list's queries (session, user, two counts, the rows, the filters' choices),
# whatever the number of rows.
CHANGELIST_QUERIES = {
    "access.Session": 5,
    "access.AccessEvent": 7,  # + the date hierarchy's bounds and years
    "accounts.User": 6,
    "accounts.SecondFactorReset": 5,
    "accounts.LockoutLift": 5,
    "accounts.AccountInvitation": 5,
    "cooperation.Partner": 5,
    "cooperation.PartnerStaff": 6,
    "cooperation.SpatialPlanningContract": 5,
    "cooperation.ContractClause": 5,
    "cooperation.ContractAmendment": 5,
    "cooperation.Body": 5,
    "cooperation.Membership": 6,
    "cooperation.RulesOfProcedure": 5,
    "cooperation.CooperationPhase": 5,
    "cooperation.PersonAnonymisation": 5,
    "cooperation.PartnerUserObjectPermission": 5,
    "cooperation.PartnerGroupObjectPermission": 5,
    "cooperation.BodyUserObjectPermission": 5,
    "cooperation.BodyGroupObjectPermission": 5,
    "functions.FunctionArea": 5,
    "functions.CentralFunction": 6,
    "functions.Facility": 7,
    "meetings.Meeting": 8,
    "meetings.AgendaItem": 5,
    "meetings.AgendaProposal": 5,
    "meetings.Paper": 5,
    "meetings.Invitation": 5,
    "meetings.Attendance": 5,
    "meetings.Minutes": 5,
    "meetings.MinutesCorrection": 5,
    "meetings.DecisionCounter": 5,
    "meetings.Decision": 6,
    "meetings.DecisionProgress": 5,
    "meetings.WrittenProcedure": 6,
    "meetings.WrittenVote": 5,
    "meetings.ProcedurePaper": 5,
    "workinggroups.WorkingGroup": 5,
    "workinggroups.Finding": 6,
    "workinggroups.FindingComment": 5,
    "workinggroups.FindingAttachment": 5,
    "workinggroups.WorkingGroupReport": 5,
    "overview.ConceptChapter": 5,
    "documents.Document": 5,
    "legal.LegalText": 5,
    "legal.AccessibilityFeedback": 5,
    "winwin.PartnerProfile": 5,
    "winwin.ProfileEntry": 7,  # + the partner and area filters' choices
}

_NUMBERS = re.compile(r"\b\d+\b")


def _template(sql: str) -> str:
    return _NUMBERS.sub("?", sql)


def _more_rows(world):
    """Two rows or more for the models the shared world leaves (almost) empty, so that a
    query per row would show."""
    from cooperation import services as cooperation_services
    from legal import services as legal_services
    from meetings import services as meeting_services
    from meetings.services import invitations
    from workinggroups import services as wg_services

    office, meeting = world.office, world.meeting
    for kind in ("imprint", "privacy"):
        legal_services.legal_text_save(
            kind=kind, data={"title": kind, "text": "Text"}, expected_version=0, actor=office
        )
    for message in ("Kein Alternativtext", "Kontrast zu gering"):
        item = legal_services.feedback_submit(message=message)
    legal_services.feedback_mark_answered(feedback=item, note="Erledigt.", actor=office)
    for title in ("Haushalt", "Radwege"):
        meeting_services.proposal_create(
            meeting=meeting, proposed_by=world.board_member, title=title, actor=world.board_member
        )
    invitations.send_update(meeting, actor=office)
    for item in (world.public_item, world.confidential_item):
        meeting_services.minutes_save(item=item, text="Beraten.", actor=office, expected_version=0)
    for note in ("Begonnen", "Fortgesetzt"):
        meeting_services.decision_progress_add(
            decision=world.decision, note=note, status="in_progress", actor=office
        )
    for body in (world.board, world.working_group.body):
        cooperation_services.rules_of_procedure_update(
            body=body, data={"written_procedure_allowed": True}, actor=office
        )
    for title in ("Umlauf 1", "Umlauf 2"):  # with one vote each (world.board_member's)
        meeting_services.procedure_start(
            body=world.board,
            title=title,
            text="Text",
            deadline=timezone.now() + datetime.timedelta(days=7),
            kind="ordinary",
            actor=office,
        )
    for text in ("Einverstanden.", "Ergänzung folgt."):
        wg_services.comment_add(finding=world.agreed_finding, author=world.wg_member, text=text)
    for _ in range(2):
        wg_services.report_create(
            group=world.working_group,
            period_from=datetime.date(2026, 1, 1),
            period_until=datetime.date(2026, 3, 31),
            summary="",
            findings=[world.agreed_finding],
            actor=world.wg_lead,
        )
    from accounts.invitations import invitation_create

    for _ in range(2):
        invitation_create(f.UserFactory(), actor=office)
    from winwin import services as winwin_services

    for partner, kind in ((world.halberstadt, "offer"), (world.wernigerode, "need")):
        winwin_services.profile_save(
            partner=partner, strengths="Stärken", weaknesses="", actor=office
        )
        winwin_services.entry_create(
            partner=partner,
            kind=kind,
            central_function=world.facility_halberstadt.central_function,
            title=kind,
            urgency="1" if kind == "need" else "",
            actor=office,
        )


@pytest.mark.django_db
def test_every_changelist_renders_without_a_query_per_row(world, client):
    _more_rows(world)
    superuser = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    counts, repeated = {}, {}
    for model in MODELS:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, _label(model)
        counts[_label(model)] = len(queries)
        # The change list counts twice (filtered and total) by design.
        templates = [
            _template(q["sql"])
            for q in queries.captured_queries
            if not q["sql"].startswith("SELECT COUNT(*)")
        ]
        dupes = {t for t in templates if templates.count(t) > 1}
        if dupes:
            repeated[_label(model)] = sorted(dupes)
    assert not repeated, repeated
    # Each + 1: django-otp loads the device the superuser's session was verified with.
    assert counts == {label: n + 1 for label, n in CHANGELIST_QUERIES.items()}
