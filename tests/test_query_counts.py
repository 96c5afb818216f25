"""Pinned query counts: each list and detail page runs the same number of queries
with 1 and with 30 rows. A change in a number is a conscious decision in review."""

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from meetings import services as meeting_services
from meetings.models import MeetingStatus

from . import factories as f


def _grow_partners(world, n):
    for _ in range(n):
        f.PartnerFactory()


def _grow_partner_detail(world, n):
    for i in range(n):
        f.FacilityFactory(partner=world.halberstadt)
        user = f.UserFactory()
        f.staff(user, world.halberstadt, position=f"Referent:in {i}")
        f.membership(user, world.board, Role.GUEST, partner=world.halberstadt)
        world.halberstadt.population = 40000 + i
        world.halberstadt.save()


def _grow_clauses(world, n):
    for i in range(n):
        f.ClauseFactory(contract=world.contract, position=100 + i)
        world.contract.parties.add(f.PartnerFactory())


def _grow_bodies(world, n):
    for _ in range(n):
        f.WorkingGroupFactory()


def _grow_members(world, n):
    for _ in range(n):
        f.membership(f.UserFactory(), world.board, Role.MEMBER, partner=world.wernigerode)


def _grow_rules_history(world, n):
    """n changes of the board's rules of procedure, every other one of its quorum rule
    (which the page reads from the body's history)."""
    from cooperation import services as cooperation_services

    majorities = ["simple", "absolute_of_seats", "two_thirds_of_votes"]
    for i in range(n):
        data = {"majority_ordinary": majorities[i % 3]}
        if i % 2:
            data["quorum_rule"] = ["none", "majority"][i // 2 % 2]
        cooperation_services.rules_of_procedure_update(
            body=world.board, data=data, actor=world.office
        )


def _allow_written(world):
    from cooperation import services as cooperation_services
    from cooperation.models import Body

    # A fresh body: the shared one may cache rules of a rolled-back savepoint.
    cooperation_services.rules_of_procedure_update(
        body=Body.objects.get(pk=world.board.pk),
        data={"written_procedure_allowed": True},
        actor=world.office,
    )


def _start_procedure(world, title="Umlauf"):
    _allow_written(world)
    return meeting_services.procedure_start(
        body=world.board,
        title=title,
        text="Das Gremium stimmt zu.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        kind="ordinary",
        actor=world.office,
    )


def _grow_procedures(world, n):
    for i in range(n):
        _start_procedure(world, title=f"Umlauf {i}")


def _grow_board_seats(world, n):
    """n more voting seats of the board (the procedure started afterwards asks them
    all), half of them with a deputy."""
    for i in range(n):
        seat = f.membership(f.UserFactory(), world.board, Role.MEMBER, partner=world.wernigerode)
        if i % 2:
            f.membership(f.UserFactory(), world.board, Role.DEPUTY_MEMBER, deputy_for=seat)


def _procedure_with_votes(world):
    procedure = _start_procedure(world)
    for vote in list(procedure.votes.select_related("seat__user"))[:-1]:
        meeting_services.procedure_vote(
            procedure=procedure, vote=vote, choice="yes", actor=vote.seat.user
        )
    return [procedure.pk]


def _grow_facilities(world, n):
    for _ in range(n):
        f.FacilityFactory(partner=world.halberstadt)


def _grow_functions(world, n):
    for _ in range(n):
        f.FacilityFactory(partner=world.wernigerode, central_function=f.CentralFunctionFactory())


def _grow_facility_history(world, n):
    facility = world.facility_halberstadt
    for i in range(n):
        facility.notes = f"Stand {i}"
        facility.save()


def _grow_dashboard(world, n):
    for i in range(n):
        body = f.BodyFactory()
        f.membership(world.board_member, body, Role.MEMBER, partner=world.halberstadt)
        f.FacilityFactory(partner=world.halberstadt, name=f"Neu {i}")
        f.MeetingFactory(body=body)
    for i in range(n):
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item,
            title=f"Beschluss {i}",
            text="Die Geschäftsstelle wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10),
            actor=world.office,
        )


def _grow_decisions(world, n):
    for i in range(n):
        meeting_services.decision_record(
            item=world.public_item if i % 3 else world.confidential_item,
            title=f"Auftrag {i}",
            text="Die Arbeitsgruppe wird beauftragt.",
            votes_yes=1,
            commissioned_groups=[world.working_group.body, f.WorkingGroupFactory().body],
            due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10),
            actor=world.office,
        )


def _grow_decision_progress(world, n):
    statuses = ["in_progress", "open"]
    for i in range(n):
        meeting_services.decision_progress_add(
            decision=world.decision,
            note=f"Zwischenstand {i}",
            status=statuses[i % 2],
            actor=world.office,
        )


