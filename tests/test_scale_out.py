"""Scale-out, proven: two app servers and two PDF workers on one PostgreSQL database.

Two gunicorn processes (A and B, each on its own port, DEBUG off, behind a pretend TLS
proxy as in production) and two `db_worker` processes share the test database and one
MEDIA_ROOT folder, as behind a load balancer without sticky sessions:

* a paper uploaded through A downloads through B, byte for byte;
* a login (password and second factor) on A is a login on B;
* decisions recorded in parallel through A and B get gapless, unique numbers;
* the two workers share the queued PDF builds, and every build runs exactly once.

The servers and workers are other processes that read what the test committed: the test
uses a transactional database. It is marked `scale_out` (`-m scale_out` runs it alone,
`-m "not scale_out"` leaves it out) and runs in the suite, so in CI.
"""

import http.client
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse
from django_otp.oath import totp
from django_tasks_db.models import DBTaskResult

from demo.management.commands.bench_load import Gunicorn
from documents import services as document_services
from documents.models import Document, DocumentKind, DocumentStatus, Edition
from meetings.models import Decision, MeetingStatus, Paper

from . import factories as f
from .app_servers import identity_manifest
from .second_factor import device_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.scale_out]

PASSWORD = "Skalierung-ohne-Sticky-Sessions-2026"
CSRF = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, chosen by the client
PARALLEL_DECISIONS = 10
PDF_JOBS = 6


class Server:
    """One app server as the load balancer sees it: a port to send requests to."""

    def __init__(self, name: str, port: int):
        self.name = name
        self.port = port

    def request(self, method, path, *, cookies=None, body=b"", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        cookie = "; ".join(f"{k}={v}" for k, v in {"csrftoken": CSRF, **(cookies or {})}.items())
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Cookie": cookie,
            "Connection": "close",
            **(headers or {}),
        }
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def post_form(self, path, fields: dict, *, cookies=None, files=None):
        boundary = secrets.token_hex(12)
        parts = []
        for name, value in {"csrfmiddlewaretoken": CSRF, **fields}.items():
            for item in value if isinstance(value, list) else [value]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{item}\r\n".encode()
                )
        for name, (filename, content, content_type) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            "POST",
            path,
            cookies=cookies,
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def session_cookie(headers) -> str:
    name = django_settings.SESSION_COOKIE_NAME
    for key, value in headers:
        match = re.match(rf"{name}=([^;]+)", value) if key.lower() == "set-cookie" else None
        if match:
            return match.group(1)
    raise AssertionError(f"no {name} cookie in {headers}")


def location(headers) -> str:
    return next(value for key, value in headers if key.lower() == "location")


@pytest.fixture
def shared_media(tmp_path, settings):
    """The folder both servers and both workers keep uploads and PDFs in (a mounted
    share in production, or S3-compatible storage through django-storages)."""
    media = tmp_path / "shared-media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def static_root(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    return identity_manifest(folder)


@pytest.fixture
def servers(world, shared_media, static_root):
    env = {"MEDIA_ROOT": str(shared_media)}
    with (
        Gunicorn(workers=1, threads=4, static_root=static_root, env=env) as a,
        Gunicorn(workers=1, threads=4, static_root=static_root, env=env) as b,
    ):
        yield Server("A", a.port), Server("B", b.port)


@pytest.fixture
def office_login(world):
    """The office's password as a production server can check it (the tests' own hasher
    is MD5, which the servers do not know) and its TOTP device."""
    world.office.password = PBKDF2PasswordHasher().encode(PASSWORD, "skalierung", 1000)
    world.office.save(update_fields=["password"])
    return world.office, device_for(world.office)


