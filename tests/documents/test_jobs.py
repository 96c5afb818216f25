"""Asking for documents, following the job, the archive and the download (issue 5, item 3)."""

import datetime
import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from documents import build
from documents.models import Document, DocumentKind, DocumentStatus
from meetings.models import MeetingStatus

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("documents:report_create")


def _report_data(**overrides):
    data = {
        "period_from": "2026-01-01",
        "period_until": "2026-12-31",
        "partner": "",
        "edition": "public",
        "foreword": "Sehr geehrte Damen und Herren,\n\nhiermit berichtet der Vorstand.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST and run what the request hands over after commit (the task, here at once)."""

    def do(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return do


def _download(client, document):
    response = client.get(reverse("documents:document_download", args=[document.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_office_creates_a_council_report_and_downloads_the_archived_file(client, post, world):
    client.force_login(world.office)
    response = post(REPORT_URL, _report_data())

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == document.get_absolute_url()
    assert document.status == DocumentStatus.DONE
    assert document.progress == 100
    assert document.requested_by == world.office
    assert document.parameters["edition"] == "public"
    assert document.parameters["period_from"] == "2026-01-01"
    assert document.page_count > 1

    response, content = _download(client, document)
    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert document.size == len(content)
    assert len(PdfReader(io.BytesIO(content)).pages) == document.page_count
    assert response["Repr-Digest"].startswith("sha-256=:")

    page = client.get(document.get_absolute_url())
    assert document.sha256 in page.content.decode()
    assert "PDF herunterladen" in page.content.decode()
    # Every state change is in the history, with the acting user.
    statuses = [(h.status, h.history_user) for h in document.history.order_by("history_id")]
    assert statuses[0] == (DocumentStatus.QUEUED, world.office)
    assert statuses[-1] == (DocumentStatus.DONE, world.office)


def test_a_board_member_reads_the_public_edition_but_cannot_build_reports(client, post, world):
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    post(REPORT_URL, _report_data(edition="internal"))
    public, internal = (
        Document.objects.get(edition="public"),
        Document.objects.get(edition="internal"),
    )

    client.force_login(world.board_member)
    listing = client.get(reverse("documents:report_list")).content.decode()
    assert public.get_absolute_url() in listing
    assert internal.get_absolute_url() not in listing
    assert _download(client, public)[1].startswith(b"%PDF-")
    assert client.get(internal.get_absolute_url()).status_code == 404
    download = reverse("documents:document_download", args=[internal.pk])
    assert client.get(download).status_code == 404
    assert post(REPORT_URL, _report_data()).status_code == 403
    assert Document.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"period_from": "2026-12-31", "period_until": "2026-01-01"},
            "period_until",
            "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.",
        ),
        ({"period_from": "31.13.2026"}, "period_from", "Bitte ein gültiges Datum eingeben."),
        ({"edition": "geheim"}, "edition", "Bitte eine gültige Auswahl treffen."),
        ({"partner": "999999"}, "partner", "Bitte eine gültige Auswahl treffen."),
        (
            {"period_from": "0001-01-01"},
            "period_from",
            "Bitte wählen Sie einen Zeitraum zwischen den Jahren 2000 und 2100.",
        ),
        (
            {"period_until": "9999-12-31"},
            "period_until",
            "Bitte wählen Sie einen Zeitraum zwischen den Jahren 2000 und 2100.",
        ),
    ],
)
def test_bad_input_is_refused_in_german_and_creates_nothing(
    client, post, world, data, field, message
):
    client.force_login(world.office)
    response = post(REPORT_URL, _report_data(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Document.objects.exists()


def test_a_second_click_while_the_job_waits_reuses_it(client, post, world, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["pdf"]}
    }
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    post(REPORT_URL, _report_data())
    document = Document.objects.get()
    assert document.status == DocumentStatus.QUEUED
    assert not document.file


def test_the_status_updates_itself_without_a_full_reload(client, post, world, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["pdf"]}
    }
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    document = Document.objects.get()

    page = client.get(document.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "<progress" in page
    assert 'aria-live="polite"' in page
    fragment = client.get(document.get_absolute_url(), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert "Daten werden zusammengestellt" not in fragment.content.decode()
    assert "Wartet auf einen freien Hintergrundprozess" in fragment.content.decode()

    build.build(document.pk)  # what the worker does
    fragment = client.get(document.get_absolute_url(), headers={"HX-Request": "true"})
    # Finished: 286 tells htmx to stop asking; the fragment shows the result.
    assert fragment.status_code == 286
    assert reverse("documents:document_download", args=[document.pk]) in fragment.content.decode()
    assert "hx-trigger" not in client.get(document.get_absolute_url()).content.decode()


def _poll_url(html: str) -> str:
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["pdf"]}
}


def test_the_detail_poll_is_answered_with_no_content_while_nothing_changed(
    client, post, world, settings
):
    settings.TASKS = DUMMY_TASKS
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    document = Document.objects.get()
    url = _poll_url(client.get(document.get_absolute_url()).content.decode())
    assert url.startswith(document.get_absolute_url() + "?stand=")
    htmx = {"HX-Request": "true"}

    unchanged = client.get(url, headers=htmx)
    assert (unchanged.status_code, unchanged.content) == (204, b"")

    build.build(document.pk)
    finished = client.get(url, headers=htmx)
    assert finished.status_code == 286
    assert reverse("documents:document_download", args=[document.pk]) in finished.content.decode()
    assert "hx-trigger" not in finished.content.decode()


def test_a_list_row_polls_its_state_until_the_document_is_built(client, post, world, settings):
    settings.TASKS = DUMMY_TASKS
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    document = Document.objects.get()
    state_url = reverse("documents:document_state", args=[document.pk])

    page = client.get(reverse("documents:report_list")).content.decode()
    url = _poll_url(page)
    assert url == f"{state_url}?stand=queued-0-live"
    assert 'aria-live="polite"' in page and "Wartet auf Bearbeitung" in page

    unchanged = client.get(url)
    assert (unchanged.status_code, unchanged.content) == (204, b"")

    build.build(document.pk)  # what the worker does
    built = client.get(url)
    assert built.status_code == 200
    fragment = built.content.decode()
    assert "<html" not in fragment
    assert "Fertig" in fragment
    assert reverse("documents:document_download", args=[document.pk]) in fragment
    # Nothing pending any more: the new cell polls no more, nor does the list.
    assert "hx-get" not in fragment
    assert "hx-get" not in client.get(reverse("documents:report_list")).content.decode()


def test_the_meeting_documents_poll_and_a_lost_job_stops_polling(client, world, settings):
    from documents import services as document_services

    settings.TASKS = DUMMY_TASKS
    client.force_login(world.office)
    document = document_services.request_meeting_document(
        meeting=world.meeting, kind="invitation", edition="public", actor=world.office
    )
    page = client.get(reverse("documents:meeting_documents", args=[world.meeting.pk]))
    url = _poll_url(page.content.decode())
    assert url.startswith(reverse("documents:document_state", args=[document.pk]))

    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Document.objects.filter(pk=document.pk).update(status="running", modified=an_hour_ago)
    lost = client.get(url)
    assert lost.status_code == 200
    assert "Angehalten" in lost.content.decode() and "hx-get" not in lost.content.decode()


def test_the_state_of_a_document_is_not_shown_to_someone_who_may_not_read_it(client, world):
    from documents import services as document_services
    from documents.council_report import ReportParams

    params = ReportParams(
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 12, 31),
        partner_id=None,
        edition="internal",
        foreword="",
    )
    document = document_services.request_council_report(params=params, actor=world.office)
    client.force_login(world.board_member)

    response = client.get(reverse("documents:document_state", args=[document.pk]))

    assert response.status_code == 404


