"""Writes for working-group reports: a new version, and its submission to the board.

Submitting renders the report as a PDF (`workinggroups/report_pdf.py`) and adds that
file as a paper to an agenda item of an upcoming board meeting through
`meetings.services.paper_add`, so the board sees it on the meeting page like any other
paper and the file goes through the same checks and the same download gate.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import BodyKind
from cooperation.services import save_tracked
from meetings.services import agenda_item_create, paper_add, refuse_if_closed

from ..models import FindingStatus, WorkingGroupReport
from ..report_pdf import render_report_pdf, report_file_name


@transaction.atomic
def report_create(
    *, group, period_from, period_until, summary: str, findings, actor
) -> WorkingGroupReport:
    """A new version of the group's report; the tasks' state is frozen into it."""
    findings = list(findings)
    foreign = [f for f in findings if f.group_id != group.pk]
    if foreign or any(f.status != FindingStatus.AGREED for f in findings):
        raise ValidationError(
            {"findings": _("A report contains only agreed findings of the group.")},
            code="findings",
        )
    last = group.reports.order_by("-version").values_list("version", flat=True).first() or 0
    report = WorkingGroupReport(
        group=group,
        version=last + 1,
        period_from=period_from,
        period_until=period_until,
        summary=summary,
        task_status=task_status_snapshot(group),
    )
    save_tracked(report, actor=actor)
    if findings:
        report._history_user = actor
        report.findings.set(findings)
    return report


def task_status_snapshot(group) -> list[dict]:
    """The decisions commissioned to the group with their status and last progress note."""
    snapshot = []
    # Decisions on non-public items stay out: the report is read by the whole cooperation.
    decisions = (
        group.body.commissioned_decisions.public()
        .prefetch_related("progress")
        .order_by("year", "sequence")
    )
    for decision in decisions:
        last = list(decision.progress.all())[-1:] or [None]
        snapshot.append(
            {
                "number": decision.number,
                "title": decision.title,
                "status": decision.status,
                "status_label": str(decision.get_status_display()),
                "due_date": decision.due_date.isoformat() if decision.due_date else None,
                "last_note": last[0].note if last[0] else "",
            }
        )
    return snapshot


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
    that is submitted in turn. Only a meeting that `accepts_reports` takes one: a held
    meeting is refused with code "held", a frozen or cancelled one with "frozen" or
    "cancelled" (before the PDF is rendered).
    """
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
    if not meeting.accepts_reports:
        # Frozen or cancelled: `refuse_if_closed` says so (codes "frozen", "cancelled").
        refuse_if_closed(meeting)
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
