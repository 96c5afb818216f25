"""Every URL of the portal × every persona, with the status each must get.

The test at the bottom fails when a URL pattern exists without rows here, so a
new view cannot be added without deciding who may open it.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meetings.models import AgendaProposal, Minutes

ANON = "anonymous"
PERSONAS = [
    ANON,
    "admin_halberstadt",
    "admin_wernigerode",
    "board_member",
    "office",
    "wg_member",
    "wg_lead",
    "other_wg_member",
    "no_membership",
]
MEMBERS = [
    "admin_halberstadt",
    "admin_wernigerode",
    "board_member",
    "office",
    "wg_member",
    "wg_lead",
    "other_wg_member",
]
LOGIN = "login-redirect"


def expect(default, **overrides):
    """Statuses per persona: anonymous users go to login unless stated otherwise."""
    statuses = {ANON: LOGIN, "no_membership": 403}
    statuses.update(dict.fromkeys(MEMBERS, default))
    statuses.update(overrides)
    return statuses


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def _proposal(world):
    return AgendaProposal.objects.create(
        meeting=world.meeting, proposed_by=world.board_member, title="Radverkehrskonzept"
    )


def _minutes(world):
    return Minutes.objects.create(agenda_item=world.public_item, text="Bericht zur Kenntnis.")


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


def _document(edition, *, meeting=False):
    """A finished document (council report, or the meeting's invitation) with a real PDF."""

    def args(world):
        from django.core.files.base import ContentFile
        from django.utils import timezone

        from documents.models import Document, DocumentKind, DocumentStatus
        from tests.factories import PDF_BYTES

        document = Document(
            kind=DocumentKind.INVITATION if meeting else DocumentKind.COUNCIL_REPORT,
            edition=edition,
            title="Dokument",
            meeting=world.meeting if meeting else None,
            period_from=None if meeting else datetime.date(2026, 1, 1),
            period_until=None if meeting else datetime.date(2026, 12, 31),
            requested_by=world.office,
            generated_at=timezone.now(),
            status=DocumentStatus.DONE,
            sha256="0" * 64,
            parameters={"file_name": "dokument.pdf"},
        )
        document.file.save("dokument.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
        return [document.pk]

    return args


def _restore_args(obj):
    return lambda w: [obj(w).pk, obj(w).history.earliest().history_id]


def _finding_attachment(finding):
    """An attachment (a real PDF) on the world's finding `finding(world)`."""

    def args(world):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.factories import PDF_BYTES
        from workinggroups.services import attachment_add

        upload = SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")
        attachment = attachment_add(
            finding=finding(world), title="Plan", uploaded_file=upload, actor=world.wg_member
        )
        return [attachment.pk]

    return args


MATRIX = {
    # url name: (args from the world, statuses per persona)
    "overview:dashboard": (lambda w: [], expect(200, no_membership=200)),
    "cooperation:partner_list": (lambda w: [], expect(200)),
    "cooperation:partner_detail": (lambda w: [w.halberstadt.pk], expect(200)),
    "cooperation:partner_update": (
        lambda w: [w.halberstadt.pk],
        expect(403, admin_halberstadt=200, office=200),
    ),
    "cooperation:partner_restore": (
        _restore_args(lambda w: w.halberstadt),
        expect(403, admin_halberstadt=200, office=200),
    ),
    "cooperation:contract": (lambda w: [], expect(200)),
    "cooperation:contract_document": (lambda w: [w.contract.pk], expect(200)),
    "cooperation:contract_restore": (_restore_args(lambda w: w.contract), expect(403, office=200)),
    "cooperation:body_list": (lambda w: [], expect(200)),
    "cooperation:body_detail": (lambda w: [w.board.pk], expect(200)),
    "cooperation:body_restore": (_restore_args(lambda w: w.board), expect(403, office=200)),
    "cooperation:body_update": (lambda w: [w.board.pk], expect(403, office=200)),
    "cooperation:membership_create": (lambda w: [w.board.pk], expect(403, office=200)),
    "cooperation:membership_end": (
        lambda w: [w.board.pk, w.board.memberships.get(user=w.board_member).pk],
        expect(403, office=200),
    ),
    "cooperation:phase_create": (lambda w: [], expect(403, office=200)),
    "functions:catalogue": (lambda w: [], expect(200)),
    "workinggroups:matrix": (lambda w: [], expect(200)),
    "functions:facility_list": (lambda w: [], expect(200)),
    "functions:facility_create": (
        lambda w: [],
        expect(403, admin_halberstadt=200, admin_wernigerode=200),
    ),
    "functions:facility_detail": (lambda w: [w.facility_halberstadt.pk], expect(200)),
    "functions:facility_update": (
        lambda w: [w.facility_halberstadt.pk],
        expect(403, admin_halberstadt=200),
    ),
    "functions:facility_restore": (
        _restore_args(lambda w: w.facility_halberstadt),
        expect(403, admin_halberstadt=200),
    ),
    # findings rows
    "workinggroups:group_detail": (lambda w: [w.working_group.pk], expect(200)),
    "workinggroups:finding_list": (lambda w: [], expect(200)),
    # Members of the group record and edit findings (wg_member; nobody else is a member).
    "workinggroups:finding_create": (
        lambda w: [w.working_group.pk],
        expect(403, wg_member=200, wg_lead=200),
    ),
    "workinggroups:finding_detail": (lambda w: [w.agreed_finding.pk], expect(200)),
    "workinggroups:finding_update": (
        lambda w: [w.agreed_finding.pk],
        expect(403, wg_member=200, wg_lead=200),
    ),
    # Status changes and comments are POSTs; a GET is "method not allowed" once let in.
    "workinggroups:finding_status": (lambda w: [w.agreed_finding.pk], expect(405)),
    "workinggroups:comment_create": (lambda w: [w.agreed_finding.pk], expect(405)),
    "workinggroups:attachment_upload": (
        lambda w: [w.agreed_finding.pk],
        expect(403, wg_member=200, wg_lead=200),
    ),
    "workinggroups:attachment_download": (
        _finding_attachment(lambda w: w.agreed_finding),
        expect(200),
    ),
    # reports rows
    # The lead or the office writes a report (office: change_body on every body); the world
    # has no lead, and wg_member is a plain member of the group.
    "workinggroups:report_create": (
        lambda w: [w.working_group.pk],
        expect(403, office=200, wg_lead=200),
    ),
    # An unsubmitted report is the group's working material: hidden (404) from everybody
    # outside the group – including the office, which the gate does not let in – and not
    # submittable by a plain member (403). Submitted reports: tests/workinggroups/test_reports.py.
    # An unsubmitted report: the group's members and its lead/office see it; the office
    # (which may lead every group) submits it.
    "workinggroups:report_detail": (
        lambda w: [_wg_report(w).pk],
        expect(404, wg_member=200, office=200, wg_lead=200),
    ),
    "workinggroups:report_submit": (
        lambda w: [_wg_report(w).pk],
        expect(404, wg_member=403, office=200, wg_lead=200),
    ),
    # overview rows
    "overview:overview": (lambda w: [], expect(200)),
    "overview:chapter_create": (lambda w: [], expect(403, office=200)),
    "overview:chapter_detail": (lambda w: [_chapter(w).pk], expect(200)),
    "overview:chapter_update": (lambda w: [_chapter(w).pk], expect(403, office=200)),
    # meetings rows
    "meetings:meeting_list": (lambda w: [], expect(200)),
    "meetings:meeting_create": (lambda w: [w.board.pk], expect(403, office=200)),
    "meetings:meeting_detail": (lambda w: [w.meeting.pk], expect(200)),
    "meetings:meeting_update": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:meeting_cancel": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:meeting_held": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:agenda_item_create": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:agenda_item_update": (lambda w: [w.public_item.pk], expect(403, office=200)),
    # Moving is a POST; a GET is answered "method not allowed" once the user is let in.
    "meetings:agenda_item_move": (lambda w: [w.public_item.pk], expect(405)),
    "meetings:proposal_create": (
        lambda w: [w.meeting.pk],
        expect(403, board_member=200, office=200),
    ),
    "meetings:proposal_decide": (lambda w: [_proposal(w).pk], expect(403, office=200)),
    "meetings:attendance": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:quorum": (lambda w: [w.meeting.pk], expect(200)),
    "meetings:minutes_edit": (lambda w: [w.public_item.pk], expect(403, office=200)),
    "meetings:minutes_circulate": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:minutes_approve": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:minutes_correction": (
        lambda w: [_minutes(w).agenda_item_id],
        expect(403, office=200),
    ),
    # papers rows
    "meetings:paper_upload": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:paper_download": (lambda w: [w.public_paper.pk], expect(200)),
    # calendar rows
    "meetings:meeting_invite": (lambda w: [w.meeting.pk], expect(403, office=200)),
    "meetings:meeting_ics": (lambda w: [w.meeting.pk], expect(200)),
    # The feed needs no login: the secret token in the address authenticates.
    "meetings:calendar_feed": (lambda w: [w.board_member.calendar_token], everyone(200)),
    "meetings:calendar_settings": (lambda w: [], expect(200)),
    # decisions rows
    "meetings:decision_list": (lambda w: [], expect(200)),
    "meetings:decision_create": (lambda w: [w.public_item.pk], expect(403, office=200)),
    "meetings:decision_detail": (lambda w: [w.decision.pk], expect(200)),
    # The office of the body or the lead of a commissioned working group (wg_member is a
    # plain member of the commissioned group).
    "meetings:decision_progress": (lambda w: [w.decision.pk], expect(403, office=200, wg_lead=200)),
    "login": (lambda w: [], {**everyone(302), ANON: 200, "no_membership": 302}),
    "logout": (lambda w: [], everyone(405)),
    "password_change": (lambda w: [], expect(200, no_membership=200)),
    "password_change_done": (lambda w: [], expect(200, no_membership=200)),
    "password_reset": (lambda w: [], everyone(200)),
    "password_reset_done": (lambda w: [], everyone(200)),
    "password_reset_confirm": (lambda w: ["MQ", "invalid-token"], everyone(200)),
    "password_reset_complete": (lambda w: [], everyone(200)),
    "set_language": (lambda w: [], everyone(302)),
    # documents rows
    # Every member reads the council reports' public editions; the office builds reports.
    "documents:report_list": (lambda w: [], expect(200)),
    "documents:report_create": (lambda w: [], expect(403, office=200)),
    "documents:document_detail": (_document("public"), expect(200)),
    "documents:document_download": (_document("public"), expect(200)),
    # Retrying is a POST; a GET is "method not allowed" once the user is let in.
    "documents:document_retry": (_document("public"), expect(405)),
    "documents:meeting_documents": (lambda w: [w.meeting.pk], expect(200)),
}

# Cross-partner rows: the other partner's records are off limits for editing.
CROSS_PARTNER = {
    "cooperation:partner_update": (
        lambda w: [w.wernigerode.pk],
        expect(403, admin_wernigerode=200, office=200),
    ),
    "functions:facility_update": (
        lambda w: [w.facility_wernigerode.pk],
        expect(403, admin_wernigerode=200),
    ),
    "cooperation:body_detail": (lambda w: [w.working_group.body.pk], expect(200)),
    "cooperation:membership_create": (lambda w: [w.working_group.body.pk], expect(403, office=200)),
    "meetings:calendar_feed": (lambda w: ["x" * 43], everyone(404)),
}

# A non-public agenda item: changed by the office only, hidden from other bodies.
CONFIDENTIAL = {
    # A draft finding (and its attachment) is seen by the group's members only: not by
    # the office (not a member of the group), board members or partner administrators.
    "workinggroups:finding_detail": (
        lambda w: [w.draft_finding.pk],
        expect(404, wg_member=200, wg_lead=200),
    ),
    "workinggroups:finding_update": (
        lambda w: [w.draft_finding.pk],
        expect(404, wg_member=200, wg_lead=200),
    ),
    "workinggroups:attachment_download": (
        _finding_attachment(lambda w: w.draft_finding),
        expect(404, wg_member=200, wg_lead=200),
    ),
    "meetings:agenda_item_update": (
        lambda w: [w.confidential_item.pk],
        expect(
            403,
            office=200,
            board_member=403,
            wg_member=404,
            wg_lead=404,
            other_wg_member=404,
            admin_halberstadt=404,
            admin_wernigerode=404,
        ),
    ),
    "meetings:minutes_edit": (
        lambda w: [w.confidential_item.pk],
        expect(404, office=200, board_member=403),
    ),
    "meetings:paper_download": (
        lambda w: [w.confidential_paper.pk],
        expect(404, board_member=200, office=200),
    ),
    # The members' edition of a council report holds every non-public board item: the
    # office only. A meeting's members' edition: those who see the body's non-public items.
    "documents:document_detail": (_document("internal"), expect(404, office=200)),
    "documents:document_download": (_document("internal"), expect(404, office=200)),
}

INTERNAL_MEETING = expect(404, board_member=200, office=200)


# A meeting's documents: the public edition for everyone who sees meetings, the members'
# edition for the body's members and the office (who also build them).
MEETING_DOCUMENTS = {
    "documents:document_detail": (_document("internal", meeting=True), INTERNAL_MEETING),
    "documents:document_download": (_document("internal", meeting=True), INTERNAL_MEETING),
}
PUBLIC_MEETING_DOCUMENTS = {
    "documents:document_detail": (_document("public", meeting=True), expect(200)),
    "documents:document_download": (_document("public", meeting=True), expect(200)),
}

# Django's own admin is for technical administrators (is_staff) only.
EXCLUDED_NAMESPACES = {"admin"}


def _cases():
    tables = {
        "": MATRIX,
        "cross-partner:": CROSS_PARTNER,
        "confidential:": CONFIDENTIAL,
        "meeting-document:": MEETING_DOCUMENTS,
        "public-meeting-document:": PUBLIC_MEETING_DOCUMENTS,
    }
    for prefix, table in tables.items():
        for name, (args, statuses) in table.items():
            for persona in PERSONAS:
                yield pytest.param(
                    name, args, persona, statuses[persona], id=f"{prefix}{name}-{persona}"
                )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "persona", "expected"), list(_cases()))
def test_it_answers_each_persona_as_specified(client, world, name, args, persona, expected):
    url = reverse(name, args=args(world))
    if persona != ANON:
        client.force_login(world.personas[persona])
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), response.url
    else:
        assert response.status_code == expected, (url, persona, response.status_code)


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_rows_in_the_matrix():
    names = set(_url_names())
    missing = names - MATRIX.keys()
    assert not missing, f"URLs without permission-matrix rows: {sorted(missing)}"
    assert not MATRIX.keys() - names, "Rows for URLs that no longer exist"
    for _args, statuses in MATRIX.values():
        assert set(statuses) == set(PERSONAS)
