"""Background task: the reminders of overdue council consultations
(`manage.py remind_consultations` daily does the same; the task is for deployments
that schedule through the worker)."""

from django_tasks import task

from . import services


@task(queue_name="default")
def remind_overdue_consultations() -> int:
    return services.send_overdue_reminders()
