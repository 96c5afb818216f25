"""`manage.py backup` and `manage.py restore`: one archive with the database and every
file, brought back exactly into an empty database, refused into anything else."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import load_backend

from cooperation.models import Partner
from core.backup import BackupError, restore_backup

BASE_DIR = Path(__file__).resolve().parents[2]


def _server_connection():
    settings_dict = connection.settings_dict
    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty database on the same server (or a new SQLite file), unique per
    test process: yields its settings (as Django's connection settings)."""
    if connection.vendor == "postgresql":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"{connection.settings_dict['NAME']}_restore_{worker}_{os.getpid()}"[:63]
        with _server_connection() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')
            server.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {**connection.settings_dict, "NAME": name}
        finally:
            with _server_connection() as server:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}


def open_database(settings_dict):
    # An alias that exists in `connections`: django.contrib.postgres looks it up when the
    # connection opens (its type handlers). The wrapper is still a connection of its own.
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="default")


def database_url(settings_dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


def manage(*args, database, media_root):
    """manage.py in a fresh process for the given database and media folder, as an
    operator would run it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="impuls.settings",
        DATABASE_URL=database_url(database),
        MEDIA_ROOT=str(media_root),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def table_rows(db) -> dict[str, list]:
    """Every row of every model's table (historical ones and many-to-many tables
    included), ordered by primary key."""
    rows = {}
    with db.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = db.ops.quote_name(model._meta.db_table)
            pk = db.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            rows[model._meta.label] = cursor.fetchall()
    return rows


def checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def history_rows(rows: dict[str, list]) -> int:
    return sum(
        len(table_rows)
        for label, table_rows in rows.items()
        if apps.get_model(label).__name__.startswith("Historical")
    )


def test_it_backs_up_the_demo_and_restores_it_exactly(
    transactional_db, settings, tmp_path, empty_database
):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    archive = tmp_path / "backups" / "impuls.tar"
    out = io.StringIO()

    call_command("backup", str(archive), stdout=out)

    assert "Sicherung geschrieben" in out.getvalue()
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes
    restored_media = tmp_path / "restored-media"
    result = manage("restore", str(archive), database=empty_database, media_root=restored_media)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Wiederhergestellt und geprüft" in result.stdout

    source = table_rows(connection)
    target_db = open_database(empty_database)
    try:
        target = table_rows(target_db)
    finally:
        target_db.close()
    counts = {label: len(rows) for label, rows in source.items()}
    assert counts["cooperation.Partner"] == Partner.objects.count() > 5
    assert {label: len(rows) for label, rows in target.items()} == counts
    assert history_rows(target) == history_rows(source) > 100
    assert target == source  # every row, every value
    files = checksums(Path(settings.MEDIA_ROOT))
    assert len(files) >= 4  # the demo's papers
    assert checksums(restored_media) == files

    # And the restored copy may not be restored over.
    again = manage("restore", str(archive), database=empty_database, media_root=tmp_path / "m")
    assert again.returncode != 0
    assert "Die Zieldatenbank ist nicht leer" in again.stderr


@pytest.fixture
def small_archive(db, settings, tmp_path):
    """A backup of the (migrated, otherwise empty) test database and two files."""
    media = Path(settings.MEDIA_ROOT)
    (media / "paper").mkdir(parents=True)
    (media / "paper" / "a.pdf").write_bytes(b"%PDF-1.4 a")
    (media / "documents").mkdir()
    (media / "documents" / "b.pdf").write_bytes(b"%PDF-1.4 b")
    archive = tmp_path / "small.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    return archive


def rewrite(archive: Path, tmp_path: Path, change) -> Path:
    """A copy of the archive in which `change(name, data)` may alter each member's bytes."""
    changed = tmp_path / f"changed-{archive.name}"
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return changed


