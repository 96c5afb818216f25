"""Reads for the office's and members' pages of the participation procedures, the
weighing table and the public pages. Every list is a queryset the page paginates; the
counts are annotations, so a page runs the same queries for 1 statement or 1000."""

from __future__ import annotations

from django.db.models import Count, Q

from ..models import (
    ParticipationProcedure,
    ProcedureChapter,
    Statement,
    StatementAttachment,
    StatementStatus,
    TableStatus,
    WeighingTable,
)
from ..permissions import visible_procedures

TABLE_LIMIT = 10  # the latest table builds shown on a procedure's page


def _with_counts(queryset):
    submitted = Q(statements__status=StatementStatus.SUBMITTED)
    return queryset.annotate(
        submitted_count=Count("statements", filter=submitted, distinct=True),
        weighed_count=Count(
            "statements",
            filter=submitted & Q(statements__weighing__isnull=False),
            distinct=True,
        ),
    )


def procedure_list(user):
    return _with_counts(visible_procedures(user)).order_by("-starts_at", "-pk")


def procedure_detail_queryset():
    return _with_counts(
        ParticipationProcedure.objects.select_related(
            "created_by",
            "opened_by",
            "published_by",
            "agenda_item__meeting",
            "decision",
        )
    )


def chapters_of(procedure: ParticipationProcedure):
    """The chapters put out, in order, with their number of submitted statements."""
    return procedure.chapters.annotate(
        statement_count=Count("statements", filter=Q(statements__status=StatementStatus.SUBMITTED))
    ).order_by("position", "pk")


def latest_tables(procedure: ParticipationProcedure) -> tuple[list[WeighingTable], int]:
    tables = procedure.tables.order_by("-created", "-pk")
    return list(tables.select_related("requested_by")[:TABLE_LIMIT]), tables.count()


def procedure_page(procedure: ParticipationProcedure) -> dict:
    tables, table_count = latest_tables(procedure)
    return {
        "chapters": list(chapters_of(procedure)),
        "tables": tables,
        "table_count": table_count,
        "whole_concept_count": procedure.statements.submitted().filter(chapter=None).count(),
    }


def submitted_statements(procedure: ParticipationProcedure, *, chapter=None, weighed=None):
    """The procedure's submitted statements by number (drafts are the participants'
    own), with what a list row shows. `chapter`: a ProcedureChapter, or "whole" for
    those on the concept as a whole; `weighed`: True / False / None (all)."""
    rows = (
        Statement.objects.submitted()
        .filter(procedure=procedure)
        .select_related("participant", "chapter", "weighing")
        .annotate(attachment_count=Count("attachments"))
        .order_by("number", "pk")
    )
    if chapter == "whole":
        rows = rows.filter(chapter=None)
    elif chapter is not None:
        rows = rows.filter(chapter=chapter)
    if weighed is not None:
        rows = rows.filter(weighing__isnull=not weighed)
    return rows


def statement_queryset():
    """For the statement's gate: what its page shows besides the attachments."""
    return Statement.objects.select_related(
        "procedure", "participant", "chapter", "weighing__weighed_by"
    )


def attachments_of(statement: Statement) -> list[StatementAttachment]:
    return list(statement.attachments.order_by("pk"))


def table_statements(procedure: ParticipationProcedure) -> list[Statement]:
    """Every submitted statement with its chapter, submitter and weighing, by number:
    the weighing table's rows (one query)."""
    return list(
        Statement.objects.submitted()
        .filter(procedure=procedure)
        .select_related("participant", "chapter", "weighing")
        .order_by("number", "pk")
    )


# --- the public pages (through `public`) ----------------------------------------------


def public_procedures():
    """Published procedures and those open to the public now, newest first."""
    return (
        ParticipationProcedure.objects.filter(
            Q(pk__in=ParticipationProcedure.objects.published().values("pk"))
            | Q(pk__in=ParticipationProcedure.objects.open_to_public().values("pk"))
        )
        .annotate(
            statement_count=Count(
                "statements",
                filter=Q(statements__status=StatementStatus.SUBMITTED)
                & Q(published_at__isnull=False),
            )
        )
        .order_by("-starts_at", "-pk")
    )


def public_statements(procedure: ParticipationProcedure):
    """A published procedure's statements with their weighing (never another's: the
    queryset is `Statement.objects.published()`)."""
    return (
        Statement.objects.published()
        .filter(procedure=procedure)
        .select_related("participant", "chapter", "weighing")
        .order_by("number", "pk")
    )


def published_table(procedure: ParticipationProcedure) -> WeighingTable | None:
    """The table built for the publication (or later): the one the public downloads."""
    if not procedure.is_published:
        return None
    return (
        procedure.tables.filter(status=TableStatus.DONE, created__gte=procedure.published_at)
        .order_by("-created", "-pk")
        .first()
    )


def public_chapters(procedure: ParticipationProcedure) -> list[ProcedureChapter]:
    return list(procedure.chapters.order_by("position", "pk"))
