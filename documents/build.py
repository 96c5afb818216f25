"""Building a queued document (the worker's side).

`build` runs in the worker (`documents.tasks.build_document`): it collects the data,
renders HTML, lets WeasyPrint lay out and write the PDF (`core.pdf`), and archives the
file with its SHA-256 checksum. Progress is written to the row as it goes, so the page
can show it; a failure is kept as a German message and can be retried.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import pdf
from core.i18n import portal_language
from core.tracking import save_tracked
from meetings.services import invitations

from . import council_report, meeting_documents
from .models import Document, DocumentKind, DocumentStatus

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


def _progress(document: Document, percent: int, step: str) -> None:
    """Progress goes straight to the row (no history entry for every step); `modified`
    shows that the job is alive."""
    Document.objects.filter(pk=document.pk).update(
        progress=percent, step=step, modified=timezone.now()
    )


def render_html(document: Document) -> str:
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
        rendered = pdf.html_to_pdf(
            html, on_layout_done=lambda pages: _progress(document, 80, STEP_WRITE)
        )
        _progress(document, 95, STEP_ARCHIVE)
        _archive(document, rendered.content, rendered.page_count, actor=actor)
    except Exception as error:
        logger.exception("Document %s could not be built", document_id)
        _fail(document, error, actor=actor)
        mail_invitations(document, None, actor=actor)
    else:
        mail_invitations(document, rendered.content, actor=actor)


def mail_invitations(document: Document, content: bytes | None, *, actor) -> None:
    """Mail the invitations that wait for this invitation PDF, with it attached.

    A PDF that failed does not hold the invitation back: it goes out without the
    attachment (the office can build the PDF again; the meeting page offers it). A
    failing mail server leaves the invitations waiting, shown as not sent on the
    invitation page; the document itself stays built."""
    if not document.parameters.get("mail_invitations") or document.meeting_id is None:
        return
    pdf = None
    if content is not None:
        pdf = invitations.Attachment(name=document.file_name(), content=content)
    try:
        invitations.deliver_waiting(document.meeting_id, actor=actor, pdf=pdf)
    except Exception:
        logger.exception("The invitations of meeting %s could not be mailed", document.meeting_id)


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
    with portal_language():
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
