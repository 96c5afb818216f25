"""Background tasks: the access log's retention (`manage.py purge_access_log` nightly
runs the same; the task is for deployments that schedule through the worker)."""

from django_tasks import task

from . import services


@task(queue_name="default")
def purge_access_log() -> int:
    services.purge_expired_sessions()
    return services.purge_access_log()