def _grow_feed(world, n):
    for i in range(n):
        meeting = f.MeetingFactory(body=world.board, title=f"Sitzung {i}")
        f.AgendaItemFactory(meeting=meeting, position=1)
        f.AgendaItemFactory(meeting=meeting, position=2, is_public=False)


def _grow_meetings(world, n):
    for _ in range(n):
        f.MeetingFactory(body=world.board)


def _grow_meeting_page(world, n):
    for i in range(n):
        item = meeting_services.agenda_item_create(
            meeting=world.meeting, title=f"Punkt {i}", is_public=i % 2 == 0, actor=world.office
        )
        f.PaperFactory(meeting=world.meeting, agenda_item=item, uploaded_by=world.office)
        meeting_services.minutes_save(
            item=item, text=f"Protokoll {i}", expected_version=0, actor=world.office
        )
        if item.is_public:
            meeting_services.decision_record(
                votes_yes=1,
                item=item,
                title=f"Beschluss {i}",
                text="Beschlossen.",
                actor=world.office,
            )
        meeting_services.proposal_create(
            meeting=world.meeting,
            proposed_by=world.board_member,
            title=f"Vorschlag {i}",
            actor=world.board_member,
        )


def _grow_report(world, n):
    """A submitted report with n agreed findings and n commissioned tasks."""
    from workinggroups import services as wg_services
    from workinggroups.models import FindingStatus, FindingType

    findings = []
    for i in range(n):
        finding = wg_services.finding_create(
            group=world.working_group,
            author=world.wg_member,
            type=FindingType.INVENTORY,
            title=f"Bestand {i}",
            text="Ein Befund.",
            function_area=world.working_group.function_area,
            actor=world.wg_member,
        )
        finding.status = FindingStatus.AGREED
        finding.save()
        findings.append(finding)
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item,
            title=f"Auftrag {i}",
            text="Die AG wird beauftragt.",
            commissioned_groups=[world.working_group.body],
            actor=world.office,
        )
    report = wg_services.report_create(
        group=world.working_group,
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 3, 31),
        summary="Zusammenfassung",
        findings=findings,
        actor=world.office,
    )
    wg_services.report_submit(report=report, agenda_item=world.public_item, actor=world.office)


def _grow_findings(world, n):
    """Findings for discussion (visible to the board member who loads the page)."""
    from workinggroups import services as wg_services
    from workinggroups.models import FindingStatus, FindingType

    group = world.working_group
    function = f.CentralFunctionFactory(area=group.function_area)
    for i in range(n):
        finding = wg_services.finding_create(
            group=group,
            author=world.wg_member,
            type=list(FindingType)[i % 4],
            title=f"Befund {i}",
            text="Zwischen den Orten fehlen Verbindungen.",
            function_area=group.function_area,
            central_function=function if i % 2 else None,
            facilities=[world.facility_halberstadt],
            partners=[world.halberstadt],
            actor=world.wg_member,
        )
        wg_services.finding_set_status(
            finding=finding, status=FindingStatus.DISCUSSION, actor=world.wg_member, as_lead=False
        )


def _grow_finding_page(world, n):
    from workinggroups import services as wg_services

    finding = world.agreed_finding
    for i in range(n):
        wg_services.comment_add(finding=finding, author=world.board_member, text=f"Frage {i}")
        finding.facilities.add(
            f.FacilityFactory(central_function=world.facility_halberstadt.central_function)
        )
        finding.title = f"Empfehlung, Fassung {i}"
        finding.save()


def _grow_matrix(world, n):
    """Functions with facilities, and findings for discussion in the matrix's cells."""
    _grow_functions(world, n)
    _grow_findings(world, n)


def _grow_overview(world, n):
    """Findings, decisions (some overdue, some non-public), concept chapters and board
    meetings held this year (the attendance picture)."""
    from overview import services as overview_services

    _grow_findings(world, n)
    year = timezone.localdate().year
    for i in range(n):
        held = datetime.datetime(year, 1, 1 + i % 28, 10, tzinfo=datetime.UTC)
        f.MeetingFactory(body=world.board, status=MeetingStatus.HELD, starts_at=held, ends_at=held)
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item if i % 3 else world.confidential_item,
            title=f"Auftrag {i}",
            text="Die Arbeitsgruppe wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=i % 20 - 10),
            actor=world.office,
        )
        overview_services.chapter_create(
            position=i + 1,
            title=f"Kapitel {i}",
            text="Die Partner sichern die Funktionen gemeinsam.",
            function_areas=[world.working_group.function_area, f.FunctionAreaFactory()],
            findings=[world.agreed_finding],
            actor=world.office,
        )


