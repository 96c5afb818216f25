"""A participant's statements: drafts, attachments, submission, deletion (part-participant).

* statement_save(*, participant, chapter, text, actor, statement=None) -> Statement: a new
  draft, or changes to one (only while the procedure runs, only drafts).
* attachment_add(*, statement, title, uploaded_file, actor) -> StatementAttachment;
  attachment_delete(*, attachment, actor) -> None (drafts only)
* statement_submit(*, statement, actor) -> Statement: numbered under a row lock of the
  procedure (`next_statement_number`), so numbers are unique and gapless; the receipt
  goes by e-mail; no changes afterwards.
* statement_delete(*, statement, actor) -> None: a draft only.

Only the participant's own account writes its statements (PermissionDenied otherwise).
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.i18n import portal_language
from core.links import absolute_url
from core.tracking import save_tracked
from core.uploads import store_upload

from ..models import (
    Participant,
    ParticipationProcedure,
    ProcedureChapter,
    Statement,
    StatementAttachment,
    StatementStatus,
)

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10


def _refuse_unless_own(participant: Participant, actor) -> None:
    if actor is None or participant.user_id != actor.pk:
        raise PermissionDenied


def refuse_unless_running(procedure: ParticipationProcedure) -> None:
    if not procedure.is_running():
        params = {
            "start": formats.date_format(timezone.localtime(procedure.starts_at), "DATE_FORMAT"),
            "end": formats.date_format(timezone.localtime(procedure.ends_at), "DATE_FORMAT"),
        }
        raise Conflict(
            _(
                "The procedure does not accept statements now (the period runs from "
                "%(start)s until %(end)s)."
            ),
            code="not_running",
            params=params,
        )


def _refuse_unless_draft(statement: Statement) -> None:
    if not statement.is_draft:
        raise Conflict(
            _("This statement has been submitted and can no longer be changed."),
            code="submitted",
        )


def _locked(statement: Statement) -> Statement:
    return (
        Statement.objects.select_for_update(of=("self",))
        .select_related("procedure", "participant__user", "chapter")
        .get(pk=statement.pk)
    )


@transaction.atomic
def statement_save(
    *,
    participant: Participant,
    chapter: ProcedureChapter | None,
    text: str,
    actor,
    statement: Statement | None = None,
) -> Statement:
    _refuse_unless_own(participant, actor)
    if statement is None:
        statement = Statement(procedure=participant.procedure, participant=participant)
        procedure = participant.procedure
    else:
        statement = _locked(statement)
        if statement.participant_id != participant.pk:
            raise PermissionDenied
        _refuse_unless_draft(statement)
        procedure = statement.procedure
    refuse_unless_running(procedure)
    if chapter is not None and chapter.procedure_id != procedure.pk:
        raise ValidationError(
            {"chapter": _("Choose a chapter of this procedure.")}, code="wrong_chapter"
        )
    statement.chapter = chapter
    statement.text = (text or "").strip()
    if not statement.text:
        raise ValidationError({"text": _("Write your statement.")}, code="required")
    save_tracked(statement, actor=actor)
    return statement


@transaction.atomic
def attachment_add(
    *, statement: Statement, title: str, uploaded_file, actor
) -> StatementAttachment:
    """Same path as every upload (`core.uploads.store_upload`): type by content, size
    limit, random stored name, nothing left behind when refused. Drafts only."""
    statement = _locked(statement)
    _refuse_unless_own(statement.participant, actor)
    _refuse_unless_draft(statement)
    refuse_unless_running(statement.procedure)
    if statement.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A statement has at most %(limit)s attachments."),
            code="too_many",
            params={"limit": MAX_ATTACHMENTS},
        )
    attachment = StatementAttachment(statement=statement, title=(title or "").strip())
    store_upload(attachment, uploaded_file, actor=actor)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: StatementAttachment, actor) -> None:
    """Remove an attachment from a draft (its file goes after the commit)."""
    statement = _locked(attachment.statement)
    _refuse_unless_own(statement.participant, actor)
    _refuse_unless_draft(statement)
    attachment = StatementAttachment.objects.get(pk=attachment.pk, statement=statement)
    attachment._history_user = actor
    attachment.delete()


def next_statement_number(procedure: ParticipationProcedure) -> int:
    """The next number of the procedure's series. Call it with the procedure's row
    locked (`select_for_update`) in the transaction that saves the number: every path
    that submits a statement (participants', the public's) takes that lock first."""
    highest = Statement.objects.filter(procedure=procedure).aggregate(Max("number"))
    return (highest["number__max"] or 0) + 1


@transaction.atomic
def statement_submit(*, statement: Statement, actor) -> Statement:
    # The procedure's row first, then the statement: the same order for every submit.
    procedure = ParticipationProcedure.objects.select_for_update().get(pk=statement.procedure_id)
    statement = _locked(statement)
    statement.procedure = procedure
    _refuse_unless_own(statement.participant, actor)
    _refuse_unless_draft(statement)
    refuse_unless_running(procedure)
    statement.status = StatementStatus.SUBMITTED
    statement.submitted_at = timezone.now()
    statement.number = next_statement_number(procedure)
    save_tracked(
        statement,
        actor=actor,
        reason="Abgegeben",
        update_fields=["status", "submitted_at", "number"],
    )
    _send_receipt(statement, actor=actor)
    return statement


def _send_receipt(statement: Statement, *, actor) -> None:
    """The receipt (number, chapter, text) to the participant's account. A failing mail
    server does not undo the submission: `receipt_sent_at` stays empty, and the
    statement's page says so."""
    user = statement.participant.user
    if not user.email:
        return
    with portal_language():
        subject = _("Receipt of your statement %(number)s: %(title)s") % {
            "number": statement.number,
            "title": statement.procedure.title,
        }
        body = "".join(
            [
                render_to_string(
                    "participation/participant/email/receipt.txt",
                    {
                        "statement": statement,
                        "procedure": statement.procedure,
                        "url": absolute_url(
                            reverse("participation:my_statement", args=[statement.pk])
                        ),
                    },
                )
            ]
        )
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the receipt of statement %s", statement.pk)
        return
    statement.receipt_sent_at = timezone.now()
    save_tracked(
        statement,
        actor=actor,
        reason="Eingangsbestätigung gesendet",
        update_fields=["receipt_sent_at"],
    )


@transaction.atomic
def statement_delete(*, statement: Statement, actor) -> None:
    """Delete a draft with its attachments (their files go after the commit)."""
    statement = _locked(statement)
    _refuse_unless_own(statement.participant, actor)
    _refuse_unless_draft(statement)
    for attachment in statement.attachments.all():
        attachment._history_user = actor
        attachment.delete()
    statement._history_user = actor
    statement.delete()
