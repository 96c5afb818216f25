from django.core.management.base import BaseCommand

from councils import services


class Command(BaseCommand):
    help = (
        "E-mail each partner's administrators the council consultations that are overdue "
        "(planned session passed, still pending or on the agenda). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for the worker instead of sending here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from councils.tasks import remind_overdue_consultations

            result = remind_overdue_consultations.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        sent = services.send_overdue_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
