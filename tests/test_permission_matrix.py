"""Every URL of the portal × every method it answers × every persona, with the status
each must get.

A row is (url name, method, args from the world, statuses per persona); POST rows also
carry a valid payload. For a POST, a persona that is let in must really perform the
write (`done`: by default, the rows of the named models grow), and a refused persona
(login redirect, 400, 403, 404, 405, 409) must leave the database exactly as it was:
the row counts of every table, history tables included, so that any save through the
services (which always writes history) would show.

The tests at the bottom fail when a URL pattern exists without a GET row here, or a
view that accepts POST has no POST row, so a new view cannot be added without deciding
who may open it and who may write through it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from meetings.models import AgendaProposal, Minutes
from tests.factories import PASSWORD, PDF_BYTES
from tests.second_factor import verify_session

ANON = "anonymous"
BOARD = ["board_member", "deputy", "chair"]  # the board's members (deputy: board_member's)
MEMBERS = [
    "admin_halberstadt",
    "admin_wernigerode",
    *BOARD,
    "office",
    "wg_member",
    "wg_lead",
    "other_wg_member",
]
# A participant account (settings.PARTICIPANT_GROUP) of no procedure in the world: no
# role, so it is refused like no_membership everywhere, unless a row says otherwise.
PERSONAS = [ANON, *MEMBERS, "no_membership", "participant"]
LOGIN = "login-redirect"
# Statuses that refuse a write: the database must be unchanged afterwards.
REFUSED = {LOGIN, 400, 403, 404, 405, 409}
GET, POST = "GET", "POST"


@pytest.fixture(scope="module")
def world_options():
    """The matrix's world also has a deputy member and the chair of the board."""
    return {"deputy_and_chair": True}


def expect(default, **overrides):
    """Statuses per persona: anonymous users go to login unless stated otherwise."""
    statuses = {ANON: LOGIN, "no_membership": 403}
    statuses.update(dict.fromkeys(MEMBERS, default))
    statuses.update(overrides)
    # A participant account has no role either: answered as no_membership unless stated.
    statuses.setdefault("participant", statuses["no_membership"])
    return statuses


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def board(status):
    """The same status for the board's member, its deputy and its chair."""
    return dict.fromkeys(BOARD, status)


# --- What a POST may change --------------------------------------------------------------


def db_state() -> dict[str, int]:
    """The number of rows of every table (sessions aside), in one query."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label != "access.Session"
    ]
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)})"
        for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(models, row, strict=True)}


def passwords() -> dict[int, str]:
    """Password hashes are kept out of the history: compared on their own."""
    from accounts.models import User

    return dict(User.objects.values_list("pk", "password"))


@dataclass
class Outcome:
    """What a `done` check gets: the request, and the state before and after it."""

    world: Any
    persona: str
    client: Any
    response: Any
    before: dict
    after: dict

    @property
    def user(self):
        return self.world.personas.get(self.persona)

    @property
    def session_user_id(self):
        user_id = self.client.session.get("_auth_user_id")
        return int(user_id) if user_id is not None else None


def grows(*labels):
    """The write adds rows to each of these models (an update adds a history row)."""

    def check(outcome):
        grown = {
            label: (outcome.before["db"][label], outcome.after["db"][label]) for label in labels
        }
        assert all(after > before for before, after in grown.values()), grown

    return check


def unchanged(outcome):
    assert outcome.after == outcome.before


def logged_in_as_board_member_or_still_themselves(outcome):
    if outcome.persona == ANON:
        assert outcome.session_user_id == outcome.world.board_member.pk
        # Django saves the time of the login; the history records that save too.
        grows("accounts.HistoricalUser")(outcome)
    else:
        assert outcome.session_user_id == outcome.user.pk
        assert outcome.after == outcome.before


def only_logged(outcome, count=1):
    """Nothing written but `count` entries of the access log."""
    before, after = dict(outcome.before["db"]), dict(outcome.after["db"])
    assert after.pop("access.AccessEvent") == before.pop("access.AccessEvent") + count
    assert after == before


def logged_out(outcome):
    assert outcome.session_user_id is None
    if outcome.persona == ANON:
        assert outcome.after["db"] == outcome.before["db"]
    else:
        only_logged(outcome)


def password_changed(outcome):
    user = type(outcome.user).objects.get(pk=outcome.user.pk)
    assert user.check_password(NEW_PASSWORD)
    changed = {
        pk for pk, hashed in outcome.after["passwords"].items()
        if outcome.before["passwords"][pk] != hashed
    }  # fmt: skip
    assert changed == {user.pk}


def reset_mail_sent(outcome):
    assert [message.to for message in mail.outbox] == [[outcome.world.board_member.email]]
    assert outcome.after["passwords"] == outcome.before["passwords"]
    only_logged(outcome)


def english_chosen(outcome):
    assert outcome.response.cookies["django_language"].value == "en"
    assert outcome.after == outcome.before


def token_renewed(outcome):
    user = type(outcome.user).objects.get(pk=outcome.user.pk)
    assert user.calendar_token != outcome.user.calendar_token
    grows("accounts.HistoricalUser")(outcome)


def _other_session(world):
    """A second session of board_member's, in another browser: [its handle]."""
    from access.models import Session

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(world.board_member.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = world.board_member.get_session_auth_hash()
    session["_access_agent"] = "Mozilla/5.0 (Windows NT 10.0; rv:133.0) Gecko Firefox/133.0"
    session.save()
    return [Session.objects.get(session_key=session.session_key).handle]


def other_session_ended(outcome):
    """board_member's other session is gone (theirs: the one the request came with
    stays); anybody else has no other session to end and writes nothing."""
    from access.models import Session

    if outcome.persona == "board_member":
        keys = set(Session.objects.filter(user=outcome.user).values_list("session_key", flat=True))
        assert keys == {outcome.client.session.session_key}
        only_logged(outcome)
    else:
        assert Session.objects.filter(user=outcome.world.board_member).count() == 1
        assert outcome.after == outcome.before


# --- Rows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    args: Callable
    statuses: dict
    data: Callable | None = None  # the payload (from the world) of a POST
    done: Callable | None = None  # checks the write of a persona that is let in
    passwords: bool = False  # also compare password hashes (not in the history)


def get(name, args, statuses):
    return Row(name, GET, args, statuses)


def post(name, args, statuses, data=None, done=None, *, passwords=False):
    return Row(name, POST, args, statuses, data or (lambda w: {}), done, passwords)


def _today():
    return timezone.localdate()


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _seat(world, user):
    return world.board.memberships.get(user=user)


def _proposal(world):
    return AgendaProposal.objects.create(
        meeting=world.meeting, proposed_by=world.board_member, title="Radverkehrskonzept"
    )


def _minutes(world):
    return Minutes.objects.create(agenda_item=world.public_item, text="Bericht zur Kenntnis.")


def _circulated(world):
    """The meeting held, with circulated minutes on its public item: ready for approval."""
    from meetings import services

    services.minutes_save(
        item=world.public_item, text="Bericht zur Kenntnis.", expected_version=0, actor=world.office
    )
    services.meeting_mark_held(meeting=world.meeting, actor=world.office)
    services.minutes_circulate(meeting=world.meeting, actor=world.office)
    return [world.meeting.pk]


def _approved(world):
    """The public item's minutes approved: they can only be corrected now."""
    from meetings import services

    _circulated(world)
    services.minutes_approve(
        meeting=world.meeting, approved_on=_today(), approved_in=None, actor=world.office
    )
    return [world.public_item.pk]


def _draft_minutes(world):
    _minutes(world)
    return [world.meeting.pk]


def _wg_report(world):
    from workinggroups.services import report_create

    return report_create(
        group=world.working_group,
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 3, 31),
        summary="",
        findings=[world.agreed_finding],
        actor=world.office,
    )


def _chapter(world):
    from overview.services import chapter_create

    return chapter_create(
        position=1,
        title="Leitbild",
        text="Die Partner sichern die Funktionen gemeinsam.",
        function_areas=[world.working_group.function_area],
        findings=[world.agreed_finding],
        actor=world.office,
    )


def _legal_text(world):
    """The imprint, written by the office: [its kind in the address]."""
    from legal.services import legal_text_save

    legal_text_save(
        kind="imprint",
        data={"title": "Impressum", "text": "Regionale Planungsgemeinschaft Harz"},
        expected_version=0,
        actor=world.office,
    )
    return ["impressum"]


def _feedback(world):
    from legal.services import feedback_submit

    return [feedback_submit(message="Die Karte hat keinen Alternativtext.").pk]