def _grow_chapter(world, n):
    """One chapter citing n agreed findings, saved in n versions."""
    from overview import services as overview_services
    from workinggroups import services as wg_services
    from workinggroups.models import FindingStatus

    findings = []
    for i in range(n):
        finding = wg_services.finding_create(
            group=world.working_group,
            author=world.wg_member,
            type=world.agreed_finding.type,
            title=f"Empfehlung {i}",
            text="Ein Befund.",
            function_area=world.working_group.function_area,
            actor=world.wg_member,
        )
        finding.status = FindingStatus.AGREED
        finding.save()
        findings.append(finding)
    chapter = overview_services.chapter_create(
        position=1,
        title="Leitbild",
        text="Text",
        function_areas=[world.working_group.function_area],
        findings=findings,
        actor=world.office,
    )
    for i in range(n):
        overview_services.chapter_update(
            chapter=chapter,
            data={"text": f"Fassung {i}"},
            expected_version=chapter.version,
            actor=world.office,
        )


def _concept_chapter(world):
    from overview.models import ConceptChapter

    return ConceptChapter.objects.get()


def _add_document(world, *, meeting=None, edition="public", status="done"):
    from documents.models import Document, DocumentKind

    return Document.objects.create(
        kind=DocumentKind.INVITATION if meeting else DocumentKind.COUNCIL_REPORT,
        edition=edition,
        title="Bericht",
        meeting=meeting,
        partner=world.halberstadt if meeting is None else None,
        period_from=None if meeting else datetime.date(2026, 1, 1),
        period_until=None if meeting else datetime.date(2026, 12, 31),
        requested_by=f.UserFactory(),
        generated_at=timezone.now(),
        status=status,
    )


def _grow_reports(world, n):
    for i in range(n):
        _add_document(world, status=["done", "queued", "failed"][i % 3])


def _grow_meeting_documents(world, n):
    for i in range(n):
        _add_document(world, meeting=world.meeting, edition=["public", "internal"][i % 2])


def _first_report(world):
    from documents.models import Document

    return Document.objects.council_reports().order_by("pk").first() or _add_document(world)


def _grow_consultations(world, n):
    """n decisions, each needing the councils of Halberstadt and Wernigerode."""
    from councils.services import requirement_create

    for i in range(n):
        decision = meeting_services.decision_record(
            item=world.public_item,
            title=f"Vertragsänderung {i}",
            text="Die Räte stimmen der Änderung zu.",
            votes_yes=1,
            actor=world.office,
        )
        requirement_create(
            decision=decision,
            scope="named",
            partners=[world.halberstadt, world.wernigerode],
            planned_date=timezone.localdate() + datetime.timedelta(days=i % 20 - 10),
            actor=world.office,
        )


def _first_consultation(world):
    from councils.models import Consultation
    from councils.services import requirement_create

    consultation = Consultation.objects.filter(partner=world.wernigerode).order_by("pk").first()
    if consultation is None:
        requirement_create(decision=world.decision, scope="all", actor=world.office)
        consultation = Consultation.objects.get(partner=world.wernigerode)
    return consultation


