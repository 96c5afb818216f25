"""Council reports and meeting documents: ask for them, follow the job, download."""

import base64

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from access.services import record_export
from core.permissions import MemberRequiredMixin
from core.views import PrivateFileDownloadView, ServiceFormView
from meetings.permissions import body_rights, can_manage, get_meeting_for_user

from . import services
from .forms import CouncilReportForm, MeetingDocumentForm
from .models import Edition
from .permissions import (
    can_build_council_report,
    can_request,
    can_see_council_reports,
    get_document_for_user,
    visible_council_reports,
    visible_meeting_documents,
)

PAGE_SIZE = 20


class CouncilReportListView(MemberRequiredMixin, View):
    template_name = "documents/report_list.html"

    def get(self, request):
        if not can_see_council_reports(request.user):
            raise Http404
        documents = visible_council_reports(request.user).select_related("partner", "requested_by")
        page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("seite"))
        return render(
            request,
            self.template_name,
            {
                "page": page,
                "documents": page.object_list,
                "can_build": can_build_council_report(request.user),
            },
        )


class CouncilReportCreateView(MemberRequiredMixin, ServiceFormView):
    template_name = "documents/report_form.html"
    form_class = CouncilReportForm
    success_message = gettext_lazy(
        "The report is being created in the background; see its progress below."
    )

    def get_target(self):
        if not can_see_council_reports(self.request.user):
            raise Http404
        if not can_build_council_report(self.request.user):
            raise PermissionDenied
        return None

    def get_initial(self, target):
        return CouncilReportForm.default_initial()

    def get_cancel_url(self, target):
        return reverse("documents:report_list")

    def perform(self, form, target):
        from .council_report import ReportParams

        data = form.cleaned_data
        params = ReportParams(
            period_from=data["period_from"],
            period_until=data["period_until"],
            partner_id=data["partner"].pk if data["partner"] else None,
            edition=data["edition"],
            foreword=data["foreword"].strip(),
        )
        document = services.request_council_report(params=params, actor=self.request.user)
        return document.get_absolute_url()


def _unchanged(request, document) -> bool:
    """The poll names the state it shows (`?stand=`); while that is still the state of
    a pending job the answer is 204 and htmx swaps nothing, so the live region around
    it is announced only on a real change (the quorum box's pattern)."""
    return document.is_pending and request.GET.get("stand") == document.poll_state


class DocumentDetailView(MemberRequiredMixin, View):
    """The job's state. While it runs, htmx asks for the status fragment every two
    seconds with the state it shows: 204 while unchanged, else the fragment; once the
    job is finished the fragment answers 286, htmx's "stop polling"."""

    template_name = "documents/document_detail.html"
    fragment_name = "documents/partials/document_status_poll.html"

    def get(self, request, pk):
        document = get_document_for_user(request.user, pk)
        if request.htmx and _unchanged(request, document):
            return HttpResponse(status=204)
        context = {
            "document": document,
            "can_retry": document.can_be_retried and can_request(request.user, document),
        }
        if request.htmx:
            status = 200 if document.is_pending else 286
            return render(request, self.fragment_name, context, status=status)
        return render(request, self.template_name, context)


class DocumentStateView(MemberRequiredMixin, View):
    """A document's status in a list (council reports, a meeting's documents): polled
    every three seconds by a pending row with the state it shows, like the detail page.
    204 while unchanged; else the cell anew, which polls no more once the job is done,
    failed or stopped (so the list stops asking once nothing is pending)."""

    def get(self, request, pk):
        document = get_document_for_user(request.user, pk)
        if _unchanged(request, document):
            return HttpResponse(status=204)
        return render(request, "documents/partials/status_cell.html", {"document": document})


class DocumentRetryView(MemberRequiredMixin, ServiceFormView):
    """The retry button on a failed document's page (POST only)."""

    http_method_names = ["post"]
    template_name = DocumentDetailView.template_name
    form_class = forms.Form
    success_message = gettext_lazy("The document is being created again.")

    def get_target(self):
        return get_document_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, document):
        return {"document": document, "can_retry": False}

    def get_conflict_context(self, form, document, error):
        return {"errors": error.messages}

    def perform(self, form, document):
        services.retry(document=document, actor=self.request.user)
        return document.get_absolute_url()


class DocumentDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        document = get_document_for_user(self.request.user, self.kwargs["pk"])
        if not document.is_done:
            raise Http404
        self.document = document
        return document

    def get_download(self, document):
        return document.file, document.file_name(), "application/pdf"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        digest = base64.b64encode(bytes.fromhex(self.document.sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        record_export(request, what="document", obj=self.document, edition=self.document.edition)
        return response


class MeetingDocumentsView(MemberRequiredMixin, ServiceFormView):
    """A meeting's invitation and minutes as PDF: the archive and the buttons to create them."""

    template_name = "documents/meeting_documents.html"
    form_class = MeetingDocumentForm
    success_message = gettext_lazy("The document is being created in the background.")

    def get_target(self):
        meeting = get_meeting_for_user(self.request.user, self.kwargs["pk"])
        self.rights = body_rights(self.request.user, meeting.body)
        if self.request.method == "POST" and not can_manage(self.request.user, meeting.body):
            raise PermissionDenied
        return meeting

    def get_form(self, meeting, data=None, files=None):
        # The page's buttons are the form; only a refused request shows its errors.
        return None if data is None else self.form_class(data)

    def get_context(self, meeting):
        from . import meeting_documents

        rights = self.rights
        documents = visible_meeting_documents(
            self.request.user, meeting, see_confidential=rights.see_confidential
        ).select_related("requested_by")
        return {
            "meeting": meeting,
            "documents": documents,
            "can_create": rights.manage,
            "editions": (
                Edition.choices
                if rights.see_confidential
                else [(Edition.PUBLIC.value, Edition.PUBLIC.label)]
            ),
            "minutes_available": meeting_documents.minutes_available(meeting),
        }

    def perform(self, form, meeting):
        if form.cleaned_data["edition"] == Edition.INTERNAL and not self.rights.see_confidential:
            raise PermissionDenied
        services.request_meeting_document(
            meeting=meeting,
            kind=form.cleaned_data["kind"],
            edition=form.cleaned_data["edition"],
            actor=self.request.user,
        )
        return reverse("documents:meeting_documents", args=[meeting.pk])
