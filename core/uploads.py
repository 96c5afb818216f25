"""Private uploads: checking, naming, storing and serving the files people upload.

Papers of meetings and attachments of findings (and every later kind of upload)
share one path: the abstract model `core.models.PrivateFile`, the form field
`core.forms.PrivateFileField`, `store_upload()` (the check and the write, called by
the services), `core.views.UploadFormView` (the upload limit before the body is
read) and `core.views.PrivateFileDownloadView` (after the permission gate).

The checks are size, type from the content, and a safe original name.

The type is detected from the file's first bytes (and, for the office formats,
from the ZIP container's members), never from the name or the browser's
Content-Type; the name's extension must then agree with the content, so a PNG
called "x.pdf" or a renamed program is refused.

File names: the stored name is always random (`private_upload_to`), so the
uploaded name only becomes `original_name`, the name offered on download.
Path tricks are *sanitised*, not refused: Django's request parser already drops
directory parts and non-printable characters before a view sees the name, and
`safe_file_name()` does the same again for callers outside a request (demo data,
shell), then keeps only the characters `get_valid_filename` allows. A name with
nothing usable left ("..", "/", "") is refused. A trick that hides the real
extension ("paper.pdf\\x00.exe" → "paper.pdf.exe") ends in the wrong extension
and is refused by the type check.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MEGABYTE = 1024 * 1024
# A ZIP container (ODT, DOCX, XLSX) may unpack to at most this multiple of the limit.
ZIP_EXPANSION_LIMIT = 20
MAX_NAME_LENGTH = 255

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
PNG = FileKind("PNG", "image/png", (".png",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
ODT = FileKind("ODT", "application/vnd.oasis.opendocument.text", (".odt",))
DOCX = FileKind(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
KINDS = (PDF, PNG, JPEG, ODT, DOCX, XLSX)
ALLOWED_CONTENT_TYPES = {kind.content_type for kind in KINDS}
ACCEPT_ATTRIBUTE = ",".join(ext for kind in KINDS for ext in kind.extensions)


def private_upload_to(instance, filename: str) -> str:
    """Random name in a folder per model: the original name never reaches the disk."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


def max_upload_size() -> int:
    return settings.MAX_UPLOAD_SIZE


def megabytes(size: int) -> str:
    """A size in MB as people read it: "20", "0,5", "0,25" (localised, at most 2 decimals)."""
    text = f"{size / MEGABYTE:.2f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return number_format(float(text), decimal_pos=decimals)


def safe_file_name(name: str) -> str:
    """The plain base name of an uploaded file, fit to be offered on download."""
    # Both separators: a Windows path or "..\\" must not survive on Linux either.
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    base = "".join(char for char in base if char.isprintable())
    try:
        # No hidden files on download: leading dots go too.
        cleaned = get_valid_filename(base).lstrip(".")
    except SuspiciousFileOperation:
        cleaned = ""
    if not cleaned:
        raise ValidationError(
            _("The file name cannot be used. Please rename the file and upload it again."),
            code="bad_name",
        )
    if len(cleaned) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(cleaned).suffix[:10]
        cleaned = cleaned[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return cleaned


def too_large_error() -> ValidationError:
    return ValidationError(
        _("The file is larger than the allowed %(limit)s MB."),
        code="too_large",
        params={"limit": megabytes(max_upload_size())},
    )


def upload_help_text() -> str:
    return _("PDF, ODT, DOCX, XLSX, PNG or JPEG; at most %(limit)s MB.") % {
        "limit": megabytes(max_upload_size())
    }


def _not_allowed() -> ValidationError:
    return ValidationError(
        _(
            "This type of file is not allowed. Please upload a PDF, ODT, DOCX, XLSX, "
            "PNG or JPEG file."
        ),
        code="type_not_allowed",
    )


def _detect_zip_kind(uploaded_file, limit: int) -> FileKind:
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > ZIP_EXPANSION_LIMIT * limit:
                raise ValidationError(
                    _("The file would unpack to more than %(limit)s MB and is refused."),
                    code="zip_bomb",
                    params={"limit": megabytes(ZIP_EXPANSION_LIMIT * limit)},
                )
            names = {member.filename for member in members}
            if "mimetype" in names:
                # Read a bounded amount: the declared sizes of a crafted file may lie.
                with archive.open("mimetype") as handle:
                    if handle.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                        return ODT
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ):
        # Damaged, encrypted or using an unsupported compression: not a document we accept.
        raise ValidationError(
            _("The file is damaged or not a valid office document."), code="damaged"
        ) from None
    raise _not_allowed()


