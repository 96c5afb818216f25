"""Background tasks of core (Django's tasks API, run by `manage.py db_worker`).

`extract_file_text` reads the text of an uploaded file for the search; it is enqueued
by `core.uploads.store_upload` once the row is committed. Arguments are JSON: the
model's label and the row's primary key.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django_tasks import task

from .search import SearchableFile
from .text_extraction import extract_text

logger = logging.getLogger(__name__)


def extract_and_store(model: type[SearchableFile], pk: int) -> bool:
    """Extract the file's text and store it; the trigger refreshes the vector. False if
    the row is gone."""
    row = model._base_manager.filter(pk=pk).only("pk", "file", "content_type").first()
    if row is None:
        return False
    text = extract_text(row.file, row.content_type)
    # update(): no save(), so no history row; the trigger recomputes the vector.
    model._base_manager.filter(pk=pk).update(extracted_text=text)
    return True


@task()
def extract_file_text(model_label: str, pk: int) -> None:
    model = apps.get_model(model_label)
    if not issubclass(model, SearchableFile):
        raise ValueError(f"{model_label} has no extracted text")
    if not extract_and_store(model, pk):
        logger.info("Text extraction skipped: %s %s no longer exists", model_label, pk)


def schedule_text_extraction(instance) -> None:
    """Enqueue the extraction of a just-stored file once the transaction commits
    (nothing for an upload the search does not read)."""
    if not isinstance(instance, SearchableFile):
        return
    label, pk = instance._meta.label, instance.pk
    transaction.on_commit(lambda: extract_file_text.enqueue(label, pk))