def _document(edition, *, meeting=False, status="done"):
    """A document (council report, or the meeting's invitation); when done, with a real PDF."""

    def args(world):
        from django.core.files.base import ContentFile

        from documents.models import Document, DocumentKind

        document = Document(
            kind=DocumentKind.INVITATION if meeting else DocumentKind.COUNCIL_REPORT,
            edition=edition,
            title="Dokument",
            meeting=world.meeting if meeting else None,
            period_from=None if meeting else datetime.date(2026, 1, 1),
            period_until=None if meeting else datetime.date(2026, 12, 31),
            requested_by=world.office,
            generated_at=timezone.now(),
            status=status,
            error="" if status == "done" else "Der Dienst war nicht erreichbar.",
            sha256="0" * 64 if status == "done" else "",
            parameters={"file_name": "dokument.pdf"},
        )
        if status == "done":
            document.file.save("dokument.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
        return [document.pk]

    return args


def _published_chapter(world):
    from overview.services import chapter_publish

    chapter = _chapter(world)
    chapter_publish(chapter=chapter, expected_version=chapter.version, actor=world.office)
    return [chapter.pk]


def _withheld_paper(world):
    from meetings.services import paper_withhold

    paper_withhold(
        paper=world.public_paper, reason="Enthält personenbezogene Daten", actor=world.office
    )
    return [world.public_paper.pk]


def _withheld_paper_oparl(world):
    return ["paper", *_withheld_paper(world)]


def _allowing_written(world):
    """The board, its rules of procedure now allowing written procedures."""
    from cooperation.services import rules_of_procedure_update

    rules_of_procedure_update(
        body=world.board, data={"written_procedure_allowed": True}, actor=world.office
    )
    return world.board


def _procedure(world):
    """A running written procedure of the board: the board's member, the deputy (for
    board_member) and the chair hold or stand in for its seats."""
    from meetings.services import procedure_start

    _allowing_written(world)
    return procedure_start(
        body=world.board,
        title="Zuschuss Bahnhofsumfeld",
        text="Das Gremium stimmt zu.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        kind="ordinary",
        actor=world.office,
    )


def _procedure_paper(world):
    from meetings.services import procedure_paper_add

    paper = procedure_paper_add(
        procedure=_procedure(world), title="Kostenplan", uploaded_file=_pdf(), actor=world.office
    )
    return [paper.pk]


def _procedure_seat(world):
    """[procedure, the vote of board_member's seat]."""
    procedure = _procedure(world)
    return [procedure.pk, procedure.votes.get(seat__user=world.board_member).pk]


def _restore_args(obj, field="street"):
    """An earlier version worth restoring: `field` (one every editor's form shows) has
    changed since, so restoring it writes."""

    def args(world):
        record = obj(world).history.latest()
        current = obj(world)
        setattr(current, field, "Geändert nach der Version")
        current._history_user = world.office
        current.save()
        return [current.pk, record.history_id]

    return args


def _consultation(decision=lambda w: w.decision, *, extract=False):
    """The decision needs every partner's council: [Wernigerode's consultation], or
    [the extract of its minutes]."""

    def args(world):
        from councils.services import consultation_record, requirement_create

        requirement = requirement_create(decision=decision(world), scope="all", actor=world.office)
        consultation = requirement.consultations.get(partner=world.wernigerode)
        if not extract:
            return [consultation.pk]
        consultation_record(
            consultation=consultation,
            data={
                **_consultation_data(consultation),
                "planned_date": None,
                "resolution_date": _today(),
            },
            extract=_pdf("auszug.pdf"),
            actor=world.office,
        )
        return [consultation.extracts.get().pk]

    return args


def _consultation_data(consultation):
    return {
        "council_name": consultation.council_name,
        "planned_date": "",
        "status": "approved",
        "resolution_number": "SR-2026/114",
        "resolution_date": _today().isoformat(),
        "note": "",
    }


def _recorded_consultation(world):
    from councils.models import Consultation

    return _consultation_data(Consultation.objects.get(partner=world.wernigerode))


def _confidential_decision(world):
    from meetings.services import decision_record

    return decision_record(
        item=world.confidential_item,
        title="Personalkosten teilen",
        text="Die Partner teilen die Kosten der Geschäftsstelle.",
        votes_yes=1,
        actor=world.office,
    )


def _finding_attachment(finding):
    """An attachment (a real PDF) on the world's finding `finding(world)`."""

    def args(world):
        from workinggroups.services import attachment_add

        attachment = attachment_add(
            finding=finding(world), title="Plan", uploaded_file=_pdf(), actor=world.wg_member
        )
        return [attachment.pk]

    return args


def _departed(world):
    """A former board member whose seat ended yesterday: the office may anonymise them."""
    from tests import factories as f

    person = f.UserFactory(username="ehemals", display_name="Dr. Ehemalige Person")
    yesterday = _today() - datetime.timedelta(days=1)
    f.membership(
        person,
        world.board,
        "member",
        partner=world.halberstadt,
        valid_from=yesterday - datetime.timedelta(days=300),
        valid_until=yesterday,
    )
    return person


def _partner_data(partner, **changes):
    return {
        "name": partner.name,
        "short_name": partner.short_name,
        "ags": partner.ags,
        "population": 40000,
        "street": "Holzmarkt 1",
        "postal_code": "38820",
        "city": partner.city,
        "website": "https://www.example.org",
        "email": "rathaus@example.org",
        # Only the office's form has these; a partner's administrator's ignores them.
        "kind": partner.kind,
        "status": partner.status,
        "is_active": "on",
        **changes,
    }


def _facility_data(facility, partner=None, **changes):
    return {
        "name": facility.name,
        "central_function": facility.central_function_id,
        "partner": (partner or facility.partner).pk,
        "significance": "supra_regional",
        "street": "Bahnhofstraße 1",
        "postal_code": "38820",
        "city": "Halberstadt",
        "latitude": "51.895000",
        "longitude": "11.046000",
        "notes": "Barrierefrei seit 2025.",
        **changes,
    }


def _finding_data(finding, **changes):
    return {
        "type": finding.type,
        "title": f"{finding.title} (überarbeitet)",
        "text": "Ergänzt um die Fahrgastzahlen.",
        "function_area": finding.function_area_id,
        "central_function": finding.central_function_id or "",
        "facilities": [f.pk for f in finding.facilities.all()],
        "partners": [p.pk for p in finding.partners.all()],
        "version": finding.version,
        **changes,
    }


def _meeting_data(world, **changes):
    meeting = world.meeting
    return {
        "title": meeting.title,
        "starts_at": _local(meeting.starts_at),
        "ends_at": _local(meeting.ends_at),
        "location": "Rathaus Wernigerode, Ratssaal",
        "video_url": "",
        **changes,
    }


def _new_meeting_data(world):
    starts = timezone.now() + datetime.timedelta(days=40)
    return _meeting_data(
        world,
        title="Sondersitzung",
        starts_at=_local(starts),
        ends_at=_local(starts + datetime.timedelta(hours=2)),
    )


def _chapter_data(world, **changes):
    return {
        "position": 1,
        "title": "Leitbild",
        "text": "Die Partner sichern die oberzentralen Funktionen gemeinsam.",
        "function_areas": [world.working_group.function_area_id],
        "findings": [world.agreed_finding.pk],
        **changes,
    }


NEW_PASSWORD = "Ein neues, langes Kennwort 2026"


def _lockout(world):
    """board_member's account locked after five failed logins."""
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username=world.board_member.username, ip_address="192.0.2.7", user_agent="curl",
        get_data="", post_data="", http_accept="*/*", path_info="/konto/anmelden/",
        failures_since_start=5, attempt_time=timezone.now(),
    )  # fmt: skip
    return [attempt.pk]


def _priority_round(world, *, ended=False):
    """A priority round opened by the office (ended: its deadline passed): [its pk]."""
    from tests.priorities.helpers import end, open_round

    round_ = open_round(world)
    return [(end(round_) if ended else round_).pk]


def _priority_round_data(world):
    return {
        "title": "Schwerpunkte 2028",
        "description": "",
        "deadline": _local(timezone.now() + datetime.timedelta(days=10)),
        "points_total": "10",
        "function_areas": [str(world.working_group.function_area_id)],
        "measures": "Radwegenetz\nÄrztehaus",
    }


def _ballot_data(world):
    from priorities.models import PriorityRound

    round_ = PriorityRound.objects.latest("pk")
    topics = list(round_.topics.order_by("position", "pk"))
    return {f"thema_{topic.pk}": "5" if index < 2 else "0" for index, topic in enumerate(topics)}


# fmt: off
# Priority rounds: every member reads them; the office opens, edits and closes them and
# puts the result on the next board meeting; a partner's board seat (board_member and
# its deputy for Halberstadt, the chair for Wernigerode) casts the partner's ballot.
PRIORITY_ROUNDS = [
    get("priorities:round_list", lambda w: [], expect(200)),
    get("priorities:round_create", lambda w: [], expect(403, office=200)),
    post("priorities:round_create", lambda w: [], expect(403, office=302),
         _priority_round_data, grows("priorities.PriorityRound", "priorities.Topic")),
    get("priorities:round_detail", _priority_round, expect(200)),
    get("priorities:round_update", _priority_round, expect(403, office=200)),
    post("priorities:round_update", _priority_round, expect(403, office=302),
         _priority_round_data, grows("priorities.HistoricalPriorityRound")),
    get("priorities:round_close", _priority_round, expect(403, office=200)),
    post("priorities:round_close", _priority_round, expect(403, office=302),
         lambda w: {"confirm": "on"}, grows("priorities.HistoricalPriorityRound")),
    get("priorities:ballot", _priority_round, expect(403, **board(200))),
    post("priorities:ballot", _priority_round, expect(403, **board(302)),
         _ballot_data, grows("priorities.Ballot", "priorities.HistoricalBallot")),
    get("priorities:result_paper", lambda w: _priority_round(w, ended=True),
        expect(403, office=200)),
    post("priorities:result_paper", lambda w: _priority_round(w, ended=True),
         expect(403, office=302), lambda w: {"confirm": "on"},
         grows("priorities.HistoricalPriorityRound")),
]
# fmt: on


# Participation procedures (issue 15), the office's and members' side: every member
# reads what is put out; the office prepares, puts out, weighs, puts the weighing on the
# board's agenda, records the decision, has the table built and publishes. A draft is
# the office's alone (404 for members: see CONFIDENTIAL).
def _participation(make):
    def args(world):
        from tests.participation import office_helpers as h

        return make(world, h)

    return args


def _opened_procedure(world, h):
    return [h.procedure(world).pk]


def _draft_procedure(world, h):
    h.concept(world)
    return [h.procedure(world, opened=False).pk]


def _ended_procedure(world, h):
    return [h.end(h.procedure(world)).pk]


def _procedure_on_agenda(world, h):
    from meetings import services as meeting_services

    procedure = h.end(h.procedure(world))
    item = h.on_agenda(world, procedure)
    meeting_services.decision_record(
        item=item, title="Abwägung", text="Beschlossen.", votes_yes=1, actor=world.office
    )
    return [procedure.pk]


def _decided_procedure(world, h):
    return [h.decided(world).pk]


def _submitted_statement(world, h):
    procedure = h.procedure(world)
    return [h.statement(procedure, participant=h.participant(world, procedure)).pk]


def _draft_statement(world, h):
    procedure = h.procedure(world)
    return [h.draft(procedure, h.participant(world, procedure)).pk]


def _statement_attachment(world, h):
    procedure = h.procedure(world)
    who = h.participant(world, procedure)
    return [h.attachment(h.statement(procedure, participant=who), who.user).pk]


def _built_table(world, h):
    procedure = h.procedure(world)
    h.statement(procedure, participant=h.participant(world, procedure))
    return [h.finished_table(world, procedure).pk]


def _published_procedure(world, h):
    return [h.published_quickly(world).pk]


