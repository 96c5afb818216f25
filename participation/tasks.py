"""Background task: the weighing table as a PDF, on the "pdf" queue (WeasyPrint runs in
the recycled worker, never in the web request)."""

from __future__ import annotations

from django_tasks import task

from .table_pdf import build_table


@task(queue_name="pdf")
def build_weighing_table(table_id: int) -> None:
    build_table(table_id)
