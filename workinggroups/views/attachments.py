"""A finding's attachments: upload by the group's members, download through the gate."""

from django.utils.translation import gettext_lazy

from core.permissions import MemberRequiredMixin
from core.views import PrivateFileDownloadView, UploadFormView

from .. import services
from ..forms import AttachmentForm
from ..permissions import get_attachment_for_user, get_finding_for_user


class AttachmentUploadView(MemberRequiredMixin, UploadFormView):
    template_name = "workinggroups/attachment_form.html"
    form_class = AttachmentForm
    success_message = gettext_lazy("The attachment has been uploaded.")

    def get_target(self):
        return get_finding_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, finding):
        return {"finding": finding}

    def perform(self, form, finding):
        services.attachment_add(
            finding=finding,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=self.request.user,
        )
        return f"{finding.get_absolute_url()}#anlagen"


class AttachmentDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    """Serve an attachment to those who may see its finding; nobody else learns it exists."""

    def get_file_object(self):
        return get_attachment_for_user(self.request.user, self.kwargs["pk"])