def change_manifest(edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


def assert_refused(archive, empty_database, media_root, message):
    target = open_database(empty_database)
    try:
        with pytest.raises(BackupError, match=message):
            restore_backup(archive, connection=target, media_root=media_root)
        with target.cursor() as cursor:
            assert target.introspection.table_names(cursor) == []  # nothing written
    finally:
        target.close()
    assert not media_root.exists() or not any(media_root.iterdir())


def test_it_refuses_a_target_database_that_is_not_empty(small_archive):
    before = Partner.objects.count()

    with pytest.raises(CommandError, match="Die Zieldatenbank ist nicht leer"):
        call_command("restore", str(small_archive), stdout=io.StringIO())

    assert Partner.objects.count() == before


def test_it_refuses_a_media_folder_that_is_not_empty(small_archive, empty_database, tmp_path):
    media_root = tmp_path / "media-in-use"
    media_root.mkdir()
    (media_root / "old.pdf").write_bytes(b"old")

    target = open_database(empty_database)
    try:
        with pytest.raises(BackupError, match=r"Medienordner .* ist nicht leer"):
            restore_backup(small_archive, connection=target, media_root=media_root)
    finally:
        target.close()
    assert [path.name for path in media_root.iterdir()] == ["old.pdf"]


def test_it_refuses_an_archive_whose_file_does_not_match_its_checksum(
    small_archive, empty_database, tmp_path
):
    def corrupt(name, data):
        return b"%PDF-1.4 B" if name == "media/documents/b.pdf" else data

    broken = rewrite(small_archive, tmp_path, corrupt)

    assert_refused(
        broken, empty_database, tmp_path / "target-media", "Prüfsumme falsch: media/documents"
    )
    with pytest.raises(CommandError, match="Prüfsumme falsch"):
        call_command("restore", str(broken), verify_only=True, stdout=io.StringIO())


def test_it_refuses_an_archive_with_a_corrupted_database_dump(
    small_archive, empty_database, tmp_path
):
    def corrupt(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database.") else data

    broken = rewrite(small_archive, tmp_path, corrupt)

    assert_refused(broken, empty_database, tmp_path / "target-media", "Prüfsumme falsch: database")


def test_it_refuses_an_archive_with_other_migrations(small_archive, empty_database, tmp_path):
    def future(manifest):
        manifest["migrations"]["meetings"].append("0099_from_the_future")

    newer = rewrite(small_archive, tmp_path, change_manifest(future))

    assert_refused(newer, empty_database, tmp_path / "target-media", "0099_from_the_future")


def test_it_refuses_a_file_path_outside_the_media_folder(small_archive, empty_database, tmp_path):
    def escape(manifest):
        manifest["media"][0]["path"] = "../../etc/cron.d/evil"

    evil = rewrite(small_archive, tmp_path, change_manifest(escape))

    assert_refused(evil, empty_database, tmp_path / "target-media", "Unzulässiger Dateipfad")
    assert not (tmp_path / "etc").exists()


def test_it_refuses_an_archive_with_a_file_the_manifest_does_not_list(
    small_archive, empty_database, tmp_path
):
    def forget(manifest):
        manifest["media"] = manifest["media"][1:]

    extra = rewrite(small_archive, tmp_path, change_manifest(forget))

    assert_refused(extra, empty_database, tmp_path / "target-media", "nicht im Manifest")


def test_it_never_overwrites_an_archive(small_archive):
    before = small_archive.read_bytes()

    with pytest.raises(CommandError, match="gibt es schon"):
        call_command("backup", str(small_archive), stdout=io.StringIO())

    assert small_archive.read_bytes() == before


def test_the_small_archive_restores(small_archive, empty_database, tmp_path, settings):
    target = open_database(empty_database)
    try:
        manifest = restore_backup(small_archive, connection=target, media_root=tmp_path / "m")
    finally:
        target.close()

    assert {item["path"] for item in manifest["media"]} == {"paper/a.pdf", "documents/b.pdf"}
    assert checksums(tmp_path / "m") == checksums(Path(settings.MEDIA_ROOT))
