"""Asking for documents and building them (the worker's side).

The web request only records what is wanted (`request_council_report`,
`request_meeting_document`, `retry`) and hands the job to the task queue after the
transaction commits. `build` runs in the worker (`documents.tasks.build_document`):
it collects the data, renders HTML, lets WeasyPrint lay out and write the PDF, and
archives the file with its SHA-256 checksum. Progress is written to the row as it
goes, so the page can show it; a failure is kept as a German message and can be
retried.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from cooperation.models import Partner
from cooperation.services import save_tracked
from core.validators import DateRangeValidator

from .models import Document, DocumentKind, DocumentStatus, Edition

logger = logging.getLogger(__name__)

AUTHOR = "IMPULS Kooperation Harz – Geschäftsstelle"

# Steps as the page shows them (translated when shown, stored as msgids).
STEP_QUEUED = gettext_noop("Waiting for a free worker")
STEP_COLLECT = gettext_noop("Collecting the data")
STEP_HTML = gettext_noop("Preparing the pages")
STEP_LAYOUT = gettext_noop("Setting the pages")
STEP_WRITE = gettext_noop("Writing the PDF")
STEP_ARCHIVE = gettext_noop("Archiving the file")
STEP_DONE = gettext_noop("Finished")


# Reports cover years in which the cooperation can have data (narrower than the
# portal's range of dates in general).
FIRST_YEAR, LAST_YEAR = 2000, 2100
validate_report_period = DateRangeValidator(
    datetime.date(FIRST_YEAR, 1, 1),
    datetime.date(LAST_YEAR, 12, 31),
    message=gettext_lazy(
        "Please choose a period between the years %(earliest_year)d and %(latest_year)d."
    ),
    code="period_range",
)


# --- Asking for a document (web request) ------------------------------------------------


def _enqueue(document: Document) -> None:
    """Hand the job to the worker once the row is committed (JSON arguments: the pk)."""
    from .tasks import build_document

    def send():
        result = build_document.enqueue(document.pk)
        Document.objects.filter(pk=document.pk, task_id="").update(task_id=str(result.id))

    transaction.on_commit(send, robust=True)


def _pending_twin(document: Document) -> Document | None:
    """A job with the same parameters that has not finished: a second click reuses it."""
    return (
        Document.objects.pending()
        .filter(
            kind=document.kind,
            edition=document.edition,
            meeting=document.meeting,
            parameters=document.parameters,
        )
        .first()
    )


def _create(document: Document, *, actor) -> Document:
    twin = _pending_twin(document)
    if twin is not None:
        return twin
    document.requested_by = actor
    document.generated_at = timezone.now().replace(microsecond=0)
    document.status = DocumentStatus.QUEUED
    document.step = STEP_QUEUED
    save_tracked(document, actor=actor, reason=_("Requested"))
    _enqueue(document)
    return document


@transaction.atomic
def request_council_report(*, params, actor) -> Document:
    """Queue a council report; `params` is a `council_report.ReportParams`."""
    from . import council_report

    if params.period_until < params.period_from:
        raise ValidationError(
            {"period_until": _("The end of the period must not be before its start.")},
            code="period",
        )
    for name in ("period_from", "period_until"):
        try:
            validate_report_period(getattr(params, name))
        except ValidationError as error:
            raise ValidationError({name: error}) from None
    partner = None
    if params.partner_id is not None:
        partner = Partner.objects.filter(pk=params.partner_id).first()
        if partner is None:
            raise ValidationError({"partner": _("This partner does not exist.")}, code="partner")
    parameters = {**params.to_json(), "file_name": council_report.file_name(params)}
    document = Document(
        kind=DocumentKind.COUNCIL_REPORT,
        edition=params.edition,
        title=council_report.title(params)[:250],
        partner=partner,
        period_from=params.period_from,
        period_until=params.period_until,
        foreword=params.foreword,
        parameters=parameters,
    )
    return _create(document, actor=actor)


@transaction.atomic
def request_meeting_document(*, meeting, kind: str, edition: str, actor) -> Document:
    """Queue the invitation or the minutes of a meeting, in one edition."""
    from . import meeting_documents

    if kind not in (DocumentKind.INVITATION, DocumentKind.MINUTES):
        raise ValidationError(_("Unknown kind of document."), code="kind")
    if edition not in Edition.values:
        raise ValidationError(_("Unknown edition."), code="edition")
    if kind == DocumentKind.MINUTES and not meeting_documents.minutes_available(meeting):
        raise ValidationError(
            _("There are no minutes yet: the meeting has not been held."), code="no_minutes"
        )
    document = Document(
        kind=kind,
        edition=edition,
        meeting=meeting,
        title=meeting_documents.title(meeting, kind=kind, edition=edition)[:250],
        parameters={
            "meeting": meeting.pk,
            "kind": kind,
            "edition": edition,
            "file_name": meeting_documents.file_name(meeting, kind=kind, edition=edition),
        },
    )
    return _create(document, actor=actor)


@transaction.atomic
def retry(*, document: Document, actor) -> Document:
    """Queue a failed or lost job again (same parameters, new attempt)."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    if not current.can_be_retried:
        raise ValidationError(_("Only a failed document can be created again."), code="not_failed")
    current.status = DocumentStatus.QUEUED
    current.step = STEP_QUEUED
    current.progress = 0
    current.error = ""
    current.task_id = ""
    save_tracked(
        current,
        actor=actor,
        reason=_("Retried"),
        update_fields=["status", "step", "progress", "error", "task_id"],
    )
    _enqueue(current)
    return current