def _grow_consultation_page(world, n):
    """The consultation's extracts and history, and more partners' councils asked."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from councils.services import consultation_record

    consultation = _first_consultation(world)
    for i in range(n):
        consultation_record(
            consultation=consultation,
            data={
                "council_name": consultation.council_name,
                "planned_date": timezone.localdate() + datetime.timedelta(days=i),
                "status": "on_agenda",
                "resolution_number": "",
                "resolution_date": None,
                "note": f"Vorlage {i}",
            },
            extract=SimpleUploadedFile(f"auszug{i}.pdf", f.PDF_BYTES),
            actor=world.office,
        )
        partner = f.PartnerFactory(kind="town", status="associated")
        consultation.requirement.consultations.create(partner=partner, council_name=f"Rat {i}")


def _grow_priority_rounds(world, n):
    from tests.priorities.helpers import open_round

    for i in range(n):
        open_round(world, title=f"Runde {i}")


def _the_round(world):
    """The latest priority round, or a new one."""
    from priorities.models import PriorityRound
    from tests.priorities.helpers import open_round

    return PriorityRound.objects.order_by("pk").last() or open_round(world)


def _grow_ballot_history(world, n):
    """An ended round whose Halberstadt ballot was changed n times."""
    from tests.priorities.helpers import cast, end

    round_ = _the_round(world)
    for i in range(n):
        cast(round_, world.board_member, [10 - i % 10, i % 10, 0, 0])
    end(round_)


def _grow_priority_ballots(world, n):
    """An ended round with n more partners on the board, each with its ballot, and the
    Halberstadt ballot changed n times."""
    from tests.priorities.helpers import cast, end

    seats = []
    for _ in range(n):
        user = f.UserFactory()
        f.membership(user, world.board, Role.MEMBER, partner=f.PartnerFactory())
        seats.append(user)
    round_ = _the_round(world)
    for i, user in enumerate(seats):
        cast(round_, user, [10 - i % 10, i % 10, 0, 0])
    for i in range(n):
        cast(round_, world.board_member, [i % 10, 10 - i % 10, 0, 0])
    end(round_)


def _latest_round(world):
    return [_the_round(world).pk]


def _ended_latest_round(world):
    from tests.priorities.helpers import end

    return [end(_the_round(world)).pk]


def _grow_winwin_entries(world, n):
    """n needs and n offers of n other partners in the group's area (n × n matches), and
    entries of Halberstadt's in functions of other areas."""
    from winwin import services

    function = world.facility_halberstadt.central_function
    for i in range(n):
        partner = f.PartnerFactory()
        services.entry_create(
            partner=partner, kind="offer", central_function=function,
            title=f"Angebot {i}", capacity=f"{i} Plätze", actor=world.office,
        )  # fmt: skip
        services.entry_create(
            partner=f.PartnerFactory(), kind="need", central_function=function,
            title=f"Bedarf {i}", urgency=str(1 + i % 3), actor=world.office,
        )  # fmt: skip
        services.entry_create(
            partner=world.halberstadt, kind=("need", "offer")[i % 2],
            central_function=f.CentralFunctionFactory() if i % 3 else function,
            title=f"Eintrag {i}", urgency="2" if i % 2 == 0 else "", actor=world.office,
        )  # fmt: skip
    services.profile_save(
        partner=world.halberstadt, strengths="Klinikum", weaknesses="", actor=world.office
    )


def _winwin_entry(world):
    from winwin import services

    return services.entry_create(
        partner=world.halberstadt, kind="offer",
        central_function=world.facility_halberstadt.central_function,
        title="Bahnsteigkapazität", actor=world.admin_halberstadt,
    )  # fmt: skip


def _grow_entry_history(world, n):
    entry = _winwin_entry(world)
    for i in range(n):
        entry.capacity = f"{i} Züge"
        entry._history_user = world.admin_halberstadt
        entry.save()


# --- participation procedures (issue 15) ---


def _the_procedure(world, **kw):
    """The latest participation procedure (put out unless opened=False), or a new one."""
    from participation.models import ParticipationProcedure
    from tests.participation import office_helpers as h

    opened = kw.get("opened", True)
    existing = ParticipationProcedure.objects.filter(opened_at__isnull=not opened).last()
    return existing or h.procedure(world, **kw)


def _grow_participation_procedures(world, n):
    from tests.participation import office_helpers as h

    for i in range(n):
        h.procedure(world, title=f"Verfahren {i}", opened=i % 3 != 1)


def _grow_statements(world, n):
    """n submitted statements on the latest procedure, by n participants, every other one
    weighed and with an attachment, and n table builds."""
    from participation.models import WeighingTable
    from tests.participation import office_helpers as h

    procedure = _the_procedure(world)
    chapters = list(procedure.chapters.order_by("position"))
    for i in range(n):
        who = h.participant(world, procedure, organisation=f"Gemeinde {i}")
        statement = h.statement(
            procedure, participant=who, chapter=chapters[i % len(chapters)], text=f"Text {i}"
        )
        if i % 2:
            h.weigh(world, statement)
            h.attachment(statement, who.user)
        WeighingTable.objects.create(procedure=procedure, requested_by=world.office)


def _latest_procedure(world):
    return [_the_procedure(world).pk]


def _latest_draft(world):
    from tests.participation import office_helpers as h

    h.concept(world)
    return [_the_procedure(world, opened=False).pk]


def _ended_procedure(world):
    from tests.participation import office_helpers as h

    return [h.end(_the_procedure(world)).pk]


def _procedure_on_agenda(world):
    from tests.participation import office_helpers as h

    procedure = h.end(_the_procedure(world))
    item = h.on_agenda(world, procedure)
    meeting_services.decision_record(
        item=item, title="Abwägung", text="Beschlossen.", votes_yes=1, actor=world.office
    )
    return [procedure.pk]


def _decided_procedure(world):
    from tests.participation import office_helpers as h

    procedure = h.end(_the_procedure(world))
    for statement in procedure.statements.submitted().filter(weighing=None):
        h.weigh(world, statement)
    h.on_agenda(world, procedure)
    return [h.decide(world, procedure).pk]


