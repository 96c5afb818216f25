"""Writes for the legal texts and the feedback on barriers."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.i18n import portal_language
from core.links import portal_url
from core.ratelimit import digest, within_limit
from core.tracking import apply_changes, save_tracked

from . import selectors
from .models import AccessibilityFeedback, LegalText, LegalTextKind

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "text")
STATEMENT_FIELDS = ("conformity", "reviewed_on", "feedback_email", "enforcement_body")


def _conflict():
    return Conflict(_("Someone else has saved this text in the meantime."), code="conflict")


@transaction.atomic
def legal_text_save(*, kind: str, data: dict, expected_version: int, actor) -> LegalText:
    """Save a new version of the text of `kind` (the first one: `expected_version` 0)
    unless someone else saved it since that version was read (`Conflict`)."""
    current = LegalText.objects.select_for_update().filter(kind=kind).first()
    if current is None:
        if expected_version != 0:
            raise _conflict()
        text = LegalText(kind=kind, **data)
        try:
            with transaction.atomic():
                save_tracked(text, actor=actor)
        except IntegrityError:
            # Two first saves at once: the other one won.
            raise _conflict() from None
        return text
    if current.version != expected_version:
        raise _conflict()
    changed = apply_changes(current, data)
    if changed:
        current.version += 1
        save_tracked(current, actor=actor, update_fields=[*changed, "version"])
    return current


# --- Feedback on barriers ------------------------------------------------------------


def feedback_allowed(client_address: str) -> bool:
    """Count one message from this client address (a fixed one-hour window from the
    first) and say whether it is within `ACCESSIBILITY_FEEDBACK_LIMIT_PER_IP`."""
    return within_limit(
        f"legal-feedback:ip:{digest(client_address)}",
        settings.ACCESSIBILITY_FEEDBACK_LIMIT_PER_IP,
    )


@transaction.atomic
def feedback_submit(
    *, message: str, name: str = "", email: str = "", page_address: str = "", actor=None
) -> AccessibilityFeedback:
    """Store a message from the public form; the office gets it by e-mail after commit."""
    feedback = AccessibilityFeedback(
        message=message, name=name, email=email, page_address=page_address
    )
    save_tracked(feedback, actor=actor if getattr(actor, "is_authenticated", False) else None)
    transaction.on_commit(lambda: send_feedback_mail(feedback.pk), robust=True)
    return feedback


def send_feedback_mail(pk: int) -> bool:
    """Send one plain-text e-mail with the message to the office (`feedback_recipients`).
    The message stays stored whether or not the mail goes out: the office also reads it
    on its page. Returns whether a mail was sent."""
    feedback = AccessibilityFeedback.objects.filter(pk=pk).first()
    if feedback is None:
        return False
    recipients = selectors.feedback_recipients()
    if not recipients:
        logger.warning("Feedback %s: nobody to send it to", pk)
        return False
    with portal_language():
        subject = _("Feedback on accessibility no. %(number)s") % {"number": feedback.pk}
        body = render_to_string(
            "legal/email/feedback.txt",
            {
                "feedback": feedback,
                "received": timezone.localtime(feedback.created),
                "list_url": portal_url("legal:feedback_list"),
            },
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[feedback.email] if feedback.email else None,
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send feedback %s to the office", pk)
        return False
    return True


@transaction.atomic
def feedback_mark_answered(*, feedback: AccessibilityFeedback, note: str, actor):
    """The office records that (and how) it answered; once only (`Conflict` after)."""
    current = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    if current.is_answered:
        raise Conflict(_("This feedback has already been marked as answered."), code="answered")
    current.answered_at = timezone.now()
    current.answered_by = actor
    current.answer_note = note
    save_tracked(
        current,
        actor=actor,
        reason=_("Marked as answered"),
        update_fields=["answered_at", "answered_by", "answer_note"],
    )
    return current


def statement_fields(kind: str) -> tuple[str, ...]:
    """The fields an editor of this kind of text sets."""
    if kind == LegalTextKind.ACCESSIBILITY:
        return TEXT_FIELDS + STATEMENT_FIELDS
    return TEXT_FIELDS
