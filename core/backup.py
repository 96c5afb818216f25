"""Backup and restore of the whole portal: the database and every file in MEDIA_ROOT.

One archive (`.tar`, or `.tar.gz` by its name) holds

* `database.dump`: PostgreSQL's own dump (`pg_dump --format=custom`), taken in one
  snapshot with the row counts below; or `database.sqlite3`: a copy made by SQLite's
  online backup API;
* `media/…`: every uploaded and generated file (papers, attachments, the contract,
  the PDFs of the document archive), by its path below MEDIA_ROOT;
* `manifest.json` (last): format and version, when it was made, the Django version,
  the database (vendor, server and tool versions, the dump's size and SHA-256, the rows
  of every table), the applied migrations, and per file its path, size and SHA-256.

A restore goes only into an empty database and an empty (or missing) media folder, with
the code whose migrations the archive has applied. It checks every checksum before it
writes anything (the files are unpacked next to the media folder first), restores the
database (`pg_restore` in one transaction, or SQLite's backup API), moves the files into
place and then checks again: every file's checksum, every table's row count and the
migrations. Any difference is an error (`BackupError`, in German for the operator).

This module knows nothing of the portal's apps: it copies all tables and all files.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

import django
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

FORMAT = "impuls-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or restore was refused or failed (German, shown to the operator)."""


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


# --- Backup -------------------------------------------------------------------------


def create_backup(archive: Path, *, connection: BaseDatabaseWrapper, media_root: Path) -> dict:
    """Write the database of `connection` and every file below `media_root` to `archive`
    (which must not exist yet) and return the manifest. The archive appears under its
    name only when complete, readable by its owner only (it holds password hashes)."""
    archive = Path(archive).absolute()
    media_root = Path(media_root).absolute()
    if archive.exists():
        raise BackupError(f"{archive} gibt es schon; eine Sicherung überschreibt nichts.")
    if archive.is_relative_to(media_root):
        raise BackupError("Die Sicherung darf nicht im Medienordner liegen, den sie sichert.")
    if connection.vendor not in DUMPS:
        raise BackupError(f"Datenbanken vom Typ {connection.vendor} werden nicht unterstützt.")
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(f".{archive.name}.partial")
    with tempfile.TemporaryDirectory(prefix=".impuls-backup-", dir=archive.parent) as tmp:
        dump = Path(tmp) / DUMPS[connection.vendor]
        if connection.vendor == "postgresql":
            database = _dump_postgresql(connection, dump)
        else:
            database = _dump_sqlite(connection, dump)
        migrations = database.pop("migrations")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode=_mode(archive)) as tar:
                dumped = _add_file(tar, dump, dump.name)
                files = [
                    FileEntry(relative, *_add_file(tar, path, f"{MEDIA}/{relative}"))
                    for path, relative in _media_files(media_root)
                ]
                manifest = {
                    "format": FORMAT,
                    "version": FORMAT_VERSION,
                    "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                    "django": django.get_version(),
                    "database": {
                        **database,
                        "file": dump.name,
                        "size": dumped[0],
                        "sha256": dumped[1],
                    },
                    "migrations": migrations,
                    "media": [asdict(entry) for entry in files],
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
            os.replace(partial, archive)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _mode(archive: Path) -> str:
    return "w:gz" if archive.name.endswith((".tar.gz", ".tgz")) else "w"


def _media_files(media_root: Path):
    """(path, path below media_root in POSIX form) of every file, in a fixed order.
    Anything that is neither a file nor a folder (a symlink, a socket) is an error:
    a backup must not leave something out without saying so."""
    if not media_root.exists():
        return
    for folder, dirs, names in os.walk(media_root):
        dirs.sort()
        for name in [*sorted(names), *[d for d in dirs if os.path.islink(Path(folder, d))]]:
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                raise BackupError(f"{path} ist keine gewöhnliche Datei: Sicherung abgebrochen.")
            yield path, path.relative_to(media_root).as_posix()


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    return info


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> tuple[int, str]:
    """Add one file; its size and the SHA-256 of exactly the bytes that went in.

    The files are read after the database snapshot: one deleted or shortened meanwhile
    (a paper removed while the backup runs) stops the backup, to be run again."""
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            reader = _HashingReader(handle)
            tar.addfile(_tarinfo(name, stat.st_size, stat.st_mtime), reader)
    except OSError as error:
        raise BackupError(
            f"Die Datei {path} konnte nicht gelesen werden ({error}). Wurde sie während der "
            "Sicherung geändert oder gelöscht, rufen Sie die Sicherung noch einmal auf."
        ) from None
    return reader.size, reader.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    tar.addfile(_tarinfo(name, len(data), datetime.datetime.now().timestamp()), io.BytesIO(data))


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return {
            "vendor": "sqlite",
            "server_version": sqlite3.sqlite_version,
            "tool": "sqlite3 online backup",
            "tables": _sqlite_counts(copy),
            "migrations": _migrations(copy.execute("SELECT app, name FROM django_migrations")),
        }
    finally:
        copy.close()


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    counts = {}
    for table in sorted(tables):
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = db.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]
    return counts


