"""The other shared mechanisms of core: the membership mixin, uploads, German rendering."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.files import File
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from core.forms import PrivateFileField, UploadForm
from core.i18n import portal_language
from core.links import absolute_url, base_url, portal_url, row_address
from core.models import PrivateFile
from core.permissions import MemberRequiredMixin
from core.uploads import store_upload
from core.views import PrivateFileDownloadView

from .. import factories as f


class MembersOnly(MemberRequiredMixin, View):
    def get(self, request):
        return HttpResponse("drin")


def as_user(user):
    request = RequestFactory().get("/nur-mitglieder/")
    request.user = user
    return MembersOnly.as_view()(request)


def test_the_membership_mixin_sends_anonymous_users_to_login():
    response = as_user(AnonymousUser())

    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/nur-mitglieder/"


@pytest.mark.django_db
def test_the_membership_mixin_shows_users_without_a_role_the_no_access_page():
    response = as_user(f.UserFactory())

    assert response.status_code == 403
    assert b"drin" not in response.content


@pytest.mark.django_db
def test_the_membership_mixin_lets_members_in(settings):
    user = f.UserFactory()
    app_label, codename = settings.MEMBER_PERMISSION.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )

    response = as_user(user)

    assert response.status_code == 200


class PaperLikeForm(UploadForm):
    title = forms.CharField()
    file = PrivateFileField()


def test_the_upload_form_says_too_large_instead_of_required(settings):
    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    with translation.override("de"):
        form = PaperLikeForm({"title": "Vorlage"}, {}, too_large={"file"})

        assert not form.is_valid()
        assert form.errors["file"] == ["Die Datei ist größer als die erlaubten 1 MB."]


def test_the_upload_field_names_the_types_and_the_current_limit(settings):
    settings.MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    with translation.override("de"):
        field = PaperLikeForm()["file"]

        assert "5 MB" in str(field.help_text)
        assert ".pdf" in field.field.widget.attrs["accept"]


class StoredFile:
    def __init__(self, file, original_name="Protokoll.pdf", content_type="application/pdf"):
        self.file = file
        self.original_name = original_name
        self.content_type = content_type


class Download(PrivateFileDownloadView):
    row = None

    def get_file_object(self):
        if self.row is None:
            raise Http404
        return self.row


def test_the_download_view_serves_a_private_file_sandboxed_and_as_attachment(tmp_path):
    path = tmp_path / "0f3a.pdf"
    path.write_bytes(b"%PDF-1.4 test")
    # A type that was not checked on upload is never served as such.
    row = StoredFile(File(None, name=str(path)), content_type="text/html")

    response = Download.as_view(row=row)(RequestFactory().get("/"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"] == 'attachment; filename="Protokoll.pdf"'
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_the_download_view_answers_404_without_a_row():
    with pytest.raises(Http404):
        Download.as_view()(RequestFactory().get("/"))


def test_portal_language_renders_german_in_berlin_time_whatever_the_request_chose():
    noon_utc = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    with translation.override("en"), timezone.override("UTC"):
        with portal_language():
            text = _("Save")
            hour = timezone.localtime(noon_utc).hour
        assert translation.get_language() == "en"

    assert text == "Speichern"
    assert hour == 14


def test_papers_and_finding_attachments_share_the_one_upload_model():
    from meetings.models import Paper
    from workinggroups.models import FindingAttachment

    shared = {"title", "file", "original_name", "content_type", "size", "uploaded_by"}
    for model in (Paper, FindingAttachment):
        assert issubclass(model, PrivateFile)
        assert shared <= {field.name for field in model._meta.get_fields()}


@pytest.mark.django_db
def test_a_refused_upload_leaves_no_file_and_names_the_field(settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.models import Paper

    settings.MEDIA_ROOT = tmp_path
    user = f.UserFactory()
    fake = SimpleUploadedFile(
        "vorlage.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    with translation.override("de"), pytest.raises(ValidationError) as caught:
        store_upload(Paper(title="Vorlage"), fake, actor=user)

    assert list(caught.value.message_dict) == ["file"]
    assert "nicht erlaubt" in caught.value.message_dict["file"][0]
    assert list(tmp_path.rglob("*.*")) == []


def test_absolute_links_use_the_configured_portal_address_not_the_request(settings):

    settings.PORTAL_BASE_URL = "https://portal.example/"

    assert base_url() == "https://portal.example"
    assert absolute_url("/sitzungen/") == "https://portal.example/sitzungen/"
    assert portal_url("public:meeting_detail", 7) == "https://portal.example" + reverse(
        "public:meeting_detail", args=[7]
    )


def test_a_row_address_is_the_reversed_address_with_the_rows_key():
    finding = row_address("workinggroups:finding_detail")
    restore = row_address("cooperation:partner_restore", 7)

    assert finding(42) == reverse("workinggroups:finding_detail", args=[42])
    assert finding(2147483647) == reverse("workinggroups:finding_detail", args=[2147483647])
    assert restore(310) == reverse("cooperation:partner_restore", args=[7, 310])