def _latest_statement(world):
    from tests.participation import office_helpers as h

    procedure = _the_procedure(world)
    statement = procedure.statements.submitted().order_by("-number").first()
    if statement is None:
        statement = h.statement(procedure, participant=h.participant(world, procedure))
    return [statement.pk]


# Every logged-in request: django-otp's middleware loads the device the session was
# verified with (so that a reset second factor ends verified sessions at once); not on
# the pages reachable without the second factor (the calendar feed).
SECOND_FACTOR = 1

PAGES = {
    # name: (url args, how to add rows, pinned number of queries). A page whose gates
    # ask for the user's bodies reads them in one query of its own, once per permission
    # (cooperation.middleware.RememberedBodiesMiddleware), so that its statements carry
    # ids instead of permission subqueries. A detail page's history names the related
    # objects the page has loaded already without a query (core.history).
    # + the user's bodies, read once for every gate (the statements then carry their ids);
    # the recent changes of all nine tracked models in one statement, + the people named;
    # the decisions due and how many there are in all in one statement (a window count);
    # the bodies of both permissions the dashboard's gates ask for read at once; the next
    # meetings with the user's own attendance in one statement
    "overview:dashboard": (lambda w: [], _grow_dashboard, 12),
    "cooperation:partner_list": (lambda w: [], _grow_partners, 6),
    "cooperation:partner_detail": (lambda w: [w.halberstadt.pk], _grow_partner_detail, 12),
    "cooperation:contract": (lambda w: [], _grow_clauses, 12),
    "cooperation:body_list": (lambda w: [], _grow_bodies, 5),
    "cooperation:body_detail": (lambda w: [w.board.pk], _grow_members, 10),
    # as the body page, but instead of the members: the body with its rules (one
    # join), the rules' history and the body's (for the quorum rule's changes), each
    # with its users joined; at most 20 entries, however long the history
    "cooperation:rules_of_procedure": (lambda w: [w.board.pk], _grow_rules_history, 11),
    "functions:catalogue": (lambda w: [], _grow_functions, 7),
    "workinggroups:matrix": (lambda w: [], _grow_matrix, 11),
    "functions:facility_list": (lambda w: [], _grow_facilities, 10),
    "functions:facility_detail": (
        lambda w: [w.facility_halberstadt.pk],
        _grow_facility_history,
        9,
    ),
    # --- working-group pages ---
    # The decisions are counted once per year and status, overdue among them, for the
    # key figures and the picture of decisions per year (1 query); + the board's
    # attendance per partner this year (3: the meetings held, their seats, their
    # attendance); the chapters with their areas' ids joined in (the areas are the key
    # figures' own)
    "overview:overview": (lambda w: [], _grow_overview, 14),
    # The history's records are read once, the rows of both its many-to-many fields in
    # one query, and the cited findings' titles (which the user may see) name them there.
    "overview:chapter_detail": (lambda w: [_concept_chapter(w).pk], _grow_chapter, 11),
    # Every object permission of the user on bodies is read in one query
    # (core.backends.prefetch_all_object_permissions): the group's body, the deciding
    # and the commissioned bodies, who sees the drafts and who leads, and the user's
    # bodies of the visible decisions; the latest meetings and reports come with
    # their count (a window), the upcoming and the past meetings in one query, and the
    # most urgent open tasks with the progress bar's counts of every task (windows).
    "workinggroups:group_detail": (lambda w: [w.working_group.pk], _grow_findings, 14),
    # + the function and partner filters' choices (functions per area, partners)
    "workinggroups:finding_list": (lambda w: [], _grow_findings, 11),
    # Whether the user sees the finding comes from the rights on its group's body,
    # which the page reads anyway (no read of the user's bodies), in one statement; the
    # attachments are read only when the finding has any (its row says so; here none);
    # the history's many-to-many rows (facilities, partners) in one query.
    "workinggroups:finding_detail": (lambda w: [w.agreed_finding.pk], _grow_finding_page, 12),
    "workinggroups:report_detail": (
        lambda w: [w.working_group.reports.get().pk],
        _grow_report,
        15,
    ),
    # --- meetings pages ---
    "meetings:meeting_list": (lambda w: [], _grow_meetings, 8),
    # The body's rights are read once for every gate, in one statement (body_rights
    # shares the user's object-permission cache, core.backends.object_permissions); the
    # voting seats come without their deputies (the page shows none); the minutes'
    # corrections are read only when the meeting has any (the meeting's row says so, as
    # whether it has proposals: here it has).
    "meetings:meeting_detail": (lambda w: [w.meeting.pk], _grow_meeting_page, 14),
    # 8 with the test's login cookie: the session's time-outs are checked on every
    # request that carries one (a calendar program sends none: 7).
    "meetings:calendar_feed": (
        lambda w: [w.board_member.calendar_token],
        _grow_feed,
        8,
    ),
    "meetings:decision_list": (lambda w: [], _grow_decisions, 9),
    # the procedures with their bodies and decisions, the seats and votes counted
    "meetings:procedure_list": (lambda w: [], _grow_procedures, 7),
    # the procedure, its votes with their seats, deputies, voters, its papers; the
    # body's rules, the user's objecting membership, the history; the same for 1 seat
    # or 31
    "meetings:procedure_detail": (_procedure_with_votes, _grow_board_seats, 14),
    # the history's many-to-many rows (not voting, commissioned groups) in one query;
    # the rights on the body in one statement; the seats that did not vote and the
    # commissioned groups only when the decision's row says it has any (here: groups)
    "meetings:decision_detail": (lambda w: [w.decision.pk], _grow_decision_progress, 12),
    # --- councils pages ---
    # + the partners of the filter, the partners the user records for (one query)
    "councils:council_list": (lambda w: [], _grow_consultations, 9),
    # + the extracts, the decision's other councils, the history section
    "councils:consultation_detail": (
        lambda w: [_first_consultation(w).pk],
        _grow_consultation_page,
        11,
    ),
    # --- win-win (issue 15) ---
    # the partner, its profile, a page of its entries (+ their count), the profile's
    # history (its records, and the acting users)
    "winwin:profile": (lambda w: [w.halberstadt.pk], _grow_winwin_entries, 13),
    # the area, its functions; the matches (count, a page, the page's offers); the first
    # offers and needs, each with its count (a window); the user's groups there and the
    # next board meeting
    "winwin:area": (lambda w: [w.working_group.function_area_id], _grow_winwin_entries, 14),
    "winwin:entry_detail": (
        lambda w: [w.halberstadt.profile_entries.order_by("pk").first().pk],
        _grow_entry_history,
        9,
    ),
    # --- personal data: the page, and the download (one query or a fixed few per section) ---
    "my_data": (lambda w: [], _grow_finding_page, 4),
    # + the access log section and the access log's record of the export; + the
    # councils' section (the minutes extracts uploaded) and the priority rounds' (the
    # ballots cast), one query each; + the participation procedures' (participations,
    # statements), two
    "my_data_download": (lambda w: [], _grow_finding_page, 26),
    # --- documents pages ---
    "documents:report_list": (lambda w: [], _grow_reports, 6),
    "documents:document_detail": (lambda w: [_first_report(w).pk], _grow_reports, 5),
    "documents:document_state": (lambda w: [_first_report(w).pk], _grow_reports, 5),
    "documents:meeting_documents": (lambda w: [w.meeting.pk], _grow_meeting_documents, 9),
    # --- priority rounds ---
    "priorities:round_list": (lambda w: [], _grow_priority_rounds, 6),
    # the round, its topics, its ballots, the board's seats, the user's seat, the
    # ballots' history (count and the latest rows)
    "priorities:round_detail": (_latest_round, _grow_priority_ballots, 11),
    "priorities:ballot": (_latest_round, _grow_priority_rounds, 8),
    # --- participation procedures (issue 15) ---
    # the procedures put out with their counts of statements (submitted, weighed)
    "participation:procedure_list": (lambda w: [], _grow_participation_procedures, 6),
    # the procedure with its counts, its chapters with theirs, the statements on the
    # whole concept, the latest table builds and their number
    "participation:procedure_detail": (_latest_procedure, _grow_statements, 9),
    # the procedure, its chapters (the filter), a page of statements and their count
    "participation:statement_list": (_latest_procedure, _grow_statements, 8),
    # the statement with its procedure, participant, chapter and weighing; the attachments
    "participation:statement_detail": (_latest_statement, _grow_statements, 6),
}


