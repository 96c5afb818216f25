"""Uploading papers to a meeting and downloading them through a permission check."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from core.permissions import MemberRequiredMixin
from core.views import PrivateFileDownloadView, UploadFormView

from .. import services
from ..forms import PaperForm
from ..permissions import get_meeting_for_user, get_paper_for_user


def _refusal(meeting) -> list[str]:
    """Why papers can no longer be added (approved minutes, cancelled), or nothing."""
    try:
        services.refuse_if_closed(meeting)
    except ValidationError as error:
        return error.messages
    return []


class PaperUploadView(MemberRequiredMixin, UploadFormView):
    template_name = "meetings/paper_form.html"
    form_class = PaperForm
    success_message = gettext_lazy("The paper has been uploaded.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, meeting):
        return {"meeting": meeting}

    def get_context(self, meeting):
        # A closed meeting shows why instead of the form (a refused upload: 409).
        return {"meeting": meeting, "refusal": _refusal(meeting)}

    def perform(self, form, meeting):
        services.paper_add(
            meeting=meeting,
            agenda_item=form.cleaned_data["agenda_item"],
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=self.request.user,
        )
        return f"{meeting.get_absolute_url()}#unterlagen"


class PaperDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    """Serve a paper's file to those who may see it; nobody else learns that it exists."""

    def get_file_object(self):
        return get_paper_for_user(self.request.user, self.kwargs["pk"])
