"""The weighing table as a PDF: the office asks for a build, the worker renders it
(`participation.tasks.build_weighing_table` on the "pdf" queue, `table_pdf.py`). Each
build is a new `WeighingTable` row; the table never holds private contact data."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.tracking import save_tracked

from ..models import ParticipationProcedure, WeighingTable
from ..tasks import build_weighing_table
from .procedures import lock_procedure


def _enqueue(table: WeighingTable) -> None:
    table_pk = table.pk
    transaction.on_commit(lambda: build_weighing_table.enqueue(table_pk))


def queue_table(procedure: ParticipationProcedure, *, actor, reason: str) -> WeighingTable:
    """A new build of the table (inside the caller's transaction, the procedure locked)."""
    table = WeighingTable(procedure=procedure, requested_by=actor)
    save_tracked(table, actor=actor, reason=reason)
    _enqueue(table)
    return table


@transaction.atomic
def table_request(*, procedure: ParticipationProcedure, actor) -> WeighingTable:
    """Have the worker build the weighing table as it stands now (put out procedures
    only: a draft has no statements)."""
    current = lock_procedure(procedure)
    if not current.is_opened:
        raise Conflict(_("The procedure has not been put out yet."), code="draft")
    return queue_table(current, actor=actor, reason=_("Weighing table requested"))