def _public_procedure(world, h):
    return [h.procedure(world, public=True).pk]


def _procedure_data(world):
    return {
        "title": "Entwurf REK 2028",
        "description": "",
        "starts_at": _local(timezone.now()),
        "ends_at": _local(timezone.now() + datetime.timedelta(days=30)),
        "public_may_comment": "",
    }


def _latest_decision(world):
    from meetings.models import Decision

    return {"decision": Decision.objects.latest("pk").pk}


# fmt: off
PARTICIPATION = [
    get("participation:procedure_list", lambda w: [], expect(200)),
    get("participation:procedure_create", lambda w: [], expect(403, office=200)),
    post("participation:procedure_create", lambda w: [], expect(403, office=302),
         _procedure_data, grows("participation.ParticipationProcedure")),
    get("participation:procedure_detail", _participation(_opened_procedure), expect(200)),
    get("participation:procedure_update", _participation(_opened_procedure),
        expect(403, office=200)),
    post("participation:procedure_update", _participation(_draft_procedure),
         expect(404, office=302), _procedure_data,
         grows("participation.HistoricalParticipationProcedure")),
    get("participation:procedure_open", _participation(_draft_procedure),
        expect(404, office=200)),
    post("participation:procedure_open", _participation(_draft_procedure),
         expect(404, office=302), lambda w: {"confirm": "on"},
         grows("participation.ProcedureChapter")),
    get("participation:statement_list", _participation(_opened_procedure), expect(200)),
    get("participation:statement_detail", _participation(_submitted_statement), expect(200)),
    get("participation:weighing", _participation(_submitted_statement),
        expect(403, office=200)),
    post("participation:weighing", _participation(_submitted_statement),
         expect(403, office=302),
         lambda w: {"outcome": "partly", "reasoning": "Teilweise.", "chapter_change": ""},
         grows("participation.Weighing", "participation.HistoricalWeighing")),
    get("participation:attachment_download", _participation(_statement_attachment),
        expect(200)),
    get("participation:procedure_agenda", _participation(_ended_procedure),
        expect(403, office=200)),
    post("participation:procedure_agenda", _participation(_ended_procedure),
         expect(403, office=302), lambda w: {"meeting": w.meeting.pk},
         grows("meetings.AgendaItem", "participation.HistoricalParticipationProcedure")),
    get("participation:procedure_decision", _participation(_procedure_on_agenda),
        expect(403, office=200)),
    post("participation:procedure_decision", _participation(_procedure_on_agenda),
         expect(403, office=302), _latest_decision,
         grows("participation.HistoricalParticipationProcedure")),
    get("participation:table_request", _participation(_opened_procedure),
        expect(403, office=200)),
    post("participation:table_request", _participation(_opened_procedure),
         expect(403, office=302), lambda w: {"confirm": "on"},
         grows("participation.WeighingTable")),
    get("participation:table_download", _participation(_built_table), expect(200)),
    get("participation:procedure_publish", _participation(_decided_procedure),
        expect(403, office=200)),
    post("participation:procedure_publish", _participation(_decided_procedure),
         expect(403, office=302), lambda w: {"confirm": "on"},
         grows("participation.HistoricalParticipationProcedure", "participation.WeighingTable")),
    # The public pages: a published procedure, and one open to the public while it runs.
    get("public:participation_list", lambda w: [], everyone(200)),
    get("public:participation_detail", _participation(_published_procedure), everyone(200)),
    get("public:participation_table", _participation(_published_procedure), everyone(200)),
    get("public:participation_statement", _participation(_public_procedure), everyone(200)),
    post("public:participation_statement", _participation(_public_procedure), everyone(302),
         lambda w: {"name": "Erika Mustermann", "email": "erika@example.org", "chapter": "",
                    "text": "Mehr Busse am Abend."},
         grows("participation.Statement", "participation.HistoricalStatement")),
]
# fmt: on


def _winwin_entry(kind, partner="halberstadt"):
    """A need or an offer of the world's partner, for the rail function of the group's area."""

    def make(world):
        from winwin import services

        owner = getattr(world, partner)
        data = (
            {"urgency": "1"}
            if kind == "need"
            else {"capacity": "zwei Züge je Stunde", "conditions": "nach Absprache"}
        )
        return services.entry_create(
            partner=owner,
            kind=kind,
            central_function=world.facility_halberstadt.central_function,
            title=f"{kind} {owner.short_name}",
            actor=getattr(world, f"admin_{partner}"),
            **data,
        )

    return make


def _winwin_entry_args(kind, partner="halberstadt"):
    return lambda w: [_winwin_entry(kind, partner)(w).pk]


def _winwin_offer_data(world, **changes):
    return {
        "central_function": world.facility_halberstadt.central_function_id,
        "title": "Gastspiele des Nordharzer Städtebundtheaters",
        "description": "",
        "capacity": "vier Gastspiele je Spielzeit",
        "conditions": "Bühne ab acht Metern Breite",
        **changes,
    }


def _winwin_match_area(world):
    """Halberstadt's offer meets Wernigerode's need in the group's area: [the area]."""
    _winwin_entry("offer")(world)
    _winwin_entry("need", "wernigerode")(world)
    return [world.working_group.function_area_id]


def _winwin_match(world):
    """The pair `_winwin_match_area` made, as a match action names it (reads only)."""
    from winwin.models import ProfileEntry

    entries = dict(
        ProfileEntry.objects.filter(
            title__in=["offer Halberstadt", "need Wernigerode"]
        ).values_list("kind", "pk")
    )
    return {"bedarf": entries["need"], "angebot": entries["offer"],
            "arbeitsgruppe": world.working_group.pk}  # fmt: skip


def _winwin_area(world):
    return [world.working_group.function_area_id]


def _participant_procedure(world, *, mine=True):
    """A running procedure put out, with world.participant as its participant (mine)
    or with another organisation's account only: the procedure."""
    from tests.participation.participant_helpers import opened_procedure, participant_of

    procedure = opened_procedure(world)
    participant_of(procedure, world.participant if mine else None)
    return procedure


def _my_draft(world, *, mine=True):
    """A draft statement (with an attachment) of world.participant's (mine) or of
    another participant's: [its pk]."""
    from participation.models import Participant
    from participation.services import attachment_add
    from tests.participation.participant_helpers import draft

    participant = Participant.objects.get(procedure=_participant_procedure(world, mine=mine))
    statement = draft(participant)
    attachment_add(statement=statement, title="Karte", uploaded_file=_pdf(), actor=participant.user)
    return [statement.pk]


def _my_attachment(world, *, mine=True):
    from participation.models import StatementAttachment

    return [StatementAttachment.objects.get(statement_id=_my_draft(world, mine=mine)[0]).pk]


def _participant_row(world):
    """A participant (another account) of a running procedure: [its pk]."""
    from participation.models import Participant

    return [Participant.objects.get(procedure=_participant_procedure(world, mine=False)).pk]


def _invitation_token(world):
    """A new participant account's one-time link: [its token]."""
    from accounts.invitations import invitation_create
    from tests import factories as f

    invited = f.participant_account(username="eingeladen", email="eingeladen@example.org")
    invited.set_unusable_password()
    invited.save(update_fields=["password"])
    return [invitation_create(invited, actor=world.office, next_url="/beteiligung/verfahren/")]


def invitation_used(outcome):
    """Whoever opened the link: the invited account has its password and is logged in."""
    from accounts.models import User

    invited = User.objects.get(username="eingeladen")
    assert invited.check_password(NEW_PASSWORD)
    assert outcome.session_user_id == invited.pk
    grows("accounts.HistoricalAccountInvitation", "accounts.HistoricalUser")(outcome)


# The participants' pages: participant accounts only (403 for everyone else logged in),
# and only their own procedures and statements (404 otherwise: PARTICIPANT_OTHERS).
PARTICIPANT = {**everyone(403), ANON: LOGIN, "participant": 200}
PARTICIPANT_WRITES = {**PARTICIPANT, "participant": 302}

# fmt: off
PARTICIPATION_PARTICIPANTS = [
    get("participation:my_procedures", lambda w: [], PARTICIPANT),
    get("participation:my_procedure", lambda w: [_participant_procedure(w).pk], PARTICIPANT),
    get("participation:my_statement_create", lambda w: [_participant_procedure(w).pk], PARTICIPANT),
    post("participation:my_statement_create", lambda w: [_participant_procedure(w).pk],
         PARTICIPANT_WRITES, lambda w: {"chapter": "", "text": "Der Radverkehr fehlt."},
         grows("participation.Statement", "participation.HistoricalStatement")),
    get("participation:my_statement", _my_draft, PARTICIPANT),
    get("participation:my_statement_update", _my_draft, PARTICIPANT),
    post("participation:my_statement_update", _my_draft, PARTICIPANT_WRITES,
         lambda w: {"chapter": "", "text": "Überarbeitet."},
         grows("participation.HistoricalStatement")),
    get("participation:my_statement_attachment", _my_draft, PARTICIPANT),
    post("participation:my_statement_attachment", _my_draft, PARTICIPANT_WRITES,
         lambda w: {"title": "Lageplan", "file": _pdf("lageplan.pdf")},
         grows("participation.StatementAttachment")),
    get("participation:my_statement_submit", _my_draft, PARTICIPANT),
    post("participation:my_statement_submit", _my_draft, PARTICIPANT_WRITES,
         lambda w: {"confirm": "on"}, grows("participation.HistoricalStatement")),
    get("participation:my_statement_delete", _my_draft, PARTICIPANT),
    post("participation:my_statement_delete", _my_draft, PARTICIPANT_WRITES,
         lambda w: {"confirm": "on"}, grows("participation.HistoricalStatement")),
    get("participation:my_attachment_download", _my_attachment, PARTICIPANT),
    get("participation:my_attachment_delete", _my_attachment, PARTICIPANT),
    post("participation:my_attachment_delete", _my_attachment, PARTICIPANT_WRITES,
         lambda w: {"confirm": "on"}, grows("participation.HistoricalStatementAttachment")),
    # The office invites participants to a procedure put out, and sends the mail again.
    get("participation:participant_list", lambda w: [_participant_procedure(w).pk],
        expect(403, office=200)),
    post("participation:participant_list", lambda w: [_participant_procedure(w).pk],
         expect(403, office=302),
         lambda w: {"organisation": "Stadt Thale", "kind": "neighbour",
                    "contact_name": "Erika Muster", "email": "bauamt@thale.example"},
         grows("participation.Participant", "accounts.User", "accounts.AccountInvitation")),
    get("participation:participant_resend", _participant_row, expect(403, office=200)),
    post("participation:participant_resend", _participant_row, expect(403, office=302),
         lambda w: {"confirm": "on"},
         grows("participation.HistoricalParticipant")),
    # A one-time invitation link opens for everybody who has it (logged in or not) and
    # logs in the invited account.
    get("invitation_accept", _invitation_token, everyone(200)),
    post("invitation_accept", _invitation_token, everyone(302),
         lambda w: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
         invitation_used, passwords=True),
]