def test_a_job_lost_with_its_worker_can_be_started_again(client, post, world, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["pdf"]}
    }
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    document = Document.objects.get()
    # The worker took the job and was killed: "running" and no sign of life for an hour.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Document.objects.filter(pk=document.pk).update(status="running", modified=an_hour_ago)

    page = client.get(document.get_absolute_url()).content.decode()
    assert "hx-trigger" not in page
    assert "seit über 30 Minuten nicht vorangekommen" in page
    # Asking again does not wait for the lost job.
    post(REPORT_URL, _report_data())
    assert Document.objects.count() == 2
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["pdf"],
        }
    }
    response = post(reverse("documents:document_retry", args=[document.pk]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE


def test_a_failed_job_shows_a_german_error_and_can_be_retried(client, post, world, monkeypatch):
    import core.pdf

    real = core.pdf.html_to_pdf

    def broken(html, **kwargs):
        raise MemoryError

    monkeypatch.setattr(core.pdf, "html_to_pdf", broken)
    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    document = Document.objects.get()
    assert document.status == DocumentStatus.FAILED
    assert not document.file
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Das Dokument konnte nicht erstellt werden" in page
    assert "Erneut versuchen" in page

    # A board member sees the public report's failure but may not retry it.
    client.force_login(world.board_member)
    retry = reverse("documents:document_retry", args=[document.pk])
    assert post(retry).status_code == 403

    # A colleague in the office tries again: the history names them for this attempt.
    from cooperation.models import Role
    from tests import factories as f

    colleague = f.UserFactory()
    f.membership(colleague, world.board, Role.OFFICE, partner=world.rpg)
    monkeypatch.setattr(core.pdf, "html_to_pdf", real)
    client.force_login(colleague)
    response = post(retry)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    assert document.attempts == 2
    assert document.error == ""
    assert document.requested_by == world.office
    latest = document.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == (DocumentStatus.DONE, colleague)
    # A finished document is not "retried": 409 with a German message, nothing changes.
    response = post(retry)
    assert response.status_code == 409
    assert "Nur ein fehlgeschlagenes Dokument" in response.content.decode()


def test_meeting_documents_in_both_editions(client, post, world):
    client.force_login(world.office)
    url = reverse("documents:meeting_documents", args=[world.meeting.pk])
    for edition in ("public", "internal"):
        response = post(url, {"kind": "invitation", "edition": edition})
        assert response.status_code == 302
    public = Document.objects.get(kind=DocumentKind.INVITATION, edition="public")
    internal = Document.objects.get(kind=DocumentKind.INVITATION, edition="internal")
    assert public.status == internal.status == DocumentStatus.DONE

    public_text = _pdf_text(_download(client, public)[1])
    internal_text = _pdf_text(_download(client, internal)[1])
    assert world.confidential_item.title in internal_text
    assert world.confidential_item.title not in public_text
    assert world.public_item.title in public_text

    # Another working group's member sees the public edition only, and no trace of the other.
    client.force_login(world.other_wg_member)
    page = client.get(url).content.decode()
    assert public.get_absolute_url() in page
    assert internal.get_absolute_url() not in page
    assert "Einladung, Mitgliederfassung" not in page  # no buttons for non-managers
    assert post(url, {"kind": "invitation", "edition": "public"}).status_code == 403
    # The board member reads both editions but does not prepare meetings.
    client.force_login(world.board_member)
    assert _download(client, internal)[1].startswith(b"%PDF-")
    assert post(url, {"kind": "invitation", "edition": "public"}).status_code == 403


def test_minutes_are_refused_before_the_meeting_was_held(client, post, world):
    world.meeting.status = MeetingStatus.PLANNED
    world.meeting.save()
    client.force_login(world.office)
    url = reverse("documents:meeting_documents", args=[world.meeting.pk])
    response = post(url, {"kind": "minutes", "edition": "public"})
    assert response.status_code == 400
    assert "noch kein Protokoll" in response.content.decode()
    response = post(url, {"kind": "agenda", "edition": "public"})
    assert response.status_code == 400
    assert not Document.objects.exists()


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db(transaction=True)
def test_the_request_only_queues_and_the_database_worker_builds(client, world, settings):
    """With the real database backend the web request renders nothing."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]}
    }
    client.force_login(world.office)
    response = client.post(REPORT_URL, _report_data())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.status == DocumentStatus.QUEUED
    assert document.task_id
    assert not document.file

    call_command("db_worker", queue_name="*", batch=True, startup_delay=False, verbosity=0)

    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    assert hashlib.sha256(document.file.read()).hexdigest() == document.sha256


def test_the_same_parameters_give_the_same_content(client, post, world):
    """Deterministic apart from the stored creation timestamp."""
    from core.pdf import html_to_pdf

    client.force_login(world.office)
    post(REPORT_URL, _report_data())
    post(REPORT_URL, _report_data())
    first, second = Document.objects.order_by("pk")
    assert first.parameters == second.parameters

    first_pdf, second_pdf = _download(client, first)[1], _download(client, second)[1]
    assert _pdf_text(first_pdf) == _pdf_text(second_pdf)
    # Built again from the archive's parameters and timestamp: the very same bytes.
    rebuilt = html_to_pdf(build.render_html(first)).content
    assert hashlib.sha256(rebuilt).hexdigest() == first.sha256


def test_the_state_poll_only_reads(client, world):
    """A POST to the poll is refused and leaves the job as it was."""
    from documents import services as document_services
    from documents.council_report import ReportParams

    params = ReportParams(
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 12, 31),
        partner_id=None,
        edition="public",
        foreword="",
    )
    document = document_services.request_council_report(params=params, actor=world.office)
    before = type(document).objects.values().get(pk=document.pk)
    client.force_login(world.office)

    response = client.post(reverse("documents:document_state", args=[document.pk]))

    assert response.status_code == 405
    assert type(document).objects.values().get(pk=document.pk) == before
