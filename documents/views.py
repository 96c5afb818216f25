"""Council reports and meeting documents: ask for them, follow the job, download."""

import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from access.services import record_export
from cooperation.permissions import MemberRequiredMixin
from core.views import add_service_errors
from meetings.permissions import body_rights, can_manage, get_meeting_for_user
from meetings.uploads import uploaded_file_response

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


class CouncilReportCreateView(MemberRequiredMixin, View):
    template_name = "documents/report_form.html"

    def check(self):
        if not can_see_council_reports(self.request.user):
            raise Http404
        if not can_build_council_report(self.request.user):
            raise PermissionDenied

    def get(self, request):
        self.check()
        form = CouncilReportForm(initial=CouncilReportForm.default_initial())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        self.check()
        form = CouncilReportForm(request.POST)
        if form.is_valid():
            from .council_report import ReportParams

            data = form.cleaned_data
            params = ReportParams(
                period_from=data["period_from"],
                period_until=data["period_until"],
                partner_id=data["partner"].pk if data["partner"] else None,
                edition=data["edition"],
                foreword=data["foreword"].strip(),
            )
            try:
                document = services.request_council_report(params=params, actor=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The report is being created in the background; see its progress below."),
                )
                return redirect(document)
        return render(request, self.template_name, {"form": form}, status=400)


class DocumentDetailView(MemberRequiredMixin, View):
    """The job's state. While it runs, htmx asks for the status fragment every two
    seconds; once it is finished the fragment answers 286, htmx's "stop polling"."""

    template_name = "documents/document_detail.html"
    fragment_name = "documents/partials/document_status.html"

    def get(self, request, pk):
        document = get_document_for_user(request.user, pk)
        context = {
            "document": document,
            "can_retry": document.can_be_retried and can_request(request.user, document),
        }
        if request.htmx:
            status = 200 if document.is_pending else 286
            return render(request, self.fragment_name, context, status=status)
        return render(request, self.template_name, context)


class DocumentRetryView(MemberRequiredMixin, View):
    def post(self, request, pk):
        document = get_document_for_user(request.user, pk, perm="change")
        try:
            services.retry(document=document, actor=request.user)
        except ValidationError as error:
            context = {"document": document, "can_retry": False, "errors": error.messages}
            return render(request, DocumentDetailView.template_name, context, status=409)
        messages.success(request, _("The document is being created again."))
        return redirect(document)


class DocumentDownloadView(MemberRequiredMixin, View):
    def get(self, request, pk):
        document = get_document_for_user(request.user, pk)
        if not document.is_done:
            raise Http404
        response = uploaded_file_response(
            document.file, filename=document.file_name(), content_type="application/pdf"
        )
        digest = base64.b64encode(bytes.fromhex(document.sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        record_export(request, what="document", obj=document, edition=document.edition)
        return response


class MeetingDocumentsView(MemberRequiredMixin, View):
    """A meeting's invitation and minutes as PDF: the archive and the buttons to create them."""

    template_name = "documents/meeting_documents.html"

    def context(self, meeting, form=None):
        from . import meeting_documents

        rights = body_rights(self.request.user, meeting.body)
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
            "form": form,
        }

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        return render(request, self.template_name, self.context(meeting))

    def post(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        if not can_manage(request.user, meeting.body):
            raise PermissionDenied
        form = MeetingDocumentForm(request.POST)
        if form.is_valid():
            internal = form.cleaned_data["edition"] == Edition.INTERNAL
            if internal and not body_rights(request.user, meeting.body).see_confidential:
                raise PermissionDenied
            try:
                services.request_meeting_document(
                    meeting=meeting,
                    kind=form.cleaned_data["kind"],
                    edition=form.cleaned_data["edition"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The document is being created in the background."))
                return redirect(reverse("documents:meeting_documents", args=[meeting.pk]))
        return render(request, self.template_name, self.context(meeting, form), status=400)
