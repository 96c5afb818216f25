"""Load benchmark: logged-in sessions over the main pages against gunicorn, over HTTP.

Meant for the demo with ten years of scale data on PostgreSQL (like `bench_pages`). The
command starts gunicorn itself on a free loopback port with DEBUG off, on the database
this process uses (so a test can point it at the test database), creates `--sessions`
logged-in sessions past the second factor directly in the session store (the demo's
persona accounts, in turn), and then

1. measures the floor page (`/status/`) idle: one request after another, nothing else;
2. runs the sessions for `--duration` seconds: each requests a random main page, waits
   a think time (`--think`, jittered by ±50 %), and so on; meanwhile a probe requests
   the floor page every half second;
3. stops gunicorn (also on Ctrl-C and errors), deletes its sessions and reports
   requests, errors, p50/p95/p99 overall and per page, requests per second, the floor's
   idle p99 against its p99 under load, and whether the targets hold: no errors, p99 ≤
   500 ms, loaded floor p99 ≤ 2× idle floor p99 (`--check` fails when one does not).

Every request opens its own connection and sends `Connection: close`, as a reverse proxy
(nginx's default) does towards the app server, and `X-Forwarded-Proto: https`, as behind
the TLS proxy of production (`BEHIND_TLS_PROXY=true`). An error is an answer other than
2xx/3xx, a redirect to the login page (a session that stopped working), a timeout or a
connection error.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.services import set_session_limits
from access.session_store import AGENT_KEY, LOGIN_AT_KEY, SessionStore
from accounts.models import User
from accounts.second_factor import VERIFIED_AT_SESSION_KEY
from cooperation.permissions import has_strict_session

from .bench_pages import PERSONAS, main_pages, percentile

TARGET_P99_MS = 500.0
TARGET_FLOOR_FACTOR = 2.0
FLOOR_LABEL = "Vergleichsseite"
PROBE_INTERVAL = 0.5  # seconds between the floor probe's requests under load
REQUEST_TIMEOUT = 30.0  # seconds; gunicorn's own worker timeout is 30 s as well
USER_AGENT = "bench_load"


@dataclass
class Sample:
    label: str
    ms: float
    ok: bool
    status: int = 0  # 0: no answer


@dataclass
class Stats:
    label: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float

    @classmethod
    def of(cls, label: str, samples: list[Sample]) -> Stats:
        times = [s.ms for s in samples] or [0.0]
        return cls(
            label,
            len(samples),
            sum(not s.ok for s in samples),
            percentile(times, 0.50),
            percentile(times, 0.95),
            percentile(times, 0.99),
        )


@dataclass
class Result:
    pages: list[Stats]
    overall: Stats
    rate: float
    floor_idle: Stats
    floor_loaded: Stats
    errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def floor_factor(self) -> float:
        return self.floor_loaded.p99 / self.floor_idle.p99 if self.floor_idle.p99 else 0.0

    def targets(self) -> list[tuple[str, bool]]:
        return [
            ("0 Fehler", self.overall.errors + self.floor_loaded.errors == 0),
            (f"p99 ≤ {TARGET_P99_MS:g} ms", self.overall.p99 <= TARGET_P99_MS),
            (
                f"Vergleichsseite p99 unter Last ≤ {TARGET_FLOOR_FACTOR:g}× leer",
                self.floor_factor <= TARGET_FLOOR_FACTOR,
            ),
        ]


# --- gunicorn ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """The URL (for dj-database-url) of the database this process uses: under pytest
    the test database, so that gunicorn sees what the test committed."""
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine.endswith("sqlite3"):
        if name in ("", ":memory:") or name.startswith("file:"):
            raise CommandError("Eine SQLite-Datenbank im Speicher ist für gunicorn unerreichbar.")
        return f"sqlite:///{Path(name).resolve()}"
    if not engine.endswith(("postgresql", "postgis")):
        raise CommandError(f"Nicht unterstützte Datenbank: {engine}.")
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else f"{user}@" if user else ""
    host = quote(settings_dict.get("HOST") or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(name, safe='')}"


def _libc_prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
    except (OSError, AttributeError):
        return None


# Looked up here, not in the forked child (no dlopen between fork and exec).
_PRCTL = _libc_prctl()


def _die_with_parent() -> None:
    """In the child before exec: gunicorn's master gets SIGTERM when this process dies,
    even by SIGKILL (Linux); its workers follow their master."""
    _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Gunicorn:
    """gunicorn serving impuls.wsgi on 127.0.0.1:`port`, DEBUG off; a context manager
    that always stops it (the whole process group) on the way out."""

    def __init__(
        self,
        *,
        workers: int,
        threads: int,
        static_root: Path,
        env: dict | None = None,
        worker_connections: int | None = None,
    ):
        self.workers = workers
        self.threads = threads
        # gthread: connections a worker holds at once. One per thread (the default here)
        # makes a worker take a new connection only when one of its threads is free, so
        # a quick request waits in the shared listen queue for any free thread instead
        # of behind a slow one in a busy worker (gunicorn's own default is 1,000).
        self.worker_connections = worker_connections or threads
        self.port = free_port()
        self.static_root = static_root
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.pid = 0
        # gunicorn's output, shown when it fails to start; removed when it is stopped.
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop())
            prefix="bench_load-gunicorn-", suffix=".log"
        )

    @property
    def worker_class(self) -> str:
        return "gthread" if self.threads > 1 else "sync"

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "impuls.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--worker-class",
            self.worker_class,
            *(
                # No kept-alive connections: every slot is a thread (the proxy in front
                # closes its connections to the app server, as nginx does by default).
                ["--worker-connections", str(self.worker_connections)]
                + (["--keep-alive", "0"] if self.worker_connections <= self.threads else [])
                if self.worker_class == "gthread"
                else []
            ),
            # gunicorn 27's control socket has one default path for every instance.
            "--no-control-socket",
            "--graceful-timeout",
            "5",
        ]

    def environment(self) -> dict:
        env = dict(os.environ)
        hosts = [h for h in env.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "impuls.settings",
                "DEBUG": "false",
                # The sessions' hashes are made here: the server must use the same key.
                "SECRET_KEY": settings.SECRET_KEY,
                "ALLOWED_HOSTS": ",".join([*hosts, "127.0.0.1"]),
                "DATABASE_URL": database_url(connection.settings_dict),
                "BEHIND_TLS_PROXY": "true",
                "STATIC_ROOT": str(self.static_root),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        return env

    def __enter__(self) -> Gunicorn:
        self.process = subprocess.Popen(
            self.command,
            cwd=settings.BASE_DIR,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
            preexec_fn=_die_with_parent if _PRCTL is not None else None,
        )
        self.pid = self.process.pid
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn hat sich beendet:\n{self.log_tail()}")
            try:
                status, _ = asyncio.run(fetch(self.port, reverse("floor"), cookie="", timeout=5))
            except OSError:
                status = 0
            if status:
                return
            time.sleep(0.2)
        raise CommandError(f"gunicorn antwortet nicht:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process is not None:
            # Workers the master left behind (it was killed): the rest of the group.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        self.log.close()


# --- sessions -----------------------------------------------------------------------------


def create_session(user: User) -> str:
    """A session as after a login with password and second factor (what django.contrib.auth
    and the login receivers store), written straight to the session store; its key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise CommandError(f"{user.username} hat keinen zweiten Faktor (seed_demo ausführen).")
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_SESSION_KEY] = time.time()
    session[LOGIN_AT_KEY] = time.time()
    session[AGENT_KEY] = USER_AGENT
    set_session_limits(session, strict=has_strict_session(user))
    session.create()
    return session.session_key


