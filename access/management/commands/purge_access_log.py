from django.conf import settings
from django.core.management.base import BaseCommand

from access import services


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than ACCESS_LOG_RETENTION_DAYS and expired "
        "sessions. Run nightly (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for the worker instead of deleting here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from access.tasks import purge_access_log

            result = purge_access_log.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        deleted = services.purge_access_log()
        sessions = services.purge_expired_sessions()
        self.stdout.write(
            f"{deleted} access-log entries older than {settings.ACCESS_LOG_RETENTION_DAYS} "
            f"days deleted, {sessions} expired sessions."
        )
