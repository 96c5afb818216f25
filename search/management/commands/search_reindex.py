"""Rebuild every search vector (and, with --extract, the text of every uploaded file)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from core.search import (
    SearchableFile,
    install_triggers,
    is_postgresql,
    refresh_vectors,
    searchable_models,
)
from core.tasks import extract_and_store


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search: the triggers and every stored search vector "
        "(PostgreSQL); with --extract first read the text of every uploaded file again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract",
            action="store_true",
            help="Read the text of every paper and attachment again (slow: every file).",
        )

    def handle(self, *args, extract, **options):
        started = time.perf_counter()
        models = sorted(searchable_models(), key=lambda m: m._meta.label)
        if extract:
            for model in models:
                if not issubclass(model, SearchableFile):
                    continue
                pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
                self.stdout.write(
                    f"{model._meta.verbose_name_plural}: Text aus {len(pks)} Dateien …"
                )
                for done, pk in enumerate(pks, 1):
                    extract_and_store(model, pk)
                    if done % 100 == 0 or done == len(pks):
                        self.stdout.write(f"  {done}/{len(pks)}")
        if not is_postgresql():
            self.stdout.write(
                "Keine PostgreSQL-Datenbank: die Suche liest die Felder direkt "
                "(icontains), es gibt keine Suchvektoren zu erneuern."
            )
            return
        install_triggers(models)
        for model in models:
            step = time.perf_counter()
            count = refresh_vectors(model)
            # The rewritten rows sit in the GIN index's pending list until a VACUUM, and
            # the planner's statistics are those of the empty vectors: without this the
            # search scans whole tables until autovacuum comes round.
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ANALYZE {table}" if connection.in_atomic_block else f"VACUUM ANALYZE {table}"
                )
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {count} Suchvektoren erneuert "
                f"({time.perf_counter() - step:.1f} s)"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Suchindex neu aufgebaut in {time.perf_counter() - started:.1f} s.")
        )