# Issue 3 asks for the meeting page and the decision list to be pinned with 50 rows.
ROWS = {
    "meetings:meeting_detail": (1, 50),
    "meetings:decision_list": (1, 50),
    "workinggroups:group_detail": (1, 100),
    "workinggroups:finding_list": (1, 100),
    "workinggroups:matrix": (1, 100),
}
CASES = [(name, rows) for name in PAGES for rows in ROWS.get(name, (1, 30))]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rows"), CASES)
def test_it_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, name, rows):
    args, grow, pinned = PAGES[name]
    grow(world, rows)
    client.force_login(world.board_member)
    url = reverse(name, args=args(world))
    # Content types are cached per process; start cold so the count does not
    # depend on which tests ran before.
    ContentType.objects.clear_cache()
    if name not in settings.SECOND_FACTOR_EXEMPT_URLS:
        pinned += SECOND_FACTOR
    with django_assert_num_queries(pinned):
        response = client.get(url)
    assert response.status_code == 200


# --- the office's publication pages (issue 11): pinned as the office ---


def _grow_withheld_papers(world, n):
    """n papers on the meeting, every other one withheld (the office's paper list shows
    the reason), and the meeting page's other rows."""
    _grow_meeting_page(world, n)
    for i, paper in enumerate(world.meeting.papers.order_by("pk")):
        if i % 2 == 0:
            meeting_services.paper_withhold(paper=paper, reason=f"Grund {i}", actor=world.office)


