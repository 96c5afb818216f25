"""Background tasks (Django's tasks API): PDFs are built on the "pdf" queue.

Run the worker with `manage.py db_worker --queue-name '*' --max-tasks 20` (or
`make worker`, which starts it afresh after every 20 documents: WeasyPrint does not
give memory back). Arguments are JSON: the document's primary key.
"""

from django_tasks import task

from . import build


@task(queue_name="pdf")
def build_document(document_id: int) -> None:
    build.build(document_id)