# --- Building a document (worker) --------------------------------------------------------


def _progress(document: Document, percent: int, step: str) -> None:
    """Progress goes straight to the row (no history entry for every step); `modified`
    shows that the job is alive."""
    Document.objects.filter(pk=document.pk).update(
        progress=percent, step=step, modified=timezone.now()
    )


def render_html(document: Document) -> str:
    from . import council_report, meeting_documents

    if document.kind == DocumentKind.COUNCIL_REPORT:
        params = council_report.ReportParams.from_json(document.parameters)
        data = council_report.collect(params)
        _progress(document, 15, STEP_HTML)
        return council_report.render_html(data, created=document.generated_at, author=AUTHOR)
    return meeting_documents.render_html(
        document.meeting,
        kind=document.kind,
        edition=document.edition,
        created=document.generated_at,
        author=AUTHOR,
    )


def build(document_id: int) -> None:
    """Build the PDF of a queued document; failures are recorded, not raised."""
    from .pdf import html_to_pdf

    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",))
            .select_related("meeting__body", "requested_by")
            .filter(pk=document_id)
            .first()
        )
        if document is None or document.status != DocumentStatus.QUEUED:
            return  # deleted, already taken by another worker, or retried meanwhile
        actor = _last_requester(document)
        document.status = DocumentStatus.RUNNING
        document.attempts += 1
        document.step = STEP_COLLECT
        document.progress = 5
        save_tracked(
            document, actor=actor, update_fields=["status", "attempts", "step", "progress"]
        )
    try:
        html = render_html(document)
        _progress(document, 30, STEP_LAYOUT)
        rendered = html_to_pdf(
            html, on_layout_done=lambda pages: _progress(document, 80, STEP_WRITE)
        )
        _progress(document, 95, STEP_ARCHIVE)
        _archive(document, rendered.content, rendered.page_count, actor=actor)
    except Exception as error:
        logger.exception("Document %s could not be built", document_id)
        _fail(document, error, actor=actor)


def _last_requester(document: Document):
    """Who asked for this attempt: the requester, or whoever retried it since."""
    record = document.history.select_related("history_user").order_by("-history_id").first()
    return (record.history_user if record else None) or document.requested_by


def _archive(document: Document, content: bytes, page_count: int, *, actor) -> None:
    document.refresh_from_db()
    document.file.save(document.file_name(), ContentFile(content), save=False)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.size = len(content)
    document.page_count = page_count
    document.status = DocumentStatus.DONE
    document.progress = 100
    document.step = STEP_DONE
    document.error = ""
    document.finished_at = timezone.now()
    try:
        save_tracked(document, actor=actor, reason=_("Created"))
    except BaseException:
        document.file.delete(save=False)
        raise


def _fail(document: Document, error: Exception, *, actor) -> None:
    document.refresh_from_db()
    document.status = DocumentStatus.FAILED
    document.step = ""
    document.finished_at = timezone.now()
    # The technical cause stays in the log; the page shows what a user can act on,
    # in the portal's language (the worker has no request to take a language from).
    with translation.override(settings.LANGUAGE_CODE):
        document.error = _(
            "The document could not be created (%(cause)s). Please try again; if it fails "
            "again, tell the office."
        ) % {"cause": type(error).__name__}
        save_tracked(
            document,
            actor=actor,
            reason=_("Failed"),
            update_fields=["status", "step", "finished_at", "error"],
        )