def _withheld_public_paper(world):
    meeting_services.paper_withhold(paper=world.public_paper, reason="Namen", actor=world.office)
    return [world.public_paper.pk]


OFFICE_PAGES = {
    "meetings:meeting_detail": (lambda w: [w.meeting.pk], _grow_withheld_papers, 14),
    "meetings:paper_withhold": (lambda w: [w.public_paper.pk], _grow_withheld_papers, 5),
    "meetings:paper_release": (_withheld_public_paper, _grow_withheld_papers, 5),
    "overview:chapter_publish": (lambda w: [_concept_chapter(w).pk], _grow_chapter, 5),
    "councils:requirement_create": (lambda w: [w.decision.pk], _grow_partners, 6),
    "councils:consultation_record": (
        lambda w: [_first_consultation(w).pk],
        _grow_consultation_page,
        5,
    ),
    # The office's forms of the priority rounds (+ the function areas' choices).
    "priorities:round_create": (lambda w: [], _grow_priority_rounds, 5),
    # + the round and its topics
    "priorities:round_update": (_latest_round, _grow_priority_rounds, 7),
    "priorities:round_close": (_latest_round, _grow_priority_rounds, 5),
    # + the next board meeting
    "priorities:result_paper": (_ended_latest_round, _grow_priority_ballots, 6),
    # The office's pages of the participation procedures.
    "participation:procedure_create": (lambda w: [], _grow_participation_procedures, 4),
    "participation:procedure_update": (_latest_draft, _grow_participation_procedures, 5),
    "participation:procedure_open": (_latest_draft, _grow_participation_procedures, 5),
    "participation:weighing": (_latest_statement, _grow_statements, 5),
    # + the board and its upcoming meetings (the choices)
    "participation:procedure_agenda": (_ended_procedure, _grow_statements, 8),
    # + the adopted decisions on the procedure's item (the choices)
    "participation:procedure_decision": (_procedure_on_agenda, _grow_statements, 7),
    "participation:table_request": (_latest_procedure, _grow_statements, 5),
    "participation:procedure_publish": (_decided_procedure, _grow_statements, 5),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rows"), [(n, r) for n in OFFICE_PAGES for r in (1, 30)])
def test_the_offices_publication_pages_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name, rows
):
    args, grow, pinned = OFFICE_PAGES[name]
    grow(world, rows)
    client.force_login(world.office)
    url = reverse(name, args=args(world))
    ContentType.objects.clear_cache()
    with django_assert_num_queries(pinned + SECOND_FACTOR):
        response = client.get(url)
    assert response.status_code == 200
    if name == "meetings:meeting_detail":
        assert "zurückgehalten: Grund 0" in response.content.decode()


# --- the participation procedure: the participants' pages (as the participant persona),
# the office's participants page (as the office) and the invitation link (anonymous) ---


def _mine(world):
    """world.participant's participation in a running procedure (made once)."""
    from participation.models import Participant
    from tests.participation.participant_helpers import opened_procedure, participant_of

    found = Participant.objects.filter(user=world.participant).order_by("pk").first()
    return found or participant_of(opened_procedure(world), world.participant)


def _my_procedure(world):
    return [_mine(world).procedure_id]


def _my_statement(world):
    """world.participant's draft with an attachment."""
    from participation.models import Statement
    from participation.services import attachment_add
    from tests.participation.participant_helpers import draft

    mine = _mine(world)
    statement = Statement.objects.filter(participant=mine, status="draft").first()
    if statement is None:
        statement = draft(mine)
        attachment_add(
            statement=statement,
            title="Karte",
            uploaded_file=_pdf_upload(),
            actor=world.participant,
        )
    return [statement.pk]


def _my_attachment(world):
    from participation.models import StatementAttachment

    return [StatementAttachment.objects.filter(statement_id=_my_statement(world)[0]).first().pk]


def _pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("karte.pdf", f.PDF_BYTES, content_type="application/pdf")


