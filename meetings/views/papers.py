"""Uploading papers to a meeting and downloading them through a permission check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cooperation.permissions import MemberRequiredMixin
from core.views import error_codes

from .. import services
from ..forms import PaperForm
from ..permissions import get_meeting_for_user, get_paper_for_user
from ..uploads import UploadLimitHandler, uploaded_file_response

STATE_CONFLICTS = {"frozen", "cancelled"}


def _refusal(meeting) -> list[str]:
    """Why papers can no longer be added (approved minutes, cancelled), or nothing."""
    try:
        services.refuse_if_closed(meeting)
    except ValidationError as error:
        return error.messages
    return []


# CSRF is checked in `_post`, after the upload limit handler is in place: the CSRF
# middleware would otherwise read the request body first (Django's documented way).
@method_decorator(csrf_exempt, name="dispatch")
class PaperUploadView(MemberRequiredMixin, View):
    template_name = "meetings/paper_form.html"

    def render_form(self, meeting, form, *, status=200, refusal=None):
        context = {
            "meeting": meeting,
            "form": form,
            "refusal": refusal if refusal is not None else _refusal(meeting),
            "cancel_url": meeting.get_absolute_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        return self.render_form(meeting, PaperForm(meeting=meeting))

    def post(self, request, pk):
        limiter = UploadLimitHandler(request)
        request.upload_handlers.insert(0, limiter)
        return self._post(request, pk, limiter)

    @method_decorator(csrf_protect)
    def _post(self, request, pk, limiter):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        form = PaperForm(
            request.POST,
            request.FILES,
            meeting=meeting,
            file_too_large="file" in limiter.too_large,
        )
        if not form.is_valid():
            return self.render_form(meeting, form, status=400, refusal=[])
        try:
            services.paper_add(
                meeting=meeting,
                agenda_item=form.cleaned_data["agenda_item"],
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            if error_codes(error) & STATE_CONFLICTS:
                return self.render_form(meeting, form, status=409, refusal=error.messages)
            form.add_error(None, error)
            return self.render_form(meeting, form, status=400, refusal=[])
        messages.success(request, _("The paper has been uploaded."))
        return redirect(f"{meeting.get_absolute_url()}#unterlagen")


class PaperDownloadView(MemberRequiredMixin, View):
    """Serve a paper's file to those who may see it; nobody else learns that it exists."""

    def get(self, request, pk):
        paper = get_paper_for_user(request.user, pk)
        return uploaded_file_response(
            paper.file, filename=paper.original_name, content_type=paper.content_type
        )