def _dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> dict:
    """pg_dump in the snapshot in which the rows are counted and the migrations read,
    so that the manifest describes exactly what the dump holds, also while the portal
    is in use."""
    tool = _tool_version("pg_dump")
    snapshot_db = _fresh(connection)
    try:
        with snapshot_db.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            server = snapshot_db.pg_version
            if tool["major"] < server // 10000:
                raise BackupError(
                    f"{tool['text']} ist älter als der Datenbankserver ({_pg_text(server)}): "
                    "bitte pg_dump in der Version des Servers installieren."
                )
            counts = _counts(snapshot_db, cursor)
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations(cursor.fetchall())
            _run(
                "pg_dump",
                ["--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                snapshot_db.settings_dict,
                dbname=True,
            )
            cursor.execute("COMMIT")
    finally:
        snapshot_db.close()
    return {
        "vendor": "postgresql",
        "server_version": _pg_text(server),
        "tool": tool["text"],
        "tool_major": tool["major"],
        "tables": counts,
        "migrations": migrations,
    }


def _pg_text(version: int) -> str:
    return f"{version // 10000}.{version % 10000}"


def _fresh(connection: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    """A connection of its own to the same database (autocommit, nothing shared).

    It keeps the alias of `connection`: django.contrib.postgres looks the alias up in
    `connections` when a connection opens (its type handlers), so an alias of its own
    would not exist there."""
    backend = load_backend(connection.settings_dict["ENGINE"])
    return backend.DatabaseWrapper(dict(connection.settings_dict), alias=connection.alias)


def _counts(connection: BaseDatabaseWrapper, cursor) -> dict[str, int]:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _tool_version(tool: str) -> dict:
    try:
        text = subprocess.run(
            [tool, "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(
            f"{tool} fehlt oder läuft nicht ({error}); es gehört zu den PostgreSQL-Client-"
            "Programmen (Debian: postgresql-client)."
        ) from None
    match = re.search(r"\(PostgreSQL\) (\d+)", text)
    if not match:
        raise BackupError(f"Die Version von {tool} ist nicht zu erkennen: {text!r}")
    return {"text": text, "major": int(match.group(1))}


def _libpq_env(settings_dict: dict) -> dict[str, str]:
    """The connection of a Django database as libpq variables (no password in argv)."""
    options = settings_dict.get("OPTIONS") or {}
    env = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    return {name: str(value) for name, value in env.items() if value}


def _run(tool: str, args: list[str], settings_dict: dict, *, dbname: bool = False) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update(_libpq_env(settings_dict))
    command = [tool, "--no-password", *args]
    if dbname:
        command.append(settings_dict["NAME"])
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} ist gescheitert (Code {result.returncode}):\n{result.stderr}")


# --- Restore ------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.getmember(MANIFEST)
            manifest = json.load(tar.extractfile(member))
    except FileNotFoundError:
        raise BackupError(f"{archive} gibt es nicht.") from None
    except (tarfile.TarError, KeyError, ValueError, OSError) as error:
        raise BackupError(f"{archive} ist keine lesbare Sicherung ({error}).") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} ist keine Sicherung im Format {FORMAT} {FORMAT_VERSION} "
            f"(sondern {manifest.get('format')!r} {manifest.get('version')!r})."
        )
    return manifest


