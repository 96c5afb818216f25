"""A finding's attachments: upload by the group's members, download through the gate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cooperation.permissions import MemberRequiredMixin
from core.views import add_service_errors
from meetings.uploads import UploadLimitHandler, uploaded_file_response

from .. import services
from ..forms import AttachmentForm
from ..permissions import get_attachment_for_user, get_finding_for_user


# CSRF is checked in `_post`, after the upload limit handler is in place: the CSRF
# middleware would otherwise read the request body first (Django's documented way).
@method_decorator(csrf_exempt, name="dispatch")
class AttachmentUploadView(MemberRequiredMixin, View):
    template_name = "workinggroups/attachment_form.html"

    def render_form(self, finding, form, *, status=200):
        context = {"finding": finding, "form": form, "cancel_url": finding.get_absolute_url()}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        finding = get_finding_for_user(request.user, pk, perm="change")
        return self.render_form(finding, AttachmentForm())

    def post(self, request, pk):
        limiter = UploadLimitHandler(request)
        request.upload_handlers.insert(0, limiter)
        return self._post(request, pk, limiter)

    @method_decorator(csrf_protect)
    def _post(self, request, pk, limiter):
        finding = get_finding_for_user(request.user, pk, perm="change")
        form = AttachmentForm(
            request.POST, request.FILES, file_too_large="file" in limiter.too_large
        )
        if not form.is_valid():
            return self.render_form(finding, form, status=400)
        try:
            services.attachment_add(
                finding=finding,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_form(finding, form, status=400)
        messages.success(request, _("The attachment has been uploaded."))
        return redirect(f"{finding.get_absolute_url()}#anlagen")


class AttachmentDownloadView(MemberRequiredMixin, View):
    """Serve an attachment to those who may see its finding; nobody else learns it exists."""

    def get(self, request, pk):
        attachment = get_attachment_for_user(request.user, pk)
        return uploaded_file_response(
            attachment.file,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