def delete_sessions(keys: list[str]) -> None:
    SessionStore.get_model_class().objects.filter(session_key__in=keys).delete()


# --- the client ---------------------------------------------------------------------------


async def fetch(port: int, path: str, *, cookie: str, timeout: float) -> tuple[int, str]:
    """GET `path` on a fresh connection; (status, Location header)."""
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            lines = [
                f"GET {quote(path, safe='/?=&+%')} HTTP/1.1",
                f"Host: 127.0.0.1:{port}",
                "X-Forwarded-Proto: https",
                f"User-Agent: {USER_AGENT}",
                "Accept: text/html",
                "Connection: close",
            ]
            if cookie:
                lines.append(f"Cookie: {cookie}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
            await writer.drain()
            data = await reader.read()  # to the end: the server closes
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    parts = head[0].split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise OSError("no HTTP answer")
    headers = dict(line.split(":", 1) for line in head[1:] if ":" in line)
    location = next((v.strip() for k, v in headers.items() if k.lower() == "location"), "")
    return int(parts[1]), location


class Client:
    def __init__(self, port: int, *, login_path: str, timeout: float = REQUEST_TIMEOUT):
        self.port = port
        self.login_path = login_path
        self.timeout = timeout
        self.errors: dict[str, int] = defaultdict(int)

    async def get(self, label: str, path: str, cookie: str) -> Sample:
        started = time.perf_counter()
        try:
            status, location = await fetch(self.port, path, cookie=cookie, timeout=self.timeout)
        except TimeoutError:
            status, reason = 0, "Zeitüberschreitung"
        except OSError as error:
            status, reason = 0, f"Verbindung: {type(error).__name__}"
        else:
            reason = ""
            if not 200 <= status < 400:
                reason = f"HTTP {status}"
            elif location.split("?")[0].endswith(self.login_path):
                reason = "zur Anmeldung umgeleitet"
        if reason:
            self.errors[f"{label}: {reason}"] += 1
        return Sample(label, (time.perf_counter() - started) * 1000, not reason, status)


async def measure_idle(client: Client, cookie: str, *, requests: int) -> list[Sample]:
    samples = []
    floor = reverse("floor")
    for _ in range(requests):
        samples.append(await client.get(FLOOR_LABEL, floor, cookie))
        await asyncio.sleep(0.02)
    return samples


async def run_load(
    client: Client,
    *,
    cookies: list[str],
    probe_cookie: str,
    pages: list[tuple[str, str]],
    duration: float,
    think: float,
    seed: int | None,
) -> tuple[list[Sample], list[Sample], float]:
    """(page samples, floor probe samples, elapsed seconds)."""
    rng = random.Random(seed)
    loop = asyncio.get_running_loop()
    started = loop.time()
    end = started + duration
    samples: list[Sample] = []
    probe: list[Sample] = []

    def pause() -> float:
        return think * rng.uniform(0.5, 1.5)

    async def session(cookie: str) -> None:
        # Sessions start spread over one think time, not all in the same instant.
        await asyncio.sleep(rng.uniform(0, think))
        while loop.time() < end:
            label, path = rng.choice(pages)
            samples.append(await client.get(label, path, cookie))
            await asyncio.sleep(min(pause(), max(0.0, end - loop.time())))

    async def floor_probe() -> None:
        floor = reverse("floor")
        while loop.time() < end:
            probe.append(await client.get(FLOOR_LABEL, floor, probe_cookie))
            await asyncio.sleep(PROBE_INTERVAL)

    await asyncio.gather(floor_probe(), *(session(c) for c in cookies))
    return samples, probe, loop.time() - started


# --- the command --------------------------------------------------------------------------


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


class Command(BaseCommand):
    help = (
        "Load benchmark: starts gunicorn (DEBUG off, loopback), runs logged-in sessions over "
        "the main pages and reports errors, p50/p95/p99 and the floor page idle vs. loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=50, help="Sessions (50).")
        parser.add_argument("--duration", type=float, default=60.0, help="Seconds (60).")
        parser.add_argument("--think", type=float, default=2.0, help="Think time, s (2, ±50 %%).")
        parser.add_argument(
            "--workers", type=int, default=3, help="gunicorn workers (3, as in the README)."
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=2,
            help="Threads per worker (2; 1: the sync worker, more: gthread).",
        )
        parser.add_argument(
            "--worker-connections",
            type=int,
            help="gthread: connections per worker at once (default: one per thread; "
            "gunicorn's own default is 1000).",
        )
        parser.add_argument(
            "--idle-requests", type=int, default=100, help="Floor requests before the load (100)."
        )
        parser.add_argument(
            "--static-root",
            help="Collected static files (DEBUG off needs the manifest). Default: STATIC_ROOT "
            "if collected, else collectstatic into a temporary folder first.",
        )
        parser.add_argument("--seed", type=int, help="Seed of the random page choice.")
        parser.add_argument("--check", action="store_true", help="Fail when a target is missed.")
        parser.add_argument(
            "--as",
            dest="accounts",
            action="append",
            metavar="PERSONA=BENUTZERNAME",
            help="Another account for a persona (default: the demo's accounts).",
        )

    def handle(self, *args, **options):
        for name in ("sessions", "workers", "threads", "idle_requests", "worker_connections"):
            if options[name] is not None and options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} muss mindestens 1 sein.")
        if options["duration"] <= 0 or options["think"] < 0:
            raise CommandError("--duration muss positiv, --think darf nicht negativ sein.")
        users = self.users(options["accounts"])
        pages = main_pages()
        keys: list[str] = []
        static_root, collected = self.static_root(options["static_root"])
        # SIGTERM ends the command like Ctrl-C: through the clean-up below.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            keys = [create_session(users[i % len(users)]) for i in range(options["sessions"] + 1)]
            cookies = [f"{settings.SESSION_COOKIE_NAME}={key}" for key in keys]
            server = Gunicorn(
                workers=options["workers"],
                threads=options["threads"],
                static_root=static_root,
                worker_connections=options["worker_connections"],
            )
            with server:
                self.stdout.write(
                    f"gunicorn (PID {server.pid}) auf 127.0.0.1:{server.port}: "
                    f"{server.workers} Worker × {server.threads} Thread(s) "
                    f"({server.worker_class}"
                    + (
                        f", {server.worker_connections} Verbindungen je Worker"
                        if server.worker_class == "gthread"
                        else ""
                    )
                    + "), DEBUG aus"
                )
                load_before = _load_average()
                result = asyncio.run(self.measure(server, cookies, pages, options))
                load_after = _load_average()
            self.stdout.write(f"gunicorn (PID {server.pid}) beendet")
        except KeyboardInterrupt:
            raise CommandError(
                "Abgebrochen (gunicorn ist beendet, die Sitzungen gelöscht)."
            ) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
            if keys:
                delete_sessions(keys)
            if collected:
                shutil.rmtree(static_root, ignore_errors=True)
        self.report(result, options, load_before, load_after)
        missed = [name for name, held in result.targets() if not held]
        if options["check"] and missed:
            raise CommandError("Ziel verfehlt: " + "; ".join(missed) + ".")

    def users(self, accounts: list[str] | None) -> list[User]:
        chosen = dict(PERSONAS)
        for account in accounts or []:
            name, _, username = account.partition("=")
            if name not in PERSONAS or not username:
                raise CommandError(f"--as erwartet PERSONA=BENUTZERNAME, nicht {account}.")
            chosen[name] = username
        found = {u.username: u for u in User.objects.filter(username__in=chosen.values())}
        missing = sorted(set(chosen.values()) - set(found))
        if missing:
            raise CommandError(f"Demokonto {', '.join(missing)} fehlt (seed_demo ausführen).")
        return [found[username] for username in chosen.values()]

    def static_root(self, given: str | None) -> tuple[Path, bool]:
        """(folder of collected static files, whether it is a temporary one)."""
        if given:
            path = Path(given)
            if not (path / "staticfiles.json").exists():
                raise CommandError(f"{path} enthält kein staticfiles.json (collectstatic).")
            return path, False
        if (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            return Path(settings.STATIC_ROOT), False
        path = Path(tempfile.mkdtemp(prefix="bench_load-static-"))
        self.stdout.write(f"collectstatic nach {path} (DEBUG aus braucht das Manifest) …")
        env = {**os.environ, "DEBUG": "false", "STATIC_ROOT": str(path)}
        env.setdefault("SECRET_KEY", settings.SECRET_KEY)
        env.setdefault("ALLOWED_HOSTS", "127.0.0.1")
        done = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            shutil.rmtree(path, ignore_errors=True)
            raise CommandError(f"collectstatic ist gescheitert:\n{done.stderr[-2000:]}")
        return path, True

    async def measure(self, server: Gunicorn, cookies, pages, options) -> Result:
        client = Client(server.port, login_path=reverse("login"))
        probe_cookie, session_cookies = cookies[0], cookies[1:]
        # Warm-up, not measured: every page once, the floor once per worker and thread.
        for label, path in pages:
            await client.get(label, path, probe_cookie)
        for _ in range(server.workers * server.threads):
            await client.get(FLOOR_LABEL, reverse("floor"), probe_cookie)
        client.errors.clear()
        idle = await measure_idle(client, probe_cookie, requests=options["idle_requests"])
        samples, probe, elapsed = await run_load(
            client,
            cookies=session_cookies,
            probe_cookie=probe_cookie,
            pages=pages,
            duration=options["duration"],
            think=options["think"],
            seed=options["seed"],
        )
        by_label: dict[str, list[Sample]] = defaultdict(list)
        for sample in samples:
            by_label[sample.label].append(sample)
        return Result(
            pages=[Stats.of(label, by_label[label]) for label, _path in pages],
            overall=Stats.of("Gesamt", samples),
            rate=(len(samples) + len(probe)) / elapsed if elapsed else 0.0,
            floor_idle=Stats.of(f"{FLOOR_LABEL} leer", idle),
            floor_loaded=Stats.of(f"{FLOOR_LABEL} unter Last", probe),
            errors=dict(client.errors),
            statuses=dict(Counter(s.status for s in [*samples, *probe])),
        )

    def report(self, result: Result, options, load_before: str, load_after: str) -> None:
        self.stdout.write(
            f"\n{options['sessions']} Sitzungen, {options['duration']:g} s, Denkzeit "
            f"{options['think']:g} s (±50 %), Last der Maschine (1, 5, 15 min) vorher "
            f"{load_before}, nachher {load_after}\n"
        )
        header = (
            f"{'Seite':<30} {'Anfr.':>6} {'Fehler':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        rows = [*result.pages, result.overall, result.floor_idle, result.floor_loaded]
        for s in rows:
            if s is result.overall:
                self.stdout.write("-" * len(header))
            times = (
                f"{s.p50:>8.1f} {s.p95:>8.1f} {s.p99:>8.1f}"
                if s.requests
                else f"{'–':>8} {'–':>8} {'–':>8}"
            )
            self.stdout.write(f"{s.label:<30} {s.requests:>6} {s.errors:>6} {times}")
        self.stdout.write(f"\nAnfragen/s (unter Last, mit der Sonde): {result.rate:.1f}")
        statuses = ", ".join(
            f"{status or 'keine'}: {count}" for status, count in sorted(result.statuses.items())
        )
        self.stdout.write(f"Antworten unter Last nach HTTP-Status: {statuses}")
        self.stdout.write(
            f"Vergleichsseite p99: leer {result.floor_idle.p99:.1f} ms, unter Last "
            f"{result.floor_loaded.p99:.1f} ms ({result.floor_factor:.1f}×)"
        )
        for reason, count in sorted(result.errors.items()):
            self.stdout.write(f"Fehler: {count}× {reason}")
        self.stdout.write("\nZiele:")
        for name, held in result.targets():
            self.stdout.write(f"  {'erfüllt ' if held else 'verfehlt'}  {name}")
