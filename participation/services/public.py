"""A statement of a member of the public on a running procedure open to the public:
submitted at once, numbered under the procedure's row lock (unique and gapless, like a
participant's), and a receipt by e-mail to the address given. The name and the address
are private contact data: never published, never in the table."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.i18n import portal_language
from core.ratelimit import digest, within_limit
from core.tracking import save_tracked

from ..models import ParticipationProcedure, ProcedureChapter, Statement, StatementStatus
from .procedures import lock_procedure
from .statements import next_statement_number

logger = logging.getLogger(__name__)


def public_statement_allowed(client_address: str, email: str) -> bool:
    """One statement counted per client address and per e-mail address given; False
    when either is over its hourly limit (`PUBLIC_STATEMENT_LIMIT_PER_*`)."""
    by_ip = within_limit(
        f"public-statement:ip:{digest(client_address)}", settings.PUBLIC_STATEMENT_LIMIT_PER_IP
    )
    by_address = within_limit(
        f"public-statement:address:{digest(email.strip().casefold())}",
        settings.PUBLIC_STATEMENT_LIMIT_PER_ADDRESS,
    )
    return by_ip and by_address


@transaction.atomic
def public_statement_submit(
    *,
    procedure: ParticipationProcedure,
    name: str,
    email: str,
    text: str,
    chapter: ProcedureChapter | None = None,
) -> Statement:
    """Refused (409) unless the procedure runs and is open to the public now."""
    current = lock_procedure(procedure)
    if not (current.public_may_comment and current.is_running()):
        raise Conflict(
            _("This procedure does not take statements of the public (any more)."),
            code="closed",
        )
    if chapter is not None and chapter.procedure_id != current.pk:
        raise ValueError("chapter of another procedure")
    statement = Statement(
        procedure=current,
        chapter=chapter,
        text=text,
        submitter_name=name,
        submitter_email=email,
        status=StatementStatus.SUBMITTED,
        submitted_at=timezone.now(),
        number=next_statement_number(current),
    )
    save_tracked(statement, actor=None, reason=_("Submitted by a member of the public"))
    statement_pk = statement.pk
    transaction.on_commit(lambda: send_public_receipt(statement_pk), robust=True)
    return statement


def send_public_receipt(pk: int) -> bool:
    """The receipt (number, chapter, text) to the address given; recorded when sent."""
    statement = Statement.objects.select_related("procedure", "chapter").filter(pk=pk).first()
    if statement is None or statement.receipt_sent_at is not None:
        return False
    with portal_language():
        subject = _("Your statement no. %(number)s: %(title)s") % {
            "number": statement.number,
            "title": statement.procedure.title,
        }
        body = render_to_string(
            "participation/office/email/public_receipt.txt", {"statement": statement}
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[statement.submitter_email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the receipt of statement %s", pk)
        return False
    statement.receipt_sent_at = timezone.now()
    save_tracked(statement, actor=None, reason=_("Receipt sent"), update_fields=["receipt_sent_at"])
    return True
