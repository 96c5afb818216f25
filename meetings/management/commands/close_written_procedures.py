from django.core.management.base import BaseCommand

from meetings.models import WrittenProcedure
from meetings.services import procedures


class Command(BaseCommand):
    help = (
        "Send the due reminders of running written procedures and close those whose "
        "deadline has passed (each becomes the body's next decision). The worker does "
        "the same at each procedure's own times; run this regularly as a safety net "
        "(cron or a systemd timer, e.g. every 15 minutes)."
    )

    def handle(self, *args, **options):
        remind, close = procedures.procedures_due()
        sent = 0
        for pk in remind:
            sent += procedures.procedure_remind(procedure=WrittenProcedure(pk=pk))
        for pk in close:
            procedures.procedure_close(procedure=WrittenProcedure(pk=pk))
        self.stdout.write(
            f"{len(remind)} written procedures reminded ({sent} e-mails), {len(close)} closed."
        )
