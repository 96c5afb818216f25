"""Background task: the result of a priority round as a PDF paper, on the "pdf" queue
(WeasyPrint runs in the recycled worker, never in the web request)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from .result_pdf import attach_result_paper


@task(queue_name="pdf")
def build_result_paper(round_id: int, actor_id: int) -> None:
    actor = get_user_model()._default_manager.filter(pk=actor_id).first()
    attach_result_paper(round_id, actor)
