"""Uploading papers to a meeting, downloading them through a permission check, and
withholding one from publication (the office)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from core.permissions import MemberRequiredMixin
from core.views import PrivateFileDownloadView, ServiceFormView, UploadFormView

from .. import services
from ..forms import ConfirmForm, PaperForm, PaperWithholdForm
from ..permissions import get_meeting_for_user, get_paper_for_user
from .mixins import MeetingFormMixin


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


class _PaperPublicationView(MeetingFormMixin, ServiceFormView):
    template_name = "meetings/paper_publication.html"

    def get_target(self):
        return get_paper_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, paper):
        return {"meeting": paper.meeting, "paper": paper}

    def get_cancel_url(self, paper):
        return f"{paper.meeting.get_absolute_url()}#unterlagen"


class PaperWithholdView(_PaperPublicationView):
    """The office keeps one paper off the public side, with a reason."""

    form_class = PaperWithholdForm
    title = gettext_lazy("Withhold paper from publication")
    intro = gettext_lazy(
        "The paper is left out of everything published (public pages, search, public "
        "documents). Members of the cooperation still see it. The reason is kept in its "
        "history."
    )
    submit_label = gettext_lazy("Withhold paper")
    success_message = gettext_lazy("The paper is withheld from publication.")

    def perform(self, form, paper):
        services.paper_withhold(
            paper=paper, reason=form.cleaned_data["reason"], actor=self.request.user
        )
        return self.get_cancel_url(paper)


class PaperReleaseView(_PaperPublicationView):
    """The office publishes a withheld paper again."""

    form_class = ConfirmForm
    title = gettext_lazy("Release paper for publication")
    intro = gettext_lazy("The paper is published again together with its meeting.")
    submit_label = gettext_lazy("Release paper")
    success_message = gettext_lazy("The paper is released for publication.")

    def perform(self, form, paper):
        services.paper_release(paper=paper, actor=self.request.user)
        return self.get_cancel_url(paper)