def check_migrations(manifest: dict) -> None:
    """The archive's database must have exactly the migrations of this code applied."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    code = {f"{app}.{name}" for app, name in loader.disk_migrations}
    archived = {f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names}
    if code == archived:
        return
    lines = []
    if archived - code:
        lines.append("nur in der Sicherung: " + ", ".join(sorted(archived - code)))
    if code - archived:
        lines.append("nur in diesem Programmstand: " + ", ".join(sorted(code - archived)))
    raise BackupError(
        "Die Migrationen der Sicherung passen nicht zu diesem Programmstand ("
        + "; ".join(lines)
        + "). Stellen Sie mit dem Programmstand wieder her, der die Sicherung geschrieben "
        "hat, und bringen Sie die Datenbank danach mit `manage.py migrate` auf den neuen."
    )


def verify_archive(archive: Path, *, unpack_to: Path | None = None) -> dict:
    """Check that the archive holds exactly the files of its manifest with their sizes
    and checksums; with `unpack_to`, also write them there (the dump as its file name,
    the media files below `media/`). Returns the manifest."""
    manifest = read_manifest(archive)
    expected = {manifest["database"]["file"]: manifest["database"]}
    for item in manifest["media"]:
        expected[f"{MEDIA}/{_safe_path(item['path'])}"] = item
    seen = set()
    with tarfile.open(archive, "r:*") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or member.name in seen or not member.isfile():
                raise BackupError(
                    f"Die Sicherung enthält {member.name!r}, das nicht im Manifest steht."
                )
            seen.add(member.name)
            item = expected[member.name]
            digest = hashlib.sha256()
            size = 0
            source = tar.extractfile(member)
            target = None
            if unpack_to is not None:
                path = unpack_to / member.name
                path.parent.mkdir(parents=True, exist_ok=True)
                target = open(path, "xb")  # noqa: SIM115 (closed below)
            try:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if target is not None:
                        target.write(chunk)
            finally:
                if target is not None:
                    target.close()
            if size != item["size"] or digest.hexdigest() != item["sha256"]:
                raise BackupError(
                    f"Prüfsumme falsch: {member.name} (erwartet {item['size']} Bytes, "
                    f"SHA-256 {item['sha256']}; gefunden {size} Bytes, {digest.hexdigest()})."
                )
    missing = set(expected) - seen
    if missing:
        raise BackupError("In der Sicherung fehlen: " + ", ".join(sorted(missing)))
    return manifest


def _safe_path(path: str) -> str:
    """A media path from the manifest, refused unless it stays below the media folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path:
        raise BackupError(f"Unzulässiger Dateipfad in der Sicherung: {path!r}")
    return pure.as_posix()


def restore_backup(archive: Path, *, connection: BaseDatabaseWrapper, media_root: Path) -> dict:
    """Bring the archive back into the empty database of `connection` and the empty or
    missing folder `media_root`; return the manifest. See the module docstring."""
    archive = Path(archive).absolute()
    media_root = Path(media_root).absolute()
    manifest = read_manifest(archive)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"Die Sicherung enthält eine {vendor}-Datenbank, das Ziel ist {connection.vendor}."
        )
    check_migrations(manifest)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"Die Zieldatenbank ist nicht leer ({len(tables)} Tabellen, "
            f"z. B. {sorted(tables)[0]}). Wiederhergestellt wird nur in eine leere "
            "Datenbank: legen Sie eine neue an."
        )
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise BackupError(
            f"Der Medienordner {media_root} ist nicht leer. Wiederhergestellt wird nur in "
            "einen leeren oder noch nicht vorhandenen Ordner."
        )
    if vendor == "postgresql":
        tool = _tool_version("pg_restore")
        if tool["major"] < manifest["database"]["tool_major"]:
            raise BackupError(
                f"{tool['text']} kann den Abzug von {manifest['database']['tool']} nicht lesen."
            )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".impuls-restore-", dir=media_root.parent))
    try:
        verify_archive(archive, unpack_to=staging)
        dump = staging / manifest["database"]["file"]
        if vendor == "postgresql":
            _run(
                "pg_restore",
                [
                    "--exit-on-error",
                    "--single-transaction",
                    "--no-owner",
                    "--no-privileges",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(dump),
                ],
                connection.settings_dict,
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        unpacked = staging / MEDIA
        unpacked.mkdir(exist_ok=True)
        if media_root.exists():
            media_root.rmdir()  # empty, checked above
        os.replace(unpacked, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _check_restored(manifest, connection=connection, media_root=media_root)
    return manifest


def _check_restored(manifest: dict, *, connection: BaseDatabaseWrapper, media_root: Path) -> None:
    """After writing: the database has every table with its rows and the migrations of
    the manifest, and the media folder exactly its files with their checksums."""
    problems = []
    with connection.cursor() as cursor:
        counts = _counts(connection, cursor)
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = _migrations(cursor.fetchall())
    for table in sorted(set(counts) | set(manifest["database"]["tables"])):
        want, got = manifest["database"]["tables"].get(table), counts.get(table)
        if want != got:
            problems.append(f"Tabelle {table}: {got} Zeilen statt {want}")
    if migrations != manifest["migrations"]:
        problems.append("die angewandten Migrationen weichen ab")
    written = {relative: path for path, relative in _media_files(media_root)}
    for item in manifest["media"]:
        path = written.pop(item["path"], None)
        if path is None:
            problems.append(f"Datei fehlt: {item['path']}")
        elif _sha256(path) != item["sha256"]:
            problems.append(f"Prüfsumme falsch: {item['path']}")
    problems += [f"Datei zu viel: {relative}" for relative in sorted(written)]
    if problems:
        raise BackupError(
            "Die Wiederherstellung stimmt nicht mit der Sicherung überein: "
            + "; ".join(problems)
            + ". Datenbank und Medienordner sind unvollständig: legen Sie beide neu an, "
            "bevor Sie es noch einmal versuchen."
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
