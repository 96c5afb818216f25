"""`manage.py bench_load` starts gunicorn on the test database, runs logged-in sessions
over HTTP and always stops gunicorn again (the timings themselves are not checked).

The tests commit (gunicorn is another process and reads what they wrote), so they use a
transactional database. DEBUG off needs collected static files: the tests give gunicorn a
manifest that maps every file to itself (tests/app_servers.py)."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from access.models import Session
from demo.management.commands import bench_load
from demo.management.commands.bench_pages import main_pages
from tests.app_servers import identity_manifest
from tests.second_factor import device_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def accounts(world):
    users = {
        "Vorstand": world.board_member,
        "Geschäftsstelle": world.office,
        "AG-Mitglied": world.wg_member,
    }
    for user in users.values():
        device_for(user)
    return [arg for name, user in users.items() for arg in ("--as", f"{name}={user.username}")]


@pytest.fixture
def static_root(tmp_path):
    return identity_manifest(tmp_path)


def bench(*args) -> str:
    out = io.StringIO()
    call_command("bench_load", *args, stdout=out)
    return out.getvalue()


def serving(port: int) -> list[str]:
    """Command lines of the processes still bound to the benchmark's address."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"127.0.0.1:{port} " in text:
            found.append(text)
    return found


def test_it_reports_sessions_over_the_main_pages_and_stops_gunicorn(accounts, static_root):
    output = bench(
        *accounts,
        *("--sessions", "2", "--duration", "3", "--think", "0.3", "--idle-requests", "5"),
        *("--workers", "1", "--threads", "2", "--static-root", str(static_root), "--seed", "1"),
    )
    lines = output.splitlines()

    started = re.search(
        r"gunicorn \(PID (\d+)\) auf 127\.0\.0\.1:(\d+): 1 Worker × 2 Thread\(s\) "
        r"\(gthread, 2 Verbindungen je Worker\)",
        output,
    )
    assert started, output
    pid, port = map(int, started.groups())
    assert f"gunicorn (PID {pid}) beendet" in lines
    assert serving(port) == []
    assert not Path(f"/proc/{pid}").exists()
    assert not Session.objects.filter(user_agent=bench_load.USER_AGENT).exists()

    def row(label):
        line = next(line for line in lines if line.startswith(f"{label:<30} "))
        return line[31:].split()

    for label, _url in main_pages():
        assert len(row(label)) == 5, label
    requests, errors, *times = row("Gesamt")
    assert int(requests) > 2 and errors == "0", output
    assert all(float(t) > 0 for t in times)
    assert row("Vergleichsseite leer")[:2] == ["5", "0"]
    assert int(row("Vergleichsseite unter Last")[0]) >= 2
    assert re.search(r"^Antworten unter Last nach HTTP-Status: 200: \d+$", output, re.M), output
    assert re.search(r"^Vergleichsseite p99: leer [\d.]+ ms, unter Last [\d.]+ ms", output, re.M)
    targets = lines[lines.index("Ziele:") + 1 :]
    assert [t.split(maxsplit=1)[1] for t in targets] == [
        "0 Fehler",
        "p99 ≤ 500 ms",
        "Vergleichsseite p99 unter Last ≤ 2× leer",
    ]
    assert targets[0].split()[0] == "erfüllt"


def test_it_stops_gunicorn_when_interrupted(accounts, static_root, monkeypatch):
    seen = {}

    async def interrupted(client, **kwargs):
        seen["port"] = client.port
        seen["processes"] = serving(client.port)
        raise KeyboardInterrupt

    monkeypatch.setattr(bench_load, "run_load", interrupted)

    with pytest.raises(CommandError, match="Abgebrochen"):
        bench(
            *accounts,
            *("--sessions", "1", "--idle-requests", "1", "--workers", "2"),
            *("--static-root", str(static_root)),
        )

    assert len(seen["processes"]) == 1 + 2  # the master and its two workers were running
    assert serving(seen["port"]) == []
    assert not Session.objects.filter(user_agent=bench_load.USER_AGENT).exists()


def test_gthread_workers_take_one_connection_per_thread_unless_told_otherwise(tmp_path):
    """A busy worker must not accept a request it cannot start (it would wait behind a
    slow page while another worker idles): one connection per thread, no keep-alive."""

    def option(command, name):
        return command[command.index(name) + 1] if name in command else None

    default = bench_load.Gunicorn(workers=3, threads=2, static_root=tmp_path).command
    assert option(default, "--worker-class") == "gthread"
    assert option(default, "--worker-connections") == "2"
    assert option(default, "--keep-alive") == "0"

    told = bench_load.Gunicorn(
        workers=3, threads=2, static_root=tmp_path, worker_connections=1000
    ).command
    assert option(told, "--worker-connections") == "1000"
    assert option(told, "--keep-alive") is None

    sync = bench_load.Gunicorn(workers=4, threads=1, static_root=tmp_path).command
    assert option(sync, "--worker-class") == "sync"
    assert option(sync, "--worker-connections") is None
