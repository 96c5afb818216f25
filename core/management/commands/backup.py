import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive with the whole database (pg_dump for PostgreSQL, the online "
        "backup for SQLite), every file in MEDIA_ROOT and a manifest of SHA-256 checksums. "
        "Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            help=(
                "The archive to write (.tar, or .tar.gz to compress), or an existing folder: "
                "then impuls-YYYYMMDD-HHMMSS.tar in it."
            ),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, destination, database, **options):
        archive = Path(destination)
        if archive.is_dir():
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            archive = archive / f"impuls-{stamp}.tar"
        try:
            manifest = create_backup(
                archive, connection=connections[database], media_root=settings.MEDIA_ROOT
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        db = manifest["database"]
        rows = sum(db["tables"].values())
        size = sum(item["size"] for item in manifest["media"])
        self.stdout.write(
            f"Sicherung geschrieben: {archive}\n"
            f"  Datenbank ({db['vendor']} {db['server_version']}): {len(db['tables'])} "
            f"Tabellen, {rows} Zeilen\n"
            f"  Dateien: {len(manifest['media'])} ({size / 1_000_000:.1f} MB)\n"
            f"  SHA-256 des Archivs: {_sha256(archive)}"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
