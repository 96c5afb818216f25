"""Working-group reports to the board: the page's reads, the PDF and the submission.

A report is written by `services.report_create` (a new version each time). Submitting
it renders the report as a PDF (WeasyPrint) and adds that file as a paper to an
agenda item of an upcoming board meeting through `meetings.services_papers.paper_add`,
so the board sees it on the meeting page like any other paper and the file goes
through the same checks and the same download gate.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cooperation.models import BodyKind
from core.markdown import render_markdown
from core.tracking import save_tracked

from .models import Finding, WorkingGroupReport

# Meetings a report can still be put on: not yet held, not frozen, not cancelled.
OPEN_MEETING_STATUSES = ("planned", "invited")


# --- Reads ----------------------------------------------------------------------------


def report_findings(report: WorkingGroupReport) -> list[Finding]:
    """The report's findings with what the page and the PDF show of them (one query)."""
    return list(
        report.findings.select_related("function_area", "central_function").order_by(
            "type", "title", "pk"
        )
    )


def task_rows(report: WorkingGroupReport) -> list[dict]:
    """The frozen task status with its due date as a date again (stored as ISO text)."""
    rows = []
    for task in report.task_status or []:
        due = task.get("due_date")
        rows.append({**task, "due_date": datetime.date.fromisoformat(due) if due else None})
    return rows


def upcoming_board_meetings():
    """Board meetings that are planned or invited and have not ended yet."""
    from meetings.models import Meeting

    return (
        Meeting.objects.upcoming()
        .filter(body__kind=BodyKind.BOARD, status__in=OPEN_MEETING_STATUSES)
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def submittable_agenda_items(user):
    """Agenda items of upcoming board meetings the user may see.

    Non-public items are offered only to those who may see them (the board's members
    and the office): their titles are confidential.
    """
    from meetings.models import AgendaItem
    from meetings.selectors import confidential_bodies

    qs = AgendaItem.objects.filter(meeting__in=upcoming_board_meetings()).select_related("meeting")
    bodies = confidential_bodies(user)
    if bodies is not None:
        qs = qs.filter(Q(is_public=True) | Q(meeting__body__in=bodies))
    return qs.order_by("meeting__starts_at", "meeting__pk", "position", "pk")


# --- The PDF --------------------------------------------------------------------------


def report_pdf_context(report: WorkingGroupReport) -> dict:
    findings = [
        {"finding": finding, "text_html": render_markdown(finding.text)}
        for finding in report_findings(report)
    ]
    return {
        "report": report,
        "group": report.group,
        "summary_html": render_markdown(report.summary),
        "findings": findings,
        "tasks": task_rows(report),
        "generated_at": timezone.now(),
    }


def render_report_pdf(report: WorkingGroupReport) -> bytes:
    """The report as a PDF, in the portal's language whatever the submitter's UI language."""
    # The print family's renderer: embedded fonts, no outside resources, PDF/A-3u.
    from core.pdf import html_to_pdf

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("pdf/working_group_report.html", report_pdf_context(report))
    return html_to_pdf(html).content


def report_file_name(report: WorkingGroupReport) -> str:
    code = report.group.body.short_code or f"ag{report.group.pk}"
    return f"bericht-{code.lower()}-v{report.version}.pdf"


# --- Submission -----------------------------------------------------------------------


def _refuse_resubmission():
    raise ValidationError(
        _(
            "This report has already been submitted. Create a new version to submit "
            "a changed report."
        ),
        code="submitted",
    )


@transaction.atomic
def report_submit(*, report: WorkingGroupReport, agenda_item, actor) -> WorkingGroupReport:
    """Put the report as a PDF paper on an agenda item of a board meeting.

    A report is submitted once; a changed report is a new version (`report_create`)
    that is submitted in turn. Meetings that are frozen or cancelled are refused by
    `paper_add` (codes "frozen", "cancelled").
    """
    from meetings.models import MeetingStatus
    from meetings.services_papers import paper_add

    # Lock the row: two submissions at once must not both pass the check below.
    current = WorkingGroupReport.objects.select_for_update().get(pk=report.pk)
    if current.submitted_at is not None:
        _refuse_resubmission()
    meeting = agenda_item.meeting
    if meeting.body.kind != BodyKind.BOARD:
        raise ValidationError(
            {"agenda_item": _("A report goes to an agenda item of a board meeting.")},
            code="not_board",
        )
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(
            _("This meeting has already been held; please choose an upcoming meeting."),
            code="held",
        )
    pdf = render_report_pdf(report)
    paper = paper_add(
        meeting=meeting,
        agenda_item=agenda_item,
        title=_("Report of %(group)s (version %(version)d)")
        % {"group": report.group, "version": report.version},
        uploaded_file=ContentFile(pdf, name=report_file_name(report)),
        actor=actor,
    )
    report.agenda_item = agenda_item
    report.paper = paper
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    try:
        save_tracked(
            report,
            actor=actor,
            reason=_("Submitted to the cooperation board"),
            update_fields=["agenda_item", "paper", "submitted_at", "submitted_by"],
        )
    except BaseException:
        # The transaction rolls the paper's row back; its file must go too.
        paper.file.delete(save=False)
        raise
    return report


@transaction.atomic
def report_submit_to_new_item(*, report: WorkingGroupReport, meeting, title: str, actor):
    """Add an agenda item for the report to a board meeting, then submit the report to it."""
    from meetings.services import agenda_item_create

    if meeting.body.kind != BodyKind.BOARD:
        raise ValidationError(
            {"meeting": _("A report goes to an agenda item of a board meeting.")},
            code="not_board",
        )
    # Refused before any work is done; `report_submit` checks again under a row lock.
    if WorkingGroupReport.objects.filter(pk=report.pk, submitted_at__isnull=False).exists():
        _refuse_resubmission()
    item = agenda_item_create(meeting=meeting, title=title, actor=actor, is_public=True)
    return report_submit(report=report, agenda_item=item, actor=actor)