# Another participant's procedure and statements: 404 for the participant account.
PARTICIPANT_OTHERS = {**PARTICIPANT, "participant": 404}
PARTICIPATION_OTHERS = [
    get("participation:my_procedure", lambda w: [_participant_procedure(w, mine=False).pk],
        PARTICIPANT_OTHERS),
    get("participation:my_statement_create", lambda w: [_participant_procedure(w, mine=False).pk],
        PARTICIPANT_OTHERS),
    post("participation:my_statement_create", lambda w: [_participant_procedure(w, mine=False).pk],
         PARTICIPANT_OTHERS, lambda w: {"chapter": "", "text": "Hinein!"}),
    get("participation:my_statement", lambda w: _my_draft(w, mine=False), PARTICIPANT_OTHERS),
    post("participation:my_statement_update", lambda w: _my_draft(w, mine=False),
         PARTICIPANT_OTHERS, lambda w: {"chapter": "", "text": "Fremd geändert."}),
    post("participation:my_statement_submit", lambda w: _my_draft(w, mine=False),
         PARTICIPANT_OTHERS, lambda w: {"confirm": "on"}),
    post("participation:my_statement_delete", lambda w: _my_draft(w, mine=False),
         PARTICIPANT_OTHERS, lambda w: {"confirm": "on"}),
    post("participation:my_statement_attachment", lambda w: _my_draft(w, mine=False),
         PARTICIPANT_OTHERS, lambda w: {"title": "Fremd", "file": _pdf()}),
    get("participation:my_attachment_download", lambda w: _my_attachment(w, mine=False),
        PARTICIPANT_OTHERS),
    post("participation:my_attachment_delete", lambda w: _my_attachment(w, mine=False),
         PARTICIPANT_OTHERS, lambda w: {"confirm": "on"}),
    # An unusable invitation link: the same page for everybody, nothing changed.
    get("invitation_accept", lambda w: ["A" * 43], everyone(404)),
    post("invitation_accept", lambda w: ["A" * 43], everyone(404),
         lambda w: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
         passwords=True),
]
# fmt: on

