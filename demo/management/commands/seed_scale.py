"""Generate years of plausible cooperation work on top of the demo region.

The logic lives in `demo/scale.py`; this command checks the setting,
loads the demo region first when it is missing and prints what was written.
"""

import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo import scale as scale_data
from demo.management.commands.seed_demo import format_table


class Command(BaseCommand):
    help = (
        "Generate scale data for load tests and the report benchmark: per year about 60 "
        "meetings, 600 agenda items, 250 decisions with progress logs, 500 findings and 30 "
        "accounts, on top of the demo region (loaded first if missing). Writes nothing when "
        "the data is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=10,
            help="How many years back from today to fill (default 10; 1 gives about a tenth).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=scale_data.DEFAULT_SEED,
            help="Seed of the random generator (the same seed on the same day gives the same "
            "data).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (the data is invented and meant for test systems).",
        )

    def handle(self, *args, years, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Die Skalierungsdaten sind erfundene Testdaten und werden deshalb nur bei "
                "DEBUG=True erzeugt. Wer sie trotzdem erzeugen will, ruft den Befehl mit "
                "--force auf."
            )
        if years < 1:
            raise CommandError("--years muss mindestens 1 sein.")
        started = time.perf_counter()
        if scale_data.scale_data_exists():
            self.stdout.write(
                "Skalierungsdaten sind bereits vorhanden (Konten "
                f"„{scale_data.SCALE_USERNAME_PREFIX}…“); nichts geschrieben."
            )
            return
        if not scale_data.demo_region_exists():
            self.stdout.write("Demoregion fehlt: lade zuerst die Demodaten (seed_demo) …")
            demo_output = io.StringIO()
            call_command("seed_demo", force=True, stdout=demo_output)
            if options.get("verbosity", 1) > 1:
                self.stdout.write(demo_output.getvalue())
        result = scale_data.seed_scale(years=years, seed=seed)
        if not result.created:  # created by someone else in the meantime
            self.stdout.write("Skalierungsdaten sind bereits vorhanden; nichts geschrieben.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Skalierungsdaten für {result.period_from:%d.%m.%Y} bis "
                f"{result.period_until:%d.%m.%Y} erzeugt in {result.seconds:.1f} s "
                f"(insgesamt {time.perf_counter() - started:.1f} s)."
            )
        )
        self.stdout.write("")
        rows = [(label, str(count)) for label, count in result.counts.items()]
        self.stdout.write(format_table(("Bereich", "neu"), rows))
