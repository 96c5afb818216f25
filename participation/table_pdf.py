"""The weighing table as a PDF (rendered by the worker, `tasks.py`), through the print
family's renderer (`core.pdf`: embedded fonts, PDF/A-3u).

Per submitted statement: number, chapter, submitter as published
(`Statement.public_submitter`: the participant's organisation or "member of the public",
never a person's name or an e-mail address), text, outcome, reasoning, chapter change.
No private contact data is ever in the context, so every table may be published."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import pdf
from core.i18n import portal_language
from core.tracking import save_tracked

from . import selectors
from .models import ParticipationProcedure, TableStatus, WeighingTable

logger = logging.getLogger(__name__)

AUTHOR = "IMPULS Kooperation Harz – Geschäftsstelle"


def table_rows(procedure: ParticipationProcedure) -> list[dict]:
    """What the table shows of each statement: only public fields (one query)."""
    rows = []
    for statement in selectors.table_statements(procedure):
        weighing = getattr(statement, "weighing", None)
        rows.append(
            {
                "number": statement.number,
                "chapter": str(statement.chapter) if statement.chapter_id else None,
                "submitter": statement.public_submitter(),
                "text": statement.text,
                "outcome": weighing.get_outcome_display() if weighing else None,
                "reasoning": weighing.reasoning if weighing else "",
                "chapter_change": weighing.chapter_change if weighing else "",
            }
        )
    return rows


def render_table_html(procedure: ParticipationProcedure, *, created=None) -> tuple[str, int]:
    created = created or timezone.now()
    with portal_language():
        rows = table_rows(procedure)
        title = _("Weighing table: %(title)s") % {"title": procedure.title}
        context = {
            "procedure": procedure,
            "rows": rows,
            "created": created,
            "pdf": {
                "title": title,
                "author": AUTHOR,
                "subject": _("Participation procedure"),
                "keywords": ", ".join([_("Weighing table"), procedure.title]),
                "created": created,
                "language": "de",
            },
        }
        return render_to_string("pdf/weighing_table.html", context), len(rows)


def table_file_name(procedure: ParticipationProcedure) -> str:
    return f"abwaegungstabelle-{procedure.pk}-{slugify(procedure.title)[:40] or 'verfahren'}.pdf"


def build_table(table_id: int) -> bool:
    """The worker's side: render a queued table; failures are recorded, not raised."""
    table = (
        WeighingTable.objects.select_related("procedure", "requested_by")
        .filter(pk=table_id, status=TableStatus.QUEUED)
        .first()
    )
    if table is None:
        return False
    actor = table.requested_by
    try:
        html, count = render_table_html(table.procedure)
        rendered = pdf.html_to_pdf(html)
    except Exception as error:
        logger.exception("Weighing table %s could not be built", table_id)
        with portal_language():
            table.error = _("The table could not be created (%(cause)s). Please try again.") % {
                "cause": type(error).__name__
            }
        table.status = TableStatus.FAILED
        table.finished_at = timezone.now()
        save_tracked(
            table,
            actor=actor,
            reason=_("Failed"),
            update_fields=["status", "error", "finished_at"],
        )
        return False
    with transaction.atomic():
        current = WeighingTable.objects.select_for_update().filter(pk=table_id).first()
        if current is None or current.status != TableStatus.QUEUED:
            return False
        current.file.save(
            table_file_name(table.procedure), ContentFile(rendered.content), save=False
        )
        current.size = len(rendered.content)
        current.page_count = rendered.page_count
        current.statement_count = count
        current.status = TableStatus.DONE
        current.finished_at = timezone.now()
        try:
            save_tracked(current, actor=actor, reason=_("Created"))
        except BaseException:
            current.file.delete(save=False)
            raise
    return True
