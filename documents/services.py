"""Asking for documents (the web request's side).

The web request only records what is wanted (`request_council_report`,
`request_meeting_document`, `retry`) and hands the job to the task queue after the
transaction commits; the worker builds it (`documents.build`).
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import Partner
from core.errors import Conflict
from core.tracking import save_tracked
from core.validators import DateRangeValidator

from . import council_report, meeting_documents
from .build import STEP_QUEUED
from .models import Document, DocumentKind, DocumentStatus, Edition
from .tasks import build_document

logger = logging.getLogger(__name__)


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
def request_meeting_document(
    *, meeting, kind: str, edition: str, actor, mail_invitations: bool = False
) -> Document:
    """Queue the invitation or the minutes of a meeting, in one edition.

    `mail_invitations`: once built (or failed), the worker mails the meeting's
    invitations that wait for it, with the PDF attached (`build.mail_invitations`)."""
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
    if mail_invitations and kind == DocumentKind.INVITATION:
        document.parameters["mail_invitations"] = True
    return _create(document, actor=actor)


@transaction.atomic
def retry(*, document: Document, actor) -> Document:
    """Queue a failed or lost job again (same parameters, new attempt)."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    if not current.can_be_retried:
        raise Conflict(_("Only a failed document can be created again."), code="not_failed")
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