# fmt: off
MATRIX = [
    # --- cooperation ---
    get("overview:dashboard", lambda w: [], expect(200, no_membership=200)),
    get("cooperation:partner_list", lambda w: [], expect(200)),
    get("cooperation:partner_detail", lambda w: [w.halberstadt.pk], expect(200)),
    get("cooperation:partner_update", lambda w: [w.halberstadt.pk],
        expect(403, admin_halberstadt=200, office=200)),
    post("cooperation:partner_update", lambda w: [w.halberstadt.pk],
         expect(403, admin_halberstadt=302, office=302),
         lambda w: _partner_data(w.halberstadt), grows("cooperation.HistoricalPartner")),
    get("cooperation:partner_restore", _restore_args(lambda w: w.halberstadt),
        expect(403, admin_halberstadt=200, office=200)),
    post("cooperation:partner_restore", _restore_args(lambda w: w.halberstadt),
         expect(403, admin_halberstadt=302, office=302),
         done=grows("cooperation.HistoricalPartner")),
    get("cooperation:contract", lambda w: [], expect(200)),
    get("cooperation:contract_document", lambda w: [w.contract.pk], expect(200)),
    get("cooperation:contract_restore", _restore_args(lambda w: w.contract, "title"),
        expect(403, office=200)),
    post("cooperation:contract_restore", _restore_args(lambda w: w.contract, "title"),
         expect(403, office=302), done=grows("cooperation.HistoricalSpatialPlanningContract")),
    get("cooperation:body_list", lambda w: [], expect(200)),
    get("cooperation:body_detail", lambda w: [w.board.pk], expect(200)),
    get("cooperation:body_restore", _restore_args(lambda w: w.board, "description"),
        expect(403, office=200)),
    post("cooperation:body_restore", _restore_args(lambda w: w.board, "description"),
         expect(403, office=302), done=grows("cooperation.HistoricalBody")),
    get("cooperation:body_update", lambda w: [w.board.pk], expect(403, office=200)),
    post("cooperation:body_update", lambda w: [w.board.pk], expect(403, office=302),
         lambda w: {"name": "Kooperationsgremium Harz", "short_code": "KG",
                    "description": "Die Bürgermeister:innen der Partner.",
                    "rules_of_procedure": ""},
         grows("cooperation.HistoricalBody")),
    # The rules of procedure: every member reads them, only the office edits them.
    get("cooperation:rules_of_procedure", lambda w: [w.board.pk], expect(200)),
    get("cooperation:rules_of_procedure_update", lambda w: [w.board.pk],
        expect(403, office=200)),
    post("cooperation:rules_of_procedure_update", lambda w: [w.board.pk],
         expect(403, office=302),
         lambda w: {"quorum_rule": "two_thirds", "majority_ordinary": "simple",
                    "majority_financial": "absolute_of_seats",
                    "majority_contract": "two_thirds_of_seats", "majority_rules": "unanimity",
                    "deputy_rule": "own_member", "written_procedure_allowed": "on",
                    "written_procedure_majority": "absolute_of_seats",
                    "written_procedure_objection": "any_member"},
         grows("cooperation.RulesOfProcedure", "cooperation.HistoricalRulesOfProcedure")),
    get("cooperation:membership_create", lambda w: [w.board.pk], expect(403, office=200)),
    post("cooperation:membership_create", lambda w: [w.board.pk], expect(403, office=302),
         lambda w: {"user": w.no_membership.pk, "role": "member", "partner": w.wernigerode.pk,
                    "deputy_for": "", "valid_from": _today().isoformat(), "valid_until": ""},
         grows("cooperation.Membership", "cooperation.BodyUserObjectPermission")),
    get("cooperation:membership_end",
        lambda w: [w.board.pk, _seat(w, w.board_member).pk], expect(403, office=200)),
    post("cooperation:membership_end",
         lambda w: [w.board.pk, _seat(w, w.board_member).pk], expect(403, office=302),
         lambda w: {"valid_until": _today().isoformat()},
         grows("cooperation.HistoricalMembership")),
    get("cooperation:phase_create", lambda w: [], expect(403, office=200)),
    post("cooperation:phase_create", lambda w: [], expect(403, office=302),
         lambda w: {"phase": "implementation", "since": _today().isoformat(),
                    "reason": "Die ersten gemeinsamen Projekte laufen."},
         grows("cooperation.CooperationPhase")),
    # --- functions ---
    get("functions:catalogue", lambda w: [], expect(200)),
    get("workinggroups:matrix", lambda w: [], expect(200)),
    get("functions:facility_list", lambda w: [], expect(200)),
    get("functions:facility_create", lambda w: [],
        expect(403, admin_halberstadt=200, admin_wernigerode=200)),
    # Wernigerode's administrator may create facilities, but not in Halberstadt: the
    # form refuses the partner (400).
    post("functions:facility_create", lambda w: [],
         expect(403, admin_halberstadt=302, admin_wernigerode=400),
         lambda w: _facility_data(w.facility_halberstadt, name="Busbahnhof Halberstadt"),
         grows("functions.Facility")),
    # --- win-win (issue 15): a partner's needs and offers are kept by its administrators ---
    get("winwin:profile", lambda w: [w.halberstadt.pk], expect(200)),
    get("winwin:profile_update", lambda w: [w.halberstadt.pk],
        expect(403, admin_halberstadt=200)),
    post("winwin:profile_update", lambda w: [w.halberstadt.pk],
         expect(403, admin_halberstadt=302),
         lambda w: {"strengths": "Klinikum mit Fachabteilungen", "weaknesses": "Kein ICE-Halt"},
         grows("winwin.PartnerProfile", "winwin.HistoricalPartnerProfile")),
    get("winwin:entry_create", lambda w: [w.halberstadt.pk, "angebot"],
        expect(403, admin_halberstadt=200)),
    post("winwin:entry_create", lambda w: [w.halberstadt.pk, "angebot"],
         expect(403, admin_halberstadt=302), _winwin_offer_data,
         grows("winwin.ProfileEntry", "winwin.HistoricalProfileEntry")),
    get("winwin:entry_detail", _winwin_entry_args("offer"), expect(200)),
    get("winwin:entry_update", _winwin_entry_args("offer"), expect(403, admin_halberstadt=200)),
    post("winwin:entry_update", _winwin_entry_args("offer"),
         expect(403, admin_halberstadt=302),
         lambda w: _winwin_offer_data(w, title="Gastspiele (erweitert)"),
         grows("winwin.HistoricalProfileEntry")),
    get("winwin:entry_delete", _winwin_entry_args("offer"), expect(403, admin_halberstadt=200)),
    post("winwin:entry_delete", _winwin_entry_args("offer"),
         expect(403, admin_halberstadt=302), done=grows("winwin.HistoricalProfileEntry")),
    get("winwin:area", _winwin_area, expect(200)),
    get("winwin:match_finding", _winwin_area, expect(405)),
    # The area's working group records a match as a draft finding; the board (the office
    # included) proposes it for the board's next meeting.
    post("winwin:match_finding", _winwin_match_area, expect(403, wg_member=302, wg_lead=302),
         _winwin_match, grows("workinggroups.Finding", "workinggroups.HistoricalFinding")),
    get("winwin:match_proposal", _winwin_area, expect(405)),
    post("winwin:match_proposal", _winwin_match_area, expect(403, office=302, **board(302)),
         _winwin_match, grows("meetings.AgendaProposal", "meetings.HistoricalAgendaProposal")),
    get("functions:facility_detail", lambda w: [w.facility_halberstadt.pk], expect(200)),
    get("functions:facility_update", lambda w: [w.facility_halberstadt.pk],
        expect(403, admin_halberstadt=200)),
    post("functions:facility_update", lambda w: [w.facility_halberstadt.pk],
         expect(403, admin_halberstadt=302),
         lambda w: _facility_data(w.facility_halberstadt), grows("functions.HistoricalFacility")),
    get("functions:facility_restore", _restore_args(lambda w: w.facility_halberstadt),
        expect(403, admin_halberstadt=200)),
    post("functions:facility_restore", _restore_args(lambda w: w.facility_halberstadt),
         expect(403, admin_halberstadt=302), done=grows("functions.HistoricalFacility")),
    # --- working groups: findings ---
    get("workinggroups:group_detail", lambda w: [w.working_group.pk], expect(200)),
    get("workinggroups:finding_list", lambda w: [], expect(200)),
    # Members of the group record and edit findings (wg_member and its lead wg_lead).
    get("workinggroups:finding_create", lambda w: [w.working_group.pk],
        expect(403, wg_member=200, wg_lead=200)),
    post("workinggroups:finding_create", lambda w: [w.working_group.pk],
         expect(403, wg_member=302, wg_lead=302),
         lambda w: {"type": "inventory", "title": "Bestand: Bahnsteige",
                    "text": "Drei von fünf Bahnsteigen sind barrierefrei.",
                    "function_area": w.working_group.function_area_id},
         grows("workinggroups.Finding")),
    get("workinggroups:finding_detail", lambda w: [w.agreed_finding.pk], expect(200)),
    get("workinggroups:finding_update", lambda w: [w.agreed_finding.pk],
        expect(403, wg_member=200, wg_lead=200)),
    post("workinggroups:finding_update", lambda w: [w.agreed_finding.pk],
         expect(403, wg_member=302, wg_lead=302),
         lambda w: _finding_data(w.agreed_finding), grows("workinggroups.HistoricalFinding")),
    # Status changes and comments are POSTs; a GET is "method not allowed" once let in.
    get("workinggroups:finding_status", lambda w: [w.agreed_finding.pk], expect(405)),
    # Reopening an agreed finding is for the lead (and the office, which may lead every
    # group); a plain member of the group is refused by the service (400).
    post("workinggroups:finding_status", lambda w: [w.agreed_finding.pk],
         expect(403, wg_lead=302, office=302, wg_member=400),
         lambda w: {"status": "discussion"}, grows("workinggroups.HistoricalFinding")),
    get("workinggroups:comment_create", lambda w: [w.agreed_finding.pk], expect(405)),
    # Everyone who sees a finding takes part in its discussion.
    post("workinggroups:comment_create", lambda w: [w.agreed_finding.pk], expect(302),
         lambda w: {"text": "Gibt es dazu Fahrgastzahlen?"},
         grows("workinggroups.FindingComment")),
    get("workinggroups:attachment_upload", lambda w: [w.agreed_finding.pk],
        expect(403, wg_member=200, wg_lead=200)),
    post("workinggroups:attachment_upload", lambda w: [w.agreed_finding.pk],
         expect(403, wg_member=302, wg_lead=302),
         lambda w: {"title": "Fahrplan", "file": _pdf()},
         grows("workinggroups.FindingAttachment")),
    get("workinggroups:attachment_download", _finding_attachment(lambda w: w.agreed_finding),
        expect(200)),
    # --- working groups: reports ---
    # The lead or the office writes a report (office: change_body on every body);
    # wg_member is a plain member of the group.
    get("workinggroups:report_create", lambda w: [w.working_group.pk],
        expect(403, office=200, wg_lead=200)),
    post("workinggroups:report_create", lambda w: [w.working_group.pk],
         expect(403, office=302, wg_lead=302),
         lambda w: {"period_from": _today().replace(day=1).isoformat(),
                    "period_until": _today().isoformat(), "summary": "Erste Ergebnisse.",
                    "findings": [w.agreed_finding.pk]},
         grows("workinggroups.WorkingGroupReport")),
    # An unsubmitted report is the group's working material: hidden (404) from everybody
    # outside the group and its lead/office; the office (which may lead every group)
    # and the lead submit it, a plain member may not (403). Submitted reports:
    # tests/workinggroups/test_reports.py.
    get("workinggroups:report_detail", lambda w: [_wg_report(w).pk],
        expect(404, wg_member=200, office=200, wg_lead=200)),
    get("workinggroups:report_submit", lambda w: [_wg_report(w).pk],
        expect(404, wg_member=403, office=200, wg_lead=200)),
    post("workinggroups:report_submit", lambda w: [_wg_report(w).pk],
         expect(404, wg_member=403, office=302, wg_lead=302),
         lambda w: {"target": "existing", "agenda_item": w.public_item.pk},
         grows("meetings.Paper", "workinggroups.HistoricalWorkingGroupReport")),
    # --- overview ---
    get("overview:overview", lambda w: [], expect(200)),
    get("overview:chapter_create", lambda w: [], expect(403, office=200)),
    post("overview:chapter_create", lambda w: [], expect(403, office=302),
         _chapter_data, grows("overview.ConceptChapter")),
    get("overview:chapter_detail", lambda w: [_chapter(w).pk], expect(200)),
    get("overview:chapter_update", lambda w: [_chapter(w).pk], expect(403, office=200)),
    post("overview:chapter_update", lambda w: [_chapter(w).pk], expect(403, office=302),
         lambda w: _chapter_data(w, title="Leitbild 2030", version=1),
         grows("overview.HistoricalConceptChapter")),
    get("overview:chapter_publish", lambda w: [_chapter(w).pk], expect(403, office=200)),
    post("overview:chapter_publish", lambda w: [_chapter(w).pk], expect(403, office=302),
         lambda w: {"version": 1}, grows("overview.HistoricalConceptChapter")),
    # --- meetings ---
    get("meetings:meeting_list", lambda w: [], expect(200)),
    get("meetings:meeting_create", lambda w: [w.board.pk], expect(403, office=200)),
    post("meetings:meeting_create", lambda w: [w.board.pk], expect(403, office=302),
         _new_meeting_data, grows("meetings.Meeting")),
    get("meetings:meeting_detail", lambda w: [w.meeting.pk], expect(200)),
    get("meetings:meeting_update", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:meeting_update", lambda w: [w.meeting.pk], expect(403, office=302),
         _meeting_data, grows("meetings.HistoricalMeeting")),
    get("meetings:meeting_cancel", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:meeting_cancel", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"reason": "Der Saal ist nicht verfügbar."},
         grows("meetings.HistoricalMeeting")),
    get("meetings:meeting_held", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:meeting_held", lambda w: [w.meeting.pk], expect(403, office=302),
         done=grows("meetings.HistoricalMeeting")),
    get("meetings:agenda_item_create", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:agenda_item_create", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"title": "Verschiedenes", "description": "", "is_public": "on",
                    "presenting_partner": "", "presenter": ""},
         grows("meetings.AgendaItem")),
    get("meetings:agenda_item_update", lambda w: [w.public_item.pk], expect(403, office=200)),
    post("meetings:agenda_item_update", lambda w: [w.public_item.pk], expect(403, office=302),
         lambda w: {"title": "Bericht der Geschäftsstelle und Aussprache", "description": "",
                    "is_public": "on", "presenting_partner": w.rpg.pk, "presenter": ""},
         grows("meetings.HistoricalAgendaItem")),
    # Moving is a POST; a GET is answered "method not allowed" once the user is let in.
    get("meetings:agenda_item_move", lambda w: [w.public_item.pk], expect(405)),
    post("meetings:agenda_item_move", lambda w: [w.public_item.pk], expect(403, office=302),
         lambda w: {"richtung": "runter"}, grows("meetings.HistoricalAgendaItem")),
    # The body's members propose items (deputy and chair are members of the board, and
    # so is the office); the office decides.
    get("meetings:proposal_create", lambda w: [w.meeting.pk],
        expect(403, office=200, **board(200))),
    post("meetings:proposal_create", lambda w: [w.meeting.pk],
         expect(403, office=302, **board(302)),
         lambda w: {"title": "Radverkehrskonzept", "description": "Bitte beraten.",
                    "is_public": "on"},
         grows("meetings.AgendaProposal")),
    get("meetings:proposal_decide", lambda w: [_proposal(w).pk], expect(403, office=200)),
    post("meetings:proposal_decide", lambda w: [_proposal(w).pk], expect(403, office=302),
         lambda w: {"outcome": "accept", "reason": ""},
         grows("meetings.HistoricalAgendaProposal", "meetings.AgendaItem")),
    get("meetings:attendance", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:attendance", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {f"status_{_seat(w, w.board_member).pk}": "excused"},
         grows("meetings.HistoricalAttendance")),
    get("meetings:quorum", lambda w: [w.meeting.pk], expect(200)),
    get("meetings:minutes_edit", lambda w: [w.public_item.pk], expect(403, office=200)),
    post("meetings:minutes_edit", lambda w: [w.public_item.pk], expect(403, office=302),
         lambda w: {"text": "Die Geschäftsstelle berichtet.", "version": "0"},
         grows("meetings.Minutes")),
    get("meetings:minutes_circulate", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:minutes_circulate", _draft_minutes, expect(403, office=302),
         done=grows("meetings.HistoricalMinutes")),
    get("meetings:minutes_approve", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:minutes_approve", _circulated, expect(403, office=302),
         lambda w: {"approved_on": _today().isoformat(), "approved_in": ""},
         grows("meetings.HistoricalMinutes", "meetings.HistoricalMeeting")),
    get("meetings:minutes_correction", lambda w: [_minutes(w).agenda_item_id],
        expect(403, office=200)),
    post("meetings:minutes_correction", _approved, expect(403, office=302),
         lambda w: {"text": "Es berichtete die Leiterin der Geschäftsstelle.",
                    "reason": "Name berichtigt"},
         grows("meetings.MinutesCorrection")),
    # --- meetings: papers ---
    get("meetings:paper_upload", lambda w: [w.meeting.pk], expect(403, office=200)),
    post("meetings:paper_upload", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"title": "Haushaltsplan", "agenda_item": w.public_item.pk,
                    "file": _pdf("haushalt.pdf")},
         grows("meetings.Paper")),
    get("meetings:paper_download", lambda w: [w.public_paper.pk], expect(200)),
    # Withholding a paper from publication (and releasing it): the office only.
    get("meetings:paper_withhold", lambda w: [w.public_paper.pk], expect(403, office=200)),
    post("meetings:paper_withhold", lambda w: [w.public_paper.pk], expect(403, office=302),
         lambda w: {"reason": "Enthält personenbezogene Daten"},
         grows("meetings.HistoricalPaper")),
    get("meetings:paper_release", _withheld_paper, expect(403, office=200)),
    post("meetings:paper_release", _withheld_paper, expect(403, office=302),
         done=grows("meetings.HistoricalPaper")),
    # --- meetings: calendar ---
    get("meetings:meeting_invite", lambda w: [w.meeting.pk], expect(403, office=200)),
    # The meeting is invited already: the office sends an update.
    post("meetings:meeting_invite", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"action": "update"}, grows("meetings.Invitation")),
    get("meetings:meeting_ics", lambda w: [w.meeting.pk], expect(200)),
    # The feed needs no login: the secret token in the address authenticates.
    get("meetings:calendar_feed", lambda w: [w.board_member.calendar_token], everyone(200)),
    # Every member renews their own feed address.
    get("meetings:calendar_settings", lambda w: [], expect(200)),
    post("meetings:calendar_settings", lambda w: [], expect(302), done=token_renewed),
    # --- meetings: decisions ---
    get("meetings:decision_list", lambda w: [], expect(200)),
    # The office records decisions; so does the chair (who may also decide without
    # quorum, with a reason).
    get("meetings:decision_create", lambda w: [w.public_item.pk],
        expect(403, office=200, chair=200)),
    post("meetings:decision_create", lambda w: [w.public_item.pk],
         expect(403, office=302, chair=302),
         lambda w: {"title": "Radverkehrskonzept beauftragen", "text": "Das Gremium beauftragt.",
                    "votes_yes": 2, "votes_no": 0, "votes_abstain": 0},
         grows("meetings.Decision")),
    get("meetings:decision_detail", lambda w: [w.decision.pk], expect(200)),
    # The office of the body or the lead of a commissioned working group (wg_member is a
    # plain member of the commissioned group).
    get("meetings:decision_progress", lambda w: [w.decision.pk],
        expect(403, office=200, wg_lead=200)),
    post("meetings:decision_progress", lambda w: [w.decision.pk],
         expect(403, office=302, wg_lead=302),
         lambda w: {"date": _today().isoformat(), "status": "in_progress",
                    "note": "Die Bestandsaufnahme hat begonnen."},
         grows("meetings.DecisionProgress")),
    # --- councils: consultations in the partners' councils ---
    get("councils:council_list", lambda w: [], expect(200)),
    # The office of the deciding body names the councils whose approval is needed.
    get("councils:requirement_create", lambda w: [w.decision.pk], expect(403, office=200)),
    post("councils:requirement_create", lambda w: [w.decision.pk], expect(403, office=302),
         lambda w: {"scope": "all", "rule": "all", "planned_date": _today().isoformat()},
         grows("councils.CouncilRequirement", "councils.Consultation")),
    get("councils:consultation_detail", _consultation(), expect(200)),
    # Only that partner's administrators (and the office) record its council's result:
    # Halberstadt's administrator may not record Wernigerode's.
    get("councils:consultation_record", _consultation(),
        expect(403, office=200, admin_wernigerode=200)),
    post("councils:consultation_record", _consultation(),
         expect(403, office=302, admin_wernigerode=302),
         _recorded_consultation,
         grows("councils.HistoricalConsultation")),
    get("councils:extract_download", _consultation(extract=True), expect(200)),
    # --- meetings: written procedures ---
    # The body's members and the office see a procedure (404 for everyone else, as for
    # a non-public item); the office starts and closes one; a seat's holder votes (the
    # deputy only after the holder's declared absence); a member or deputy objects.
    get("meetings:procedure_list", lambda w: [], expect(200)),
    get("meetings:procedure_create", lambda w: [w.board.pk], expect(403, office=200)),
    post("meetings:procedure_create", lambda w: [_allowing_written(w).pk],
         expect(403, office=302),
         lambda w: {"title": "Zuschuss", "text": "Das Gremium stimmt zu.", "kind": "ordinary",
                    "deadline": _local(timezone.now() + datetime.timedelta(days=7))},
         grows("meetings.WrittenProcedure", "meetings.WrittenVote")),
    get("meetings:procedure_detail", lambda w: [_procedure(w).pk],
        expect(404, office=200, **board(200))),
    get("meetings:procedure_vote", _procedure_seat,
        expect(404, office=403, board_member=200, deputy=403, chair=403)),
    post("meetings:procedure_vote", _procedure_seat,
         expect(404, office=403, board_member=302, deputy=403, chair=403),
         lambda w: {"choice": "yes"}, grows("meetings.HistoricalWrittenVote")),
    get("meetings:procedure_absence", _procedure_seat,
        expect(404, office=403, board_member=200, deputy=403, chair=403)),
    post("meetings:procedure_absence", _procedure_seat,
         expect(404, office=403, board_member=302, deputy=403, chair=403),
         lambda w: {}, grows("meetings.HistoricalWrittenVote")),
    get("meetings:procedure_objection", lambda w: [_procedure(w).pk],
        expect(404, office=403, **board(200))),
    post("meetings:procedure_objection", lambda w: [_procedure(w).pk],
         expect(404, office=403, **board(302)),
         lambda w: {"reason": "Das gehört in die Sitzung."},
         grows("meetings.HistoricalWrittenProcedure")),
    get("meetings:procedure_paper_upload", lambda w: [_procedure(w).pk],
        expect(404, office=200, **board(403))),
    post("meetings:procedure_paper_upload", lambda w: [_procedure(w).pk],
         expect(404, office=302, **board(403)),
         lambda w: {"title": "Lageplan", "file": _pdf("lageplan.pdf")},
         grows("meetings.ProcedurePaper")),
    get("meetings:procedure_paper_download", _procedure_paper,
        expect(404, office=200, **board(200))),
    # Closing before every seat voted and before the deadline: refused (409), nothing made.
    get("meetings:procedure_close", lambda w: [_procedure(w).pk],
        expect(404, office=200, **board(403))),
    post("meetings:procedure_close", lambda w: [_procedure(w).pk],
         expect(404, office=409, **board(403)), lambda w: {}),
    # --- accounts ---
    get("login", lambda w: [], {**everyone(302), ANON: 200}),
    # Anonymous users log in (here as board_member); logged-in users are sent on.
    post("login", lambda w: [], everyone(302),
         lambda w: {"username": w.board_member.username, "password": PASSWORD},
         logged_in_as_board_member_or_still_themselves),
    get("logout", lambda w: [], everyone(405)),
    post("logout", lambda w: [], everyone(302), done=logged_out),
    get("password_change", lambda w: [], expect(200, no_membership=200)),
    post("password_change", lambda w: [], expect(302, no_membership=302),
         lambda w: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                    "new_password2": NEW_PASSWORD},
         password_changed, passwords=True),
    get("password_change_done", lambda w: [], expect(200, no_membership=200)),
    get("password_reset", lambda w: [], everyone(200)),
    post("password_reset", lambda w: [], everyone(302),
         lambda w: {"email": w.board_member.email}, reset_mail_sent, passwords=True),
    # --- personal data (GDPR) ---
    # Everyone logged in downloads their own data, with or without a role.
    get("my_data", lambda w: [], expect(200, no_membership=200)),
    get("my_data_download", lambda w: [], expect(200, no_membership=200)),
    # Only the office anonymises people who have left.
    get("cooperation:departed_persons", lambda w: [], expect(403, office=200)),
    get("cooperation:person_anonymise", lambda w: [_departed(w).pk], expect(403, office=200)),
    post("cooperation:person_anonymise", lambda w: [_departed(w).pk], expect(403, office=302),
         lambda w: {"former_office": "ehem. Mitglied Kooperationsgremium", "confirm": "on",
                    "reason": "Amtszeit beendet."},
         grows("cooperation.PersonAnonymisation", "accounts.HistoricalUser")),
    get("password_reset_done", lambda w: [], everyone(200)),
    get("password_reset_confirm", lambda w: ["MQ", "invalid-token"], everyone(200)),
    # An invalid link changes no password, whoever posts to it.
    post("password_reset_confirm", lambda w: ["MQ", "invalid-token"], everyone(200),
         lambda w: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
         unchanged, passwords=True),
    get("password_reset_complete", lambda w: [], everyone(200)),
    # --- access: a person's own sessions; the office's access log ---
    get("access:session_list", lambda w: [], expect(200, no_membership=200)),
    # Only board_member's own (other) session can be ended, by board_member; it does not
    # exist for anybody else.
    get("access:session_end", _other_session, expect(404, board_member=200, no_membership=404)),
    post("access:session_end", _other_session,
         expect(404, board_member=302, no_membership=404),
         done=other_session_ended),
    get("access:session_end_others", lambda w: [], expect(200, no_membership=200)),
    post("access:session_end_others", lambda w: _other_session(w) and [],
         expect(302, no_membership=302), done=other_session_ended),
    get("access:event_list", lambda w: [], expect(403, office=200)),
    # The full-text search: every member of the cooperation (what each finds: tests/search).
    get("search:results", lambda w: [], expect(200)),
    # The second factor: every persona has passed it (log_in), so enrolment sends them on.
    get("second_factor", lambda w: [], expect(200, no_membership=200)),
    get("second_factor_setup", lambda w: [], expect(302, no_membership=302)),
    # The QR code exists only while setting up: everybody here has set up already.
    get("second_factor_qr", lambda w: [], expect(404, no_membership=404)),
    post("second_factor_setup", lambda w: [], expect(302, no_membership=302),
         lambda w: {"otp_token": "123456"}, unchanged),
    get("second_factor_verify", lambda w: [], expect(302, no_membership=302)),
    # A wrong code: refused, nothing written.
    post("second_factor_verify", lambda w: [], expect(400, no_membership=400),
         lambda w: {"otp_token": "000000x"}),
    get("second_factor_recovery_codes", lambda w: [], expect(200, no_membership=200)),
    post("second_factor_recovery_codes", lambda w: [], expect(302, no_membership=302),
         done=grows("otp_static.StaticToken")),
    # The office resets a second factor and lifts lock-outs, recorded with a reason.
    get("second_factor_reset_list", lambda w: [], expect(403, office=200)),
    get("second_factor_reset", lambda w: [w.board_member.pk], expect(403, office=200)),
    post("second_factor_reset", lambda w: [w.board_member.pk], expect(403, office=302),
         lambda w: {"reason": "Telefon verloren, telefonisch bestätigt."},
         grows("accounts.SecondFactorReset", "accounts.HistoricalSecondFactorReset")),
    get("lockout_list", lambda w: [], expect(403, office=200)),
    get("lockout_lift", _lockout, expect(403, office=200)),
    post("lockout_lift", _lockout, expect(403, office=302),
         lambda w: {"reason": "Anruf des Kontoinhabers."},
         grows("accounts.LockoutLift", "accounts.HistoricalLockoutLift")),
    # The floor page of bench_pages: any member; read-only (GET only).
    get("floor", lambda w: [], expect(200)),
    get("set_language", lambda w: [], everyone(302)),
    post("set_language", lambda w: [], everyone(302),
         lambda w: {"language": "en", "next": "/"}, english_chosen),
    # --- documents ---
    # Every member reads the council reports' public editions; the office builds reports.
    get("documents:report_list", lambda w: [], expect(200)),
    get("documents:report_create", lambda w: [], expect(403, office=200)),
    post("documents:report_create", lambda w: [], expect(403, office=302),
         lambda w: {"period_from": _today().replace(month=1, day=1).isoformat(),
                    "period_until": _today().isoformat(), "partner": "", "edition": "public",
                    "foreword": ""},
         grows("documents.Document")),
    get("documents:document_detail", _document("public"), expect(200)),
    get("documents:document_download", _document("public"), expect(200)),
    # The state a list row polls: read-only, the document's own gate.
    get("documents:document_state", _document("public", status="queued"), expect(200)),
    # Retrying is a POST; a GET is "method not allowed" once the user is let in.
    get("documents:document_retry", _document("public"), expect(405)),
    post("documents:document_retry", _document("public", status="failed"),
         expect(403, office=302), done=grows("documents.HistoricalDocument")),
    # A meeting's documents are built by whoever prepares its meetings: the office.
    get("documents:meeting_documents", lambda w: [w.meeting.pk], expect(200)),
    post("documents:meeting_documents", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"kind": "invitation", "edition": "public"}, grows("documents.Document")),
    # --- public pages: no login, the same for every persona; only what is published ---
    get("public:home", lambda w: [], everyone(200)),
    get("public:body_detail", lambda w: [w.board.pk], everyone(200)),
    get("public:meeting_list", lambda w: [], everyone(200)),
    get("public:meeting_detail", lambda w: [w.meeting.pk], everyone(200)),
    get("public:paper_download", lambda w: [w.public_paper.pk], everyone(200)),
    get("public:decision_list", lambda w: [], everyone(200)),
    get("public:decision_detail", lambda w: [w.decision.pk], everyone(200)),
    get("public:matrix", lambda w: [], everyone(200)),
    get("public:finding_list", lambda w: [], everyone(200)),
    get("public:finding_detail", lambda w: [w.agreed_finding.pk], everyone(200)),
    get("public:concept", lambda w: [], everyone(200)),
    get("public:chapter_detail", _published_chapter, everyone(200)),
    get("public:report_list", lambda w: [], everyone(200)),
    get("public:report_download", _document("public"), everyone(200)),
    get("public:search", lambda w: [], everyone(200)),
    # --- OParl and the feeds: the same public answer for everyone. They take no POST
    # (no POST rows, see the test below); tests/oparl/test_api.py checks the 405. ---
    get("oparl:system", lambda w: [], everyone(200)),
    get("oparl:list", lambda w: ["meeting"], everyone(200)),
    get("oparl:object", lambda w: ["meeting", w.meeting.pk], everyone(200)),
    get("oparl:meeting_calendar", lambda w: [], everyone(200)),
    get("oparl:meeting_feed", lambda w: [], everyone(200)),
    get("oparl:decision_feed", lambda w: [], everyone(200)),
    # --- legal: public texts and feedback for everybody; the office edits and reads ---
    get("legal:imprint", lambda w: [], everyone(200)),
    get("legal:privacy", lambda w: [], everyone(200)),
    get("legal:accessibility", lambda w: [], everyone(200)),
    get("legal:feedback", lambda w: [], everyone(200)),
    post("legal:feedback", lambda w: [], everyone(302),
         lambda w: {"message": "Das PDF der Einladung ist nicht lesbar.", "name": "",
                    "email": "", "page_address": "", "website": ""},
         grows("legal.AccessibilityFeedback", "legal.HistoricalAccessibilityFeedback")),
    get("legal:text_list", lambda w: [], expect(403, office=200)),
    get("legal:text_update", lambda w: ["impressum"], expect(403, office=200)),
    post("legal:text_update", lambda w: ["impressum"], expect(403, office=302),
         lambda w: {"title": "Impressum", "text": "Geschäftsstelle IMPULS", "version": "0"},
         grows("legal.LegalText", "legal.HistoricalLegalText")),
    get("legal:text_history", _legal_text, expect(403, office=200)),
    get("legal:feedback_list", lambda w: [], expect(403, office=200)),
    get("legal:feedback_answer", _feedback, expect(403, office=200)),
    post("legal:feedback_answer", _feedback, expect(403, office=302),
         lambda w: {"note": "Per E-Mail beantwortet."},
         grows("legal.HistoricalAccessibilityFeedback")),
    *PRIORITY_ROUNDS,
    *PARTICIPATION,
    *PARTICIPATION_PARTICIPANTS,
]