def detect_kind(uploaded_file, *, limit: int) -> FileKind:
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _detect_zip_kind(uploaded_file, limit)
        finally:
            uploaded_file.seek(0)
    raise _not_allowed()


def validate_upload(uploaded_file) -> tuple[str, str]:
    """Check an uploaded file; return its content type and its (lower-case) extension.

    Raises ValidationError (German message, with a code) when the file is empty,
    too large, of a type not allowed, its name's extension does not match the
    content, or its name has nothing usable left after sanitising.
    """
    limit = max_upload_size()
    size = uploaded_file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise too_large_error()
    name = safe_file_name(uploaded_file.name)
    kind = detect_kind(uploaded_file, limit=limit)
    extension = PurePosixPath(name).suffix.lower()
    if not extension:
        raise ValidationError(
            _("The file name has no extension; for this %(kind)s file it should end in %(ext)s."),
            code="extension_missing",
            params={"kind": kind.label, "ext": kind.extensions[0]},
        )
    if extension not in kind.extensions:
        raise ValidationError(
            _(
                "The file name ends in “%(extension)s”, but the file is a %(kind)s file. "
                "Please check that you chose the right file."
            ),
            code="extension_mismatch",
            params={"extension": extension, "kind": kind.label},
        )
    return kind.content_type, extension


def store_upload(instance, uploaded_file, *, actor) -> None:
    """Check the file, fill the `PrivateFile` fields of `instance`, store the file
    under a random name and save the row with `actor` in its history.

    The caller (a service, inside its transaction) has set the row's own fields.
    Everything is checked before the file is written, and a failure while saving
    the row removes the written file again, so a refused upload leaves nothing
    behind, neither in the database nor on disk. The file's problems are raised
    at the field "file".
    """
    try:
        content_type, extension = validate_upload(uploaded_file)
        original_name = safe_file_name(uploaded_file.name)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    instance.original_name = original_name
    instance.content_type = content_type
    instance.size = uploaded_file.size
    instance.uploaded_by = actor
    instance.full_clean(exclude=["file"])
    # The name only lends its extension: private_upload_to picks a random one.
    instance.file.save(f"{instance._meta.model_name}{extension}", uploaded_file, save=False)
    try:
        instance._history_user = actor
        instance.save()
    except BaseException:
        instance.file.delete(save=False)
        raise
    # The text for the search (a `core.search.SearchableFile`) is read by the worker.
    from .tasks import schedule_text_extraction

    schedule_text_extraction(instance)


class UploadLimitHandler(FileUploadHandler):
    """Stop receiving a file as soon as it exceeds the limit.

    Without it Django would first write a huge upload completely to a temporary
    file, only for the validation to refuse it afterwards. Put it first in
    `request.upload_handlers` before the request body is read; the fields whose
    file was dropped are collected in `too_large`.
    """

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = max_upload_size() if limit is None else limit
        self.too_large: set[str] = set()
        self.received = 0

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) keeps the data


def uploaded_file_response(stored_file, *, filename: str, content_type: str):
    """Serve a checked upload as a download, after the caller's permission gate.

    Unknown types go out as octet-stream; a browser that opens the file anyway runs
    it sandboxed (no scripts, no access to the portal's origin) under the portal's
    policy; private caching only.
    """
    if not stored_file:
        raise Http404
    try:
        handle = stored_file.open("rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    if content_type not in ALLOWED_CONTENT_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Content-Security-Policy"] = build_policy(update={"sandbox": True})
    patch_cache_control(response, private=True, no_store=True)
    return response
