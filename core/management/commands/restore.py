from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, restore_backup, verify_archive


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into an EMPTY database and an empty or "
        "missing MEDIA_ROOT, checking every checksum before and after writing. Refuses a "
        "target that is not empty and an archive whose migrations differ from this code."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only check the archive's files against its manifest; write nothing.",
        )

    def handle(self, *args, archive, database, verify_only, **options):
        try:
            if verify_only:
                manifest = verify_archive(Path(archive))
            else:
                manifest = restore_backup(
                    Path(archive), connection=connections[database], media_root=settings.MEDIA_ROOT
                )
        except BackupError as error:
            raise CommandError(str(error)) from None
        db = manifest["database"]
        summary = (
            f"{len(db['tables'])} Tabellen, {sum(db['tables'].values())} Zeilen, "
            f"{len(manifest['media'])} Dateien (Sicherung vom {manifest['created_at']})"
        )
        if verify_only:
            self.stdout.write(f"Sicherung geprüft, alle Prüfsummen stimmen: {summary}")
        else:
            self.stdout.write(
                f"Wiederhergestellt und geprüft: {summary}\n  Medienordner: {settings.MEDIA_ROOT}"
            )