# Cross-partner rows: the other partner's records are off limits for editing.
CROSS_PARTNER = [
    # A need of Wernigerode: only Wernigerode's administrator keeps it (the office neither).
    get("winwin:entry_update", _winwin_entry_args("need", "wernigerode"),
        expect(403, admin_wernigerode=200)),
    post("winwin:entry_update", _winwin_entry_args("need", "wernigerode"),
         expect(403, admin_wernigerode=302),
         lambda w: {"central_function": w.facility_halberstadt.central_function_id,
                    "title": "Abendverkehr", "description": "", "urgency": "2"},
         grows("winwin.HistoricalProfileEntry")),
    post("winwin:entry_delete", _winwin_entry_args("need", "wernigerode"),
         expect(403, admin_wernigerode=302), done=grows("winwin.HistoricalProfileEntry")),
    post("winwin:profile_update", lambda w: [w.wernigerode.pk],
         expect(403, admin_wernigerode=302),
         lambda w: {"strengths": "Hochschule Harz", "weaknesses": ""},
         grows("winwin.HistoricalPartnerProfile")),
    post("winwin:entry_create", lambda w: [w.wernigerode.pk, "bedarf"],
         expect(403, admin_wernigerode=302),
         lambda w: {"central_function": w.facility_halberstadt.central_function_id,
                    "title": "Abendverkehr", "description": "", "urgency": "1"},
         grows("winwin.ProfileEntry")),
    get("cooperation:partner_update", lambda w: [w.wernigerode.pk],
        expect(403, admin_wernigerode=200, office=200)),
    post("cooperation:partner_update", lambda w: [w.wernigerode.pk],
         expect(403, admin_wernigerode=302, office=302),
         lambda w: _partner_data(w.wernigerode), grows("cooperation.HistoricalPartner")),
    get("functions:facility_update", lambda w: [w.facility_wernigerode.pk],
        expect(403, admin_wernigerode=200)),
    # Only Wernigerode's administrator changes a facility located in Wernigerode.
    post("functions:facility_update", lambda w: [w.facility_wernigerode.pk],
         expect(403, admin_wernigerode=302),
         lambda w: _facility_data(w.facility_wernigerode, city="Wernigerode"),
         grows("functions.HistoricalFacility")),
    get("cooperation:body_detail", lambda w: [w.working_group.body.pk], expect(200)),
    get("cooperation:membership_create", lambda w: [w.working_group.body.pk],
        expect(403, office=200)),
    post("cooperation:membership_create", lambda w: [w.working_group.body.pk],
         expect(403, office=302),
         lambda w: {"user": w.board_member.pk, "role": "member", "partner": w.halberstadt.pk,
                    "deputy_for": "", "valid_from": _today().isoformat(), "valid_until": ""},
         grows("cooperation.Membership")),
    get("meetings:calendar_feed", lambda w: ["x" * 43], everyone(404)),
]