def log_in(server: Server, user, device) -> dict:
    """The real login on `server`: password, then the second factor; the session cookie."""
    name = django_settings.SESSION_COOKIE_NAME
    status, headers, _ = server.post_form(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert status == 302, status
    session = session_cookie(headers)
    code = f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"
    status, headers, _ = server.post_form(
        reverse("second_factor_verify"), {"otp_token": code}, cookies={name: session}
    )
    # Verified: on to the page asked for, not back to the code form.
    assert status == 302, status
    assert not location(headers).startswith(reverse("second_factor_verify")), headers
    if any(value.startswith(f"{name}=") for _key, value in headers):
        session = session_cookie(headers)  # cycled at the second step
    return {name: session}


def test_a_paper_uploaded_through_a_downloads_through_b(servers, world, office_login):
    a, b = servers
    session = log_in(a, *office_login)
    content = f.PDF_BYTES + b"% " + secrets.token_hex(4096).encode() + b"\n"

    status, _headers, _ = a.post_form(
        reverse("meetings:paper_upload", args=[world.meeting.pk]),
        {"title": "Haushaltsentwurf 2027", "agenda_item": str(world.public_item.pk)},
        cookies=session,
        files={"file": ("Haushalt.pdf", content, "application/pdf")},
    )

    assert status == 302, status
    paper = Paper.objects.get(title="Haushaltsentwurf 2027")
    status, _headers, downloaded = b.request(
        "GET", reverse("meetings:paper_download", args=[paper.pk]), cookies=session
    )
    assert status == 200
    assert downloaded == content


def test_a_login_on_a_is_a_login_on_b(servers, office_login):
    a, b = servers
    dashboard = reverse("overview:dashboard")
    assert b.request("GET", dashboard)[0] == 302  # not logged in: to the login page

    session = log_in(a, *office_login)

    status, _headers, body = b.request("GET", dashboard, cookies=session)
    assert status == 200
    assert reverse("logout").encode() in body


def test_decisions_recorded_in_parallel_through_both_stay_gapless(servers, world, office_login):
    a, b = servers
    session = log_in(a, *office_login)
    url = reverse("meetings:decision_create", args=[world.public_item.pk])

    def record(i):
        server = (a, b)[i % 2]
        fields = {
            "title": f"Parallel {i:02d} über {server.name}",
            "text": "Gleichzeitig über zwei App-Server beschlossen.",
            **{"votes_yes": "1", "votes_no": "0", "votes_abstain": "0"},
            **{"due_date": "", "quorum_override_reason": ""},
        }
        return server.post_form(url, fields, cookies=session)[0]

    with ThreadPoolExecutor(max_workers=PARALLEL_DECISIONS) as pool:
        statuses = list(pool.map(record, range(PARALLEL_DECISIONS)))

    assert statuses == [302] * PARALLEL_DECISIONS
    decisions = Decision.objects.filter(body=world.board, year=world.decision.year)
    sequences = sorted(decisions.values_list("sequence", flat=True))
    assert sequences == list(range(1, PARALLEL_DECISIONS + 2))  # world.decision is 001
    numbers = list(decisions.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert decisions.filter(title__endswith="über A").count() == PARALLEL_DECISIONS // 2
    assert decisions.filter(title__endswith="über B").count() == PARALLEL_DECISIONS // 2


def start_worker(name: str, log: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
    command += ["--max-tasks", "20", "--no-reload", "--interval", "0.2"]
    command += ["--no-startup-delay", "--worker-id", name, "-v1"]
    return subprocess.Popen(
        command,
        cwd=django_settings.BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_workers_share_the_pdf_builds_and_build_each_once(
    world,
    shared_media,
    static_root,
    settings,
    tmp_path,
):
    # The production backend (the tests otherwise run tasks at once, in the process).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]}
    }
    env = Gunicorn(workers=1, threads=1, static_root=static_root).environment()
    env["MEDIA_ROOT"] = str(shared_media)
    logs = {name: tmp_path / f"{name}.log" for name in ("worker-a", "worker-b")}
    workers = {name: start_worker(name, log, env) for name, log in logs.items()}
    try:
        wait_for(
            lambda: all(b"Starting worker" in log.read_bytes() for log in logs.values()),
            timeout=30,
            what="both workers to start",
        )
        meetings = [world.meeting] + [
            f.MeetingFactory(body=world.board, status=MeetingStatus.INVITED) for _ in range(2)
        ]
        documents = [
            document_services.request_meeting_document(
                meeting=meeting, kind=DocumentKind.INVITATION, edition=edition, actor=world.office
            )
            for meeting in meetings
            for edition in (Edition.PUBLIC, Edition.INTERNAL)
        ]
        assert len({d.pk for d in documents}) == PDF_JOBS

        wait_for(
            lambda: (
                not Document.objects.filter(
                    pk__in=[d.pk for d in documents],
                    status__in=[DocumentStatus.QUEUED, DocumentStatus.RUNNING],
                ).exists()
            ),
            timeout=45,
            what="the PDFs",
        )
    finally:
        for worker in workers.values():
            worker.terminate()
        for worker in workers.values():
            worker.wait(timeout=30)

    built = Document.objects.filter(pk__in=[d.pk for d in documents])
    assert sorted(built.values_list("status", "attempts")) == [(DocumentStatus.DONE, 1)] * PDF_JOBS
    for document in built:
        assert (shared_media / document.file.name).read_bytes()[:5] == b"%PDF-"
    tasks = DBTaskResult.objects.filter(task_path__endswith="build_document")
    assert tasks.count() == PDF_JOBS
    runs = [tuple(task.worker_ids) for task in tasks]
    assert all(len(run) == 1 for run in runs), runs  # nobody took another's job
    assert {run[0] for run in runs} == {"worker-a", "worker-b"}, runs  # both built
