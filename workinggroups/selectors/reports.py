"""Reads for working-group reports: the report page and the submission form."""

from __future__ import annotations

import datetime

from cooperation.models import BodyKind
from meetings.models import AgendaItem, Meeting
from meetings.selectors import confidential_bodies

from ..models import Finding, FindingStatus, WorkingGroup, WorkingGroupReport


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
    return (
        Meeting.objects.upcoming()
        .accepting_reports()
        .filter(body__kind=BodyKind.BOARD)
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def submittable_agenda_items(user):
    """Agenda items of upcoming board meetings the user may see.

    Non-public items are offered only to those who may see them (the board's members
    and the office): their titles are confidential.
    """
    qs = AgendaItem.objects.filter(meeting__in=upcoming_board_meetings()).select_related("meeting")
    bodies = confidential_bodies(user)
    if bodies is not None:
        qs = qs.public() | qs.filter(meeting__body__in=bodies)
    return qs.order_by("meeting__starts_at", "meeting__pk", "position", "pk")


def last_report(group: WorkingGroup) -> WorkingGroupReport | None:
    """The group's latest report (its period), for the next one's start."""
    return group.reports.order_by("-version").only("period_until").first()


def has_agreed_findings(group: WorkingGroup) -> bool:
    return group.findings.filter(status=FindingStatus.AGREED).exists()
