"""Papers: what an upload must pass, where it ends up, and who gets the file back."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from meetings.models import Meeting, MeetingStatus, Paper
from meetings.services import paper_add
from meetings.uploads import safe_file_name, validate_upload

from .. import factories as f

PDF = f.PDF_BYTES
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _zip(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            # ODF wants its "mimetype" member first and uncompressed.
            archive.writestr(stored_first, members.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def _xlsx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
        }
    )


def _odt() -> bytes:
    return _zip(
        {
            "mimetype": ODT_TYPE.encode(),
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
        },
        stored_first="mimetype",
    )


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _rejection(uploaded) -> ValidationError:
    with override("de"), pytest.raises(ValidationError) as caught:
        validate_upload(uploaded)
    return caught.value


def _files_under(root: Path) -> set[Path]:
    return {path for path in Path(root).rglob("*") if path.is_file()}


def _upload_url(meeting) -> str:
    return reverse("meetings:paper_upload", args=[meeting.pk])


def _post_paper(client, world, name, data, **extra):
    payload = {"title": "Haushaltsentwurf 2027", "agenda_item": world.public_item.pk}
    payload |= extra
    return client.post(_upload_url(world.meeting), {**payload, "file": _upload(name, data)})


# --- What validate_upload accepts -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("Vorlage.pdf", PDF, "application/pdf", ".pdf"),
        ("Lageplan.PNG", PNG, "image/png", ".png"),
        ("Foto.jpg", JPEG, "image/jpeg", ".jpg"),
        ("Foto.jpeg", JPEG, "image/jpeg", ".jpeg"),
        ("Beschlussvorlage.docx", _docx(), DOCX_TYPE, ".docx"),
        ("Haushalt.xlsx", _xlsx(), XLSX_TYPE, ".xlsx"),
        ("Bericht.odt", _odt(), ODT_TYPE, ".odt"),
    ],
)
def test_it_accepts_the_allowed_types_detected_from_the_content(
    name, data, content_type, extension
):
    assert validate_upload(_upload(name, data)) == (content_type, extension)


# --- What validate_upload refuses -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("Vorlage.pdf", PNG, "extension_mismatch"),  # a picture called .pdf
        (
            "Vorlage.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "type_not_allowed",
        ),
        ("Notizen.pdf", b"Nur ein bisschen Text.\n", "type_not_allowed"),
        ("Notizen.txt", b"Nur ein bisschen Text.\n", "type_not_allowed"),
        ("Vorlage.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "type_not_allowed"),  # a program
        ("setup.exe", PDF, "extension_mismatch"),
        ("Vorlage", PDF, "extension_missing"),
        ("Vorlage.docx", _zip({"hello.txt": b"kein Word"}), "type_not_allowed"),
        ("Vorlage.docx", _xlsx(), "extension_mismatch"),
        ("Bericht.odt", _zip({"mimetype": b"application/zip", "x": b"y"}), "type_not_allowed"),
        ("Vorlage.docx", b"PK\x03\x04 nothing of a real archive", "damaged"),
    ],
)
def test_it_refuses_files_whose_content_is_not_what_the_name_says(name, data, code):
    assert _rejection(_upload(name, data)).code == code


def test_it_names_the_allowed_types_in_german():
    error = _rejection(_upload("Vorlage.pdf", b"<html></html>"))
    assert error.messages == [
        "Dieser Dateityp ist nicht erlaubt. Bitte laden Sie eine PDF-, ODT-, DOCX-, "
        "XLSX-, PNG- oder JPEG-Datei hoch."
    ]


def test_it_refuses_a_file_over_the_configured_limit_and_says_the_limit_in_mb(settings):
    settings.MAX_UPLOAD_SIZE = 512 * 1024
    error = _rejection(_upload("Vorlage.pdf", PDF + b"0" * (512 * 1024)))
    assert error.code == "too_large"
    assert error.messages == ["Die Datei ist größer als die erlaubten 0,5 MB."]
    assert validate_upload(_upload("Vorlage.pdf", PDF + b"0" * 1000))[0] == "application/pdf"


def test_it_refuses_an_empty_file():
    assert _rejection(_upload("Vorlage.pdf", b"")).code == "empty"


def test_it_refuses_a_zip_bomb(settings):
    settings.MAX_UPLOAD_SIZE = 10_000
    bomb = _zip({"word/document.xml": b"<w/>", "filler.xml": b"0" * 250_000})
    assert len(bomb) < settings.MAX_UPLOAD_SIZE  # small to upload, 25x the limit unpacked
    assert _rejection(_upload("Vorlage.docx", bomb)).code == "zip_bomb"


# --- File names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("/var/www/static/evil.pdf", "evil.pdf"),
        ("C:\\Users\\Ute\\Vorlage TOP 3.pdf", "Vorlage_TOP_3.pdf"),
        ("Vorlage\x00.pdf", "Vorlage.pdf"),
        ("Vor\nlage\r\x1b.pdf", "Vorlage.pdf"),
        (".htaccess.pdf", "htaccess.pdf"),
        ("Übersicht Einrichtungen.pdf", "Übersicht_Einrichtungen.pdf"),
    ],
)
def test_it_reduces_names_with_path_tricks_to_a_plain_base_name(name, expected):
    assert safe_file_name(name) == expected


@pytest.mark.parametrize("name", ["..", "../", "..\\", "/", "", "\x00\x01"])
def test_it_refuses_names_with_nothing_usable_left(name):
    with override("de"), pytest.raises(ValidationError) as caught:
        safe_file_name(name)
    assert caught.value.code == "bad_name"
    assert "Dateiname" in caught.value.messages[0]


def test_it_refuses_a_nul_byte_that_hides_the_real_extension():
    uploaded = _upload("safe.pdf", PDF)
    uploaded.name = "Vorlage.pdf\x00.exe"  # set after the constructor, which takes the base name
    assert _rejection(uploaded).code == "extension_mismatch"


# --- The service --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_stores_the_file_under_a_random_name_and_records_who_uploaded_it(world, settings):
    uploaded = _upload("x.pdf", PDF)
    uploaded.name = "../../../etc/Haushalt 2027.pdf"  # as a caller outside a request might pass
    paper = paper_add(
        meeting=world.meeting,
        agenda_item=world.confidential_item,
        title="Haushalt",
        uploaded_file=uploaded,
        actor=world.office,
    )
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = Path(paper.file.path).resolve()
    assert stored.is_relative_to(media / "paper")
    assert "Haushalt" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == PDF
    assert paper.original_name == "Haushalt_2027.pdf"
    assert paper.history.get().history_user == world.office


@pytest.mark.django_db
def test_it_refuses_an_agenda_item_of_another_meeting(world):
    other_item = f.AgendaItemFactory(meeting=f.MeetingFactory(body=world.board))
    with pytest.raises(ValidationError) as caught:
        paper_add(
            meeting=world.meeting,
            agenda_item=other_item,
            title="Falsch",
            uploaded_file=_upload("Vorlage.pdf", PDF),
            actor=world.office,
        )
    assert "agenda_item" in caught.value.error_dict
    assert not Paper.objects.filter(title="Falsch").exists()


@pytest.mark.django_db
def test_it_removes_the_written_file_when_saving_the_paper_fails(world, settings, monkeypatch):
    before = _files_under(settings.MEDIA_ROOT)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Paper, "save", broken_save)
    with pytest.raises(RuntimeError):
        paper_add(
            meeting=world.meeting,
            agenda_item=None,
            title="Kaputt",
            uploaded_file=_upload("Vorlage.pdf", PDF),
            actor=world.office,
        )
    assert _files_under(settings.MEDIA_ROOT) == before


# --- The upload page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_it_uploads_a_paper_for_the_office(client, world, settings):
    client.force_login(world.office)
    response = client.get(_upload_url(world.meeting))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert "höchstens 20 MB" in response.text

    before = _files_under(settings.MEDIA_ROOT)
    response = _post_paper(client, world, "Haushaltsentwurf 2027.docx", _docx())

    assert response.status_code == 302
    assert response.url == f"{world.meeting.get_absolute_url()}#unterlagen"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Die Unterlage wurde hochgeladen."
    ]
    paper = Paper.objects.get(title="Haushaltsentwurf 2027")
    assert paper.meeting == world.meeting and paper.agenda_item == world.public_item
    assert paper.original_name == "Haushaltsentwurf_2027.docx"
    assert paper.content_type == DOCX_TYPE and paper.size == len(_docx())
    assert paper.uploaded_by == world.office
    assert paper.history.get().history_user == world.office
    (new_file,) = _files_under(settings.MEDIA_ROOT) - before
    assert new_file.resolve() == Path(paper.file.path).resolve()
    assert "Haushalt" not in new_file.name


@pytest.mark.django_db
def test_it_checks_large_uploads_streamed_to_a_temporary_file(client, world, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # Django spools anything larger to disk
    client.force_login(world.office)

    accepted = _post_paper(client, world, "Bericht.odt", _odt(), title="Bericht")
    refused = _post_paper(client, world, "Bericht.odt", _docx(), title="Falsch")

    assert accepted.status_code == 302
    assert Paper.objects.get(title="Bericht").content_type == ODT_TYPE
    assert refused.status_code == 400
    assert not Paper.objects.filter(title="Falsch").exists()


def _multipart(filename: str, data: bytes, fields: dict) -> tuple[bytes, str]:
    """A request body as a hostile client could send it (the test client sends base names)."""
    boundary = "impulsBoundary7"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename", ["../../../../tmp/evil.pdf", "..\\..\\evil.pdf", "/etc/evil.pdf", "evil.pdf"]
)
def test_it_never_lets_a_path_in_the_file_name_reach_the_disk(client, world, settings, filename):
    client.force_login(world.office)
    before = _files_under(Path(settings.MEDIA_ROOT).parent)
    body, content_type = _multipart(filename, PDF, {"title": "Pfad"})

    response = client.post(_upload_url(world.meeting), body, content_type=content_type)

    assert response.status_code == 302
    paper = Paper.objects.get(title="Pfad")
    assert paper.original_name == "evil.pdf"
    (new_file,) = _files_under(Path(settings.MEDIA_ROOT).parent) - before
    assert new_file.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "paper")
    assert new_file.name != "evil.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("Vorlage.pdf", PNG, "endet auf „.pdf“, die Datei ist aber eine PNG-Datei"),
        ("Vorlage.pdf", b"<html><body>Hallo</body></html>", "Dieser Dateityp ist nicht erlaubt"),
        ("Vorlage.txt", b"Hallo", "Dieser Dateityp ist nicht erlaubt"),
        ("Vorlage.docx", _zip({"word/other.xml": b"<x/>"}), "Dieser Dateityp ist nicht erlaubt"),
    ],
)
def test_it_answers_400_and_stores_nothing_for_a_wrong_type(
    client, world, settings, name, data, message
):
    client.force_login(world.office)
    count, before = Paper.objects.count(), _files_under(settings.MEDIA_ROOT)

    response = _post_paper(client, world, name, data)

    assert response.status_code == 400
    assert message in response.text
    assert Paper.objects.count() == count
    assert _files_under(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
def test_it_stops_receiving_a_file_over_the_limit(client, world, settings, monkeypatch):
    settings.MAX_UPLOAD_SIZE = 1024 * 1024

    def not_reached(**kwargs):
        raise AssertionError("the upload handler should have dropped the file already")

    monkeypatch.setattr("meetings.views.papers.services.paper_add", not_reached)
    client.force_login(world.office)
    count, before = Paper.objects.count(), _files_under(settings.MEDIA_ROOT)

    response = _post_paper(client, world, "Vorlage.pdf", PDF + b"0" * (1024 * 1024))

    assert response.status_code == 400
    assert "Die Datei ist größer als die erlaubten 1 MB." in response.text
    assert "Dieses Feld ist zwingend erforderlich" not in response.text
    assert Paper.objects.count() == count
    assert _files_under(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["board_member", "wg_member", "admin_halberstadt"])
def test_it_lets_only_the_office_upload(client, world, settings, persona):
    client.force_login(getattr(world, persona))
    count, before = Paper.objects.count(), _files_under(settings.MEDIA_ROOT)

    response = _post_paper(client, world, "Vorlage.pdf", PDF)

    assert response.status_code == 403
    assert Paper.objects.count() == count
    assert _files_under(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "refusal"),
    [
        (
            MeetingStatus.MINUTES_APPROVED,
            "The minutes of this meeting are approved; the meeting can no longer be changed.",
        ),
        (MeetingStatus.CANCELLED, "This meeting has been cancelled."),
    ],
)
def test_it_refuses_papers_for_a_frozen_or_cancelled_meeting(
    client, world, settings, status, refusal
):
    # The refusal is the meeting services' own message (meetings/services.py).
    with override("de"):
        message = gettext(refusal)
    Meeting.objects.filter(pk=world.meeting.pk).update(status=status, cancellation_reason="x")
    client.force_login(world.office)
    count, before = Paper.objects.count(), _files_under(settings.MEDIA_ROOT)

    page = client.get(_upload_url(world.meeting))
    response = _post_paper(client, world, "Vorlage.pdf", PDF)

    assert message in page.text and '<form method="post" enctype' not in page.text
    assert response.status_code == 409
    assert message in response.text
    assert Paper.objects.count() == count
    assert _files_under(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
def test_it_checks_the_csrf_token_on_upload(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.office)
    response = _post_paper(client, world, "Vorlage.pdf", PDF)
    assert response.status_code == 403
    assert not Paper.objects.filter(title="Haushaltsentwurf 2027").exists()


# --- Download -----------------------------------------------------------------------------


def _download(client, paper):
    return client.get(reverse("meetings:paper_download", args=[paper.pk]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "paper"),
    [
        ("board_member", "public_paper"),
        ("office", "public_paper"),
        ("wg_member", "public_paper"),
        ("admin_wernigerode", "public_paper"),
        ("board_member", "confidential_paper"),
        ("office", "confidential_paper"),
    ],
)
def test_it_hands_the_file_out_as_a_sandboxed_attachment(client, world, persona, paper):
    paper = getattr(world, paper)
    client.force_login(getattr(world, persona))

    response = _download(client, paper)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vorlage.pdf"'
    # Sandboxed on top of the portal's policy (tests/core/test_security_headers.py).
    assert "sandbox" in response["Content-Security-Policy"].split("; ")
    assert "default-src 'self'" in response["Content-Security-Policy"].split("; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_offers_the_sanitised_original_name_on_download(client, world):
    paper = paper_add(
        meeting=world.meeting,
        agenda_item=None,
        title="Tabelle",
        uploaded_file=_upload("Einrichtungen Übersicht.xlsx", _xlsx()),
        actor=world.office,
    )
    client.force_login(world.board_member)
    response = _download(client, paper)
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Einrichtungen_%C3%9Cbersicht.xlsx"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["wg_member", "admin_halberstadt", "admin_wernigerode"])
def test_it_hides_a_confidential_paper_from_other_bodies_and_partner_admins(client, world, persona):
    client.force_login(getattr(world, persona))
    assert _download(client, world.confidential_paper).status_code == 404


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_login_instead_of_the_file(client, world):
    response = _download(client, world.confidential_paper)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_it_answers_404_when_the_file_is_missing_on_disk(client, world):
    Path(world.public_paper.file.path).unlink()
    client.force_login(world.board_member)
    assert _download(client, world.public_paper).status_code == 404


# --- The papers section of the meeting page -----------------------------------------------


@pytest.mark.django_db
def test_the_papers_section_lists_papers_with_item_type_size_and_download(world):
    papers = list(world.meeting.papers.select_related("agenda_item"))
    with override("de"):
        html = render_to_string(
            "meetings/partials/papers.html",
            {"meeting": world.meeting, "papers": papers, "can_manage": True},
        )
    assert "TOP 1" in html and "TOP 2" in html and "nicht öffentlich" in html
    assert "PDF" in html and "45\xa0Bytes" in html
    assert reverse("meetings:paper_download", args=[world.confidential_paper.pk]) in html
    assert reverse("meetings:paper_upload", args=[world.meeting.pk]) in html
    assert "Unterlage hochladen" in html


@pytest.mark.django_db
def test_the_papers_section_has_an_empty_state_and_no_button_for_members(world):
    with override("de"):
        html = render_to_string(
            "meetings/partials/papers.html",
            {"meeting": world.meeting, "papers": [], "can_manage": False},
        )
    assert "Zu dieser Sitzung gibt es noch keine Unterlagen." in html
    assert reverse("meetings:paper_upload", args=[world.meeting.pk]) not in html