# Every OParl list and object type, and what it must not serve, for every persona.
OPARL = [
    *(
        get("oparl:list", lambda w, kind=kind: [kind], everyone(200))
        for kind in (
            "body", "organization", "person", "membership", "legislativeterm", "meeting",
            "location", "agendaitem", "paper", "consultation", "file",
        )
    ),
    get("oparl:object", lambda w: ["body", "impuls"], everyone(200)),
    get("oparl:object", lambda w: ["organization", f"gremium-{w.board.pk}"], everyone(200)),
    get("oparl:object", lambda w: ["organization", f"partner-{w.halberstadt.pk}"],
        everyone(200)),
    get("oparl:object", lambda w: ["agendaitem", w.public_item.pk], everyone(200)),
    get("oparl:object", lambda w: ["paper", w.public_paper.pk], everyone(200)),
    get("oparl:object", lambda w: ["file", w.public_paper.pk], everyone(200)),
    get("oparl:object", lambda w: ["consultation", w.public_paper.pk], everyone(200)),
    get("oparl:object", lambda w: ["location", w.meeting.pk], everyone(200)),
    # Non-public and withheld content is not there, for members neither.
    get("oparl:object", lambda w: ["agendaitem", w.confidential_item.pk], everyone(404)),
    get("oparl:object", lambda w: ["paper", w.confidential_paper.pk], everyone(404)),
    get("oparl:object", lambda w: ["file", w.confidential_paper.pk], everyone(404)),
    get("oparl:object", _withheld_paper_oparl, everyone(404)),
    get("oparl:object", lambda w: ["meeting", 10**9], everyone(404)),
    get("oparl:list", lambda w: ["nothing"], everyone(404)),
]

