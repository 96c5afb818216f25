"""Reads of the participants' pages and of the office's list of participants
(part-participant). Each fixes its query shape; the gates are in permissions.py."""

from __future__ import annotations

from django.db.models import Count, F, Q

from ..models import Participant, StatementStatus
from ..permissions import own_statements, participations_of


def my_procedures(user):
    """The user's participations in procedures put out, the newest first, with the
    counts of their drafts and submitted statements."""
    return (
        participations_of(user)
        .select_related("procedure")
        .annotate(
            draft_count=Count("statements", filter=Q(statements__status=StatementStatus.DRAFT)),
            submitted_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.SUBMITTED)
            ),
        )
        .order_by("-procedure__starts_at", "-procedure__pk")
    )


def procedure_chapters(procedure):
    """The chapters as put out, in their order."""
    return procedure.chapters.order_by("position", "pk")


def my_statements(user, participant):
    """The participant's own statements (drafts first, then by number), with chapter,
    weighing and the number of attachments."""
    return (
        own_statements(user)
        .filter(participant=participant)
        .select_related("chapter", "weighing")
        .annotate(attachment_count=Count("attachments"))
        .order_by(F("number").asc(nulls_first=True), "-modified", "pk")
    )


def statement_attachments(statement):
    return statement.attachments.order_by("pk")


def participants_of(procedure):
    """The procedure's participants for the office, with the account and the number of
    statements submitted."""
    return (
        Participant.objects.filter(procedure=procedure)
        .select_related("user", "invited_by")
        .annotate(
            submitted_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.SUBMITTED)
            )
        )
        .order_by("organisation", "pk")
    )