def _grow_my_procedures(world, n):
    from tests.participation.participant_helpers import draft, opened_procedure, participant_of

    for i in range(n):
        procedure = opened_procedure(world, title=f"Verfahren {i}")
        draft(participant_of(procedure, world.participant))


def _grow_my_statements(world, n):
    """n of world.participant's statements (every other one submitted and weighed), the
    board having decided, and n statements of another participant."""
    from tests.participation.participant_helpers import (
        decide,
        draft,
        participant_of,
        submitted,
        weigh,
    )

    mine = _mine(world)
    other = participant_of(mine.procedure, organisation="Stadt Thale")
    for i in range(n):
        if i % 2:
            weigh(submitted(mine, 2 * i + 1), world)
        else:
            draft(mine)
        submitted(other, 2 * i + 2)
    decide(mine.procedure, world)


def _grow_chapters_put_out(world, n):
    from participation.models import ProcedureChapter

    procedure = _mine(world).procedure
    for i in range(n):
        ProcedureChapter.objects.create(
            procedure=procedure, chapter_version=1, position=100 + i, title=f"K {i}", text="T"
        )


def _grow_participants(world, n):
    from tests.participation.participant_helpers import participant_of, submitted

    procedure = _mine(world).procedure
    for i in range(n):
        submitted(participant_of(procedure, organisation=f"Gemeinde {i}"), 100 + i)


def _participant_row(world):
    from participation.models import Participant

    return [Participant.objects.filter(procedure=_mine(world).procedure).order_by("pk").first().pk]


PARTICIPANT_PAGES = {
    # Every page: the group check (once a request, core.permissions.is_participant_account)
    # and the member check of the header (the user's and the groups' permissions).
    # + the participations with their counts and the page's count
    "participation:my_procedures": (lambda w: [], _grow_my_procedures, 7),
    # + the participation (gate, with the procedure), the statements' count and page
    # (with chapter and weighing), the chapters put out
    "participation:my_procedure": (_my_procedure, _grow_my_statements, 9),
    # + the gate (participation, procedure), the chapters for the choice
    "participation:my_statement_create": (_my_procedure, _grow_chapters_put_out, 7),
    # + the gate (statement with procedure, chapter, weighing), its attachments
    "participation:my_statement": (_my_statement, _grow_my_statements, 7),
    "participation:my_statement_update": (_my_statement, _grow_chapters_put_out, 7),
    "participation:my_statement_attachment": (_my_statement, _grow_chapters_put_out, 6),
    "participation:my_statement_submit": (_my_statement, _grow_chapters_put_out, 6),
    "participation:my_statement_delete": (_my_statement, _grow_chapters_put_out, 6),
    # + the attachment through its statement's gate (a file response: no template)
    "participation:my_attachment_download": (_my_attachment, _grow_chapters_put_out, 4),
    # + the attachment through its statement's gate (with the statement and procedure)
    "participation:my_attachment_delete": (_my_attachment, _grow_chapters_put_out, 6),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rows"), [(n, r) for n in PARTICIPANT_PAGES for r in (1, 30)])
def test_the_participants_pages_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name, rows
):
    args, grow, pinned = PARTICIPANT_PAGES[name]
    args(world)
    grow(world, rows)
    client.force_login(world.participant)
    url = reverse(name, args=args(world))
    ContentType.objects.clear_cache()
    with django_assert_num_queries(pinned + SECOND_FACTOR):
        response = client.get(url)
    assert response.status_code == 200


PARTICIPATION_OFFICE_PAGES = {
    # the office's permissions, the procedure's gate, the participants' count and page
    # (with account, inviting account and the statements' count)
    "participation:participant_list": (_my_procedure, _grow_participants, 7),
    # + the participant row with its procedure and account
    "participation:participant_resend": (_participant_row, _grow_participants, 5),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "rows"), [(n, r) for n in PARTICIPATION_OFFICE_PAGES for r in (1, 30)]
)
def test_the_offices_participants_pages_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name, rows
):
    args, grow, pinned = PARTICIPATION_OFFICE_PAGES[name]
    args(world)
    grow(world, rows)
    client.force_login(world.office)
    url = reverse(name, args=args(world))
    ContentType.objects.clear_cache()
    with django_assert_num_queries(pinned + SECOND_FACTOR):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
def test_the_invitation_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    from accounts.invitations import invitation_create

    for _i in range(rows):
        invitation_create(f.UserFactory(), actor=world.office)
    token = invitation_create(f.participant_account(), actor=world.office)
    # the invitation with its account (no session, no second factor: nobody is logged in)
    with django_assert_num_queries(1):
        response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 200
