"""The working-group report as a PDF (rendered when the report is submitted)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import pdf
from core.markdown import render_markdown

from .models import WorkingGroupReport
from .selectors.reports import report_findings, task_rows


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
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("pdf/working_group_report.html", report_pdf_context(report))
    return pdf.html_to_pdf(html).content


def report_file_name(report: WorkingGroupReport) -> str:
    code = report.group.body.short_code or f"ag{report.group.pk}"
    return f"bericht-{code.lower()}-v{report.version}.pdf"