# Non-public content: changed by the office only, hidden from those outside the body.
CONFIDENTIAL = [
    # The councils of a decision on a non-public item: those who see the decision.
    get("councils:consultation_detail", _consultation(_confidential_decision),
        expect(404, office=200, **board(200))),
    get("councils:consultation_record", _consultation(_confidential_decision),
        expect(404, office=200, **board(403))),
    post("councils:consultation_record", _consultation(_confidential_decision),
         expect(404, office=302, **board(403)), _recorded_consultation,
         grows("councils.HistoricalConsultation")),
    get("councils:extract_download", _consultation(_confidential_decision, extract=True),
        expect(404, office=200, **board(200))),
    # Nothing unpublished exists on the public pages, for anyone, members included.
    get("public:participation_detail", _participation(_opened_procedure), everyone(404)),
    get("public:participation_detail", _participation(_decided_procedure), everyone(404)),
    get("public:participation_table", _participation(_decided_procedure), everyone(404)),
    get("public:participation_statement", _participation(_opened_procedure), everyone(404)),
    post("public:participation_statement", _participation(_opened_procedure), everyone(404),
         lambda w: {"name": "Erika Mustermann", "email": "erika@example.org", "chapter": "",
                    "text": "Mehr Busse am Abend."}),
    # A draft procedure is the office's; a draft statement the participant's (404 for all
    # here, the office included: participants' drafts are never on the internal pages).
    get("participation:procedure_detail", _participation(_draft_procedure),
        expect(404, office=200)),
    get("participation:statement_list", _participation(_draft_procedure),
        expect(404, office=200)),
    get("participation:statement_detail", _participation(_draft_statement), expect(404)),
    get("public:body_detail", lambda w: [10**9], everyone(404)),
    get("public:paper_download", lambda w: [w.confidential_paper.pk], everyone(404)),
    get("public:paper_download", _withheld_paper, everyone(404)),
    get("public:finding_detail", lambda w: [w.draft_finding.pk], everyone(404)),
    get("public:chapter_detail", lambda w: [_chapter(w).pk], everyone(404)),
    get("public:report_download", _document("internal"), everyone(404)),
    get("public:report_download", _document("public", status="failed"), everyone(404)),
    # A draft finding (and its attachment) is seen by the group's members only: not by
    # the office (not a member of the group), board members or partner administrators.
    get("workinggroups:finding_detail", lambda w: [w.draft_finding.pk],
        expect(404, wg_member=200, wg_lead=200)),
    get("workinggroups:finding_update", lambda w: [w.draft_finding.pk],
        expect(404, wg_member=200, wg_lead=200)),
    post("workinggroups:finding_update", lambda w: [w.draft_finding.pk],
         expect(404, wg_member=302, wg_lead=302),
         lambda w: _finding_data(w.draft_finding), grows("workinggroups.HistoricalFinding")),
    # Members share their draft for discussion.
    post("workinggroups:finding_status", lambda w: [w.draft_finding.pk],
         expect(404, wg_member=302, wg_lead=302),
         lambda w: {"status": "discussion"}, grows("workinggroups.HistoricalFinding")),
    post("workinggroups:comment_create", lambda w: [w.draft_finding.pk],
         expect(404, wg_member=302, wg_lead=302),
         lambda w: {"text": "Bitte noch die Abendverbindungen ergänzen."},
         grows("workinggroups.FindingComment")),
    post("workinggroups:attachment_upload", lambda w: [w.draft_finding.pk],
         expect(404, wg_member=302, wg_lead=302),
         lambda w: {"title": "Fahrplan", "file": _pdf()},
         grows("workinggroups.FindingAttachment")),
    get("workinggroups:attachment_download", _finding_attachment(lambda w: w.draft_finding),
        expect(404, wg_member=200, wg_lead=200)),
    # A non-public agenda item: the board's members see it (403 on changing it), the
    # office changes it, everyone else is told it does not exist.
    get("meetings:agenda_item_update", lambda w: [w.confidential_item.pk],
        expect(404, office=200, **board(403))),
    post("meetings:agenda_item_update", lambda w: [w.confidential_item.pk],
         expect(404, office=302, **board(403)),
         lambda w: {"title": "Personalangelegenheit der Geschäftsstelle", "description": "",
                    "presenting_partner": "", "presenter": ""},
         grows("meetings.HistoricalAgendaItem")),
    get("meetings:minutes_edit", lambda w: [w.confidential_item.pk],
        expect(404, office=200, **board(403))),
    post("meetings:minutes_edit", lambda w: [w.confidential_item.pk],
         expect(404, office=302, **board(403)),
         lambda w: {"text": "Vertraulich beraten.", "version": "0"}, grows("meetings.Minutes")),
    get("meetings:paper_download", lambda w: [w.confidential_paper.pk],
        expect(404, office=200, **board(200))),
    get("meetings:paper_withhold", lambda w: [w.confidential_paper.pk],
        expect(404, office=200, **board(403))),
    post("meetings:paper_withhold", lambda w: [w.confidential_paper.pk],
         expect(404, office=302, **board(403)),
         lambda w: {"reason": "Enthält personenbezogene Daten"},
         grows("meetings.HistoricalPaper")),
    # The members' edition of a council report holds every non-public board item: the
    # office only. A meeting's members' edition: those who see the body's non-public items.
    get("documents:document_detail", _document("internal"), expect(404, office=200)),
    get("documents:document_download", _document("internal"), expect(404, office=200)),
    get("documents:document_state", _document("internal"), expect(404, office=200)),
    post("documents:document_retry", _document("internal", status="failed"),
         expect(404, office=302), done=grows("documents.HistoricalDocument")),
    post("documents:meeting_documents", lambda w: [w.meeting.pk], expect(403, office=302),
         lambda w: {"kind": "invitation", "edition": "internal"}, grows("documents.Document")),
]

INTERNAL_MEETING = expect(404, office=200, **board(200))

# A meeting's documents: the public edition for everyone who sees meetings, the members'
# edition for the body's members and the office (who also build them).
MEETING_DOCUMENTS = [
    get("documents:document_detail", _document("internal", meeting=True), INTERNAL_MEETING),
    get("documents:document_download", _document("internal", meeting=True), INTERNAL_MEETING),
    get("documents:document_state", _document("internal", meeting=True), INTERNAL_MEETING),
    post("documents:document_retry", _document("internal", meeting=True, status="failed"),
         expect(404, office=302, **board(403)), done=grows("documents.HistoricalDocument")),
]
PUBLIC_MEETING_DOCUMENTS = [
    get("documents:document_detail", _document("public", meeting=True), expect(200)),
    get("documents:document_download", _document("public", meeting=True), expect(200)),
    get("documents:document_state", _document("public", meeting=True), expect(200)),
    post("documents:document_retry", _document("public", meeting=True, status="failed"),
         expect(403, office=302), done=grows("documents.HistoricalDocument")),
]
# fmt: on

TABLES = {
    "": MATRIX,
    "cross-partner:": CROSS_PARTNER,
    "confidential:": CONFIDENTIAL,
    "meeting-document:": MEETING_DOCUMENTS,
    "public-meeting-document:": PUBLIC_MEETING_DOCUMENTS,
    "oparl:": OPARL,
    "participation-others:": PARTICIPATION_OTHERS,
}

# Django's own admin is for technical administrators (is_staff) only.
EXCLUDED_NAMESPACES = {"admin"}


def log_in(client, user):
    """What `client.force_login` leaves behind, a session naming the user, without the
    login signal: the personas' rights are in sync, and syncing them again for each of
    the matrix's requests took a third of its time. (The login row logs in for real.)
    The session has passed the second factor, as after login step 2."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    verify_session(session, user)  # and passed the second factor just now
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def _cases():
    for prefix, table in TABLES.items():
        for row in table:
            method = "" if row.method == GET else "POST:"
            for persona in PERSONAS:
                yield pytest.param(row, persona, id=f"{prefix}{method}{row.name}-{persona}")


def _state(row):
    return {"db": db_state(), **({"passwords": passwords()} if row.passwords else {})}


def _changes(before, after):
    return {
        key: (before["db"][key], after["db"][key])
        for key in before["db"]
        if before["db"][key] != after["db"][key]
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "persona"), list(_cases()))
def test_it_answers_each_persona_as_specified(client, world, row, persona):
    url = reverse(row.name, args=row.args(world))
    if persona != ANON:
        log_in(client, world.personas[persona])
    expected = row.statuses[persona]
    if row.method == GET:
        response = client.get(url)
    else:
        data = row.data(world)
        before = _state(row)
        response = client.post(url, data)
        after = _state(row)
    if expected == LOGIN:
        assert response.status_code == 302, (url, persona, response.status_code)
        assert response.url.startswith(reverse("login")), response.url
    else:
        assert response.status_code == expected, (url, persona, response.status_code)
    if row.method == GET:
        return
    if expected in REFUSED:
        # Refused: nothing written, not even a history entry.
        assert after == before, _changes(before, after)
    else:
        assert row.done is not None, "a POST row says how to see that the write happened"
        row.done(Outcome(world, persona, client, response, before, after))


def _url_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _url_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def _accepts_post(view) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return True  # a function view: assume it takes a POST unless shown otherwise
    return "post" in view_class.http_method_names and hasattr(view_class, "post")


def test_every_url_has_rows_in_the_matrix():
    patterns = dict(_url_patterns())
    rows = {(row.name, row.method) for row in MATRIX}
    missing = set(patterns) - {name for name, method in rows if method == GET}
    assert not missing, f"URLs without a GET row in the permission matrix: {sorted(missing)}"
    takes_post = {name for name, view in patterns.items() if _accepts_post(view)}
    missing = takes_post - {name for name, method in rows if method == POST}
    assert not missing, f"URLs taking POST without a POST row in the matrix: {sorted(missing)}"
    assert {name for name, _method in rows} <= set(patterns), "Rows for URLs that no longer exist"
    for table in TABLES.values():
        for row in table:
            assert set(row.statuses) == set(PERSONAS), row.name
            assert row.method == GET or row.name in takes_post, row.name
    assert len(rows) == len(MATRIX), "one row per URL and method in MATRIX"
