"""The public pages (`/oeffentlich/`): no login, the same answer for everybody.

Every view is a `core.caching.PublicCacheMixin` (German, `Cache-Control: public`, ETag,
304) and reads through `public.selectors` and the gates in `public.permissions`, which
start from the models' `published()` querysets only.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from access.net import client_address
from core.caching import PublicCacheMixin
from core.views import (
    FilteredListView,
    PrivateFileDownloadView,
    ServiceFormView,
    form_error_messages,
)
from participation import services as participation_services
from participation.forms import PublicStatementForm
from participation.table_pdf import table_file_name
from search import selectors as search_selectors
from search.forms import SearchForm

from . import selectors
from .forms import PublicDecisionFilterForm, PublicFindingFilterForm, PublicMeetingFilterForm
from .permissions import (
    get_procedure_open_to_public,
    get_public_body,
    get_public_procedure,
    get_published_chapter,
    get_published_decision,
    get_published_finding,
    get_published_meeting,
    get_published_paper,
    get_published_report,
    get_published_table,
)


class PublicPageView(PublicCacheMixin, TemplateView):
    def get_page(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **self.get_page())


class HomeView(PublicPageView):
    template_name = "public/home.html"

    def get_page(self):
        return selectors.home()


class BodyDetailView(PublicPageView):
    template_name = "public/body_detail.html"

    def get_page(self):
        return get_public_body(self.kwargs["pk"])


class MeetingListView(PublicCacheMixin, FilteredListView):
    template_name = "public/meeting_list.html"
    filter_form_class = PublicMeetingFilterForm
    page_size = 20
    context_object_name = "meetings"

    def get_filter_form_kwargs(self):
        return {"bodies": selectors.filter_bodies(), "years": selectors.meeting_years()}

    def get_rows(self, selected):
        return selectors.published_meetings(**selected)


class MeetingDetailView(PublicPageView):
    template_name = "public/meeting_detail.html"

    def get_page(self):
        meeting = get_published_meeting(self.kwargs["pk"])
        return {"meeting": meeting, **selectors.meeting_page(meeting)}


class PaperDownloadView(PublicCacheMixin, PrivateFileDownloadView):
    def get_file_object(self):
        self.paper = get_published_paper(self.kwargs["pk"])
        return self.paper

    def get_etag(self, response):
        paper = self.paper
        return f'"paper-{paper.pk}-{paper.size}-{int(paper.modified.timestamp())}"'


class DecisionListView(PublicCacheMixin, FilteredListView):
    template_name = "public/decision_list.html"
    filter_form_class = PublicDecisionFilterForm
    page_size = 25
    context_object_name = "decisions"

    def get_filter_form_kwargs(self):
        return {"bodies": selectors.filter_bodies(), "years": selectors.decision_years()}

    def get_rows(self, selected):
        return selectors.published_decisions(**selected)


class DecisionDetailView(PublicPageView):
    template_name = "public/decision_detail.html"

    def get_page(self):
        return {"decision": get_published_decision(self.kwargs["pk"])}


class MatrixView(PublicPageView):
    template_name = "public/matrix.html"

    def get_page(self):
        return selectors.public_matrix()


class FindingListView(PublicCacheMixin, FilteredListView):
    template_name = "public/finding_list.html"
    filter_form_class = PublicFindingFilterForm
    page_size = 25
    context_object_name = "findings"

    def get_filter_form_kwargs(self):
        areas, partners = selectors.matrix_choices()
        return {"areas": areas, "partners": partners}

    def get_rows(self, selected):
        return selectors.published_findings(**selected)


class FindingDetailView(PublicPageView):
    template_name = "public/finding_detail.html"

    def get_page(self):
        return {"finding": get_published_finding(self.kwargs["pk"])}


class ConceptView(PublicPageView):
    template_name = "public/concept.html"

    def get_page(self):
        return selectors.concept()


class ChapterDetailView(PublicPageView):
    template_name = "public/chapter_detail.html"

    def get_page(self):
        return {"chapter": get_published_chapter(self.kwargs["pk"])}


class ReportListView(PublicPageView):
    template_name = "public/report_list.html"
    page_size = 20

    def get_page(self):
        page = Paginator(selectors.published_reports(), self.page_size).get_page(
            self.request.GET.get("seite")
        )
        return {"page": page, "reports": page.object_list, "query": ""}


class ReportDownloadView(PublicCacheMixin, PrivateFileDownloadView):
    def get_file_object(self):
        self.document = get_published_report(self.kwargs["pk"])
        return self.document

    def get_download(self, document):
        return document.file, document.file_name(), "application/pdf"

    def get_etag(self, response):
        return f'"{self.document.sha256}"'


def public_url(kind: str, obj) -> str:
    """Where a public search hit leads: the public page of the object (or of the
    meeting or decision it belongs to, at its anchor)."""
    if kind == "meeting":
        return reverse("public:meeting_detail", args=[obj.pk])
    if kind == "agenda_item":
        return reverse("public:meeting_detail", args=[obj.meeting_id]) + f"#top-{obj.pk}"
    if kind == "minutes":
        item = obj.agenda_item
        return reverse("public:meeting_detail", args=[item.meeting_id]) + f"#top-{item.pk}"
    if kind == "decision":
        return reverse("public:decision_detail", args=[obj.pk])
    if kind == "progress":
        return reverse("public:decision_detail", args=[obj.decision_id])
    if kind == "finding":
        return reverse("public:finding_detail", args=[obj.pk])
    if kind == "chapter":
        return reverse("public:chapter_detail", args=[obj.pk])
    if kind == "paper":
        return reverse("public:paper_download", args=[obj.pk])
    raise ValueError(f"no public page for {kind}")


class SearchView(PublicCacheMixin, View):
    """`/oeffentlich/suche/`: the same search as the members', over published content
    only (`search.selectors.search(user=None)`); 400 with a German message for bad input."""

    template_name = "public/search.html"

    def get(self, request):
        form = SearchForm(request.GET or None, public=True)
        results, errors = None, []
        if form.is_bound and form.is_valid():
            try:
                results = search_selectors.search(
                    form.cleaned_data["q"],
                    user=None,
                    kinds=form.cleaned_data["art"],
                    page=request.GET.get("seite"),
                    url_for=public_url,
                )
            except ValidationError as error:
                errors = error.messages
        elif form.is_bound:
            errors = form_error_messages(form)
        context = {"form": form, "results": results, "errors": errors}
        return render(request, self.template_name, context, status=400 if errors else 200)


# --- Participation procedures ------------------------------------------------------------


class ParticipationListView(PublicPageView):
    template_name = "public/participation/procedure_list.html"
    page_size = 20

    def get_page(self):
        page = Paginator(selectors.public_procedures(), self.page_size).get_page(
            self.request.GET.get("seite")
        )
        return {"page": page, "procedures": page.object_list, "query": ""}


class ParticipationDetailView(PublicPageView):
    template_name = "public/participation/procedure_detail.html"

    def get_page(self):
        procedure = get_public_procedure(self.kwargs["pk"])
        return selectors.public_procedure_page(procedure, self.request.GET.get("seite"))


class ParticipationTableView(PublicCacheMixin, PrivateFileDownloadView):
    def get_file_object(self):
        self.table = get_published_table(self.kwargs["pk"])
        return self.table

    def get_download(self, table):
        return table.file, table_file_name(table.procedure), "application/pdf"

    def get_etag(self, response):
        return f'"weighing-table-{self.table.pk}-{self.table.size}"'


STATEMENTS_TOO_MANY = gettext_lazy(
    "Too many statements have been sent from here or for this e-mail address. Please try "
    "again in an hour."
)


@method_decorator(never_cache, name="dispatch")
class ParticipationStatementView(ServiceFormView):
    """The public statement form of a running procedure open to the public. It carries a
    CSRF token, so it is never cached; limited per client address and e-mail address
    (429 over the limit)."""

    template_name = "public/participation/statement_form.html"
    form_class = PublicStatementForm
    submit_label = gettext_lazy("Submit statement")

    def get_target(self):
        procedure = get_procedure_open_to_public(self.kwargs["pk"])
        self.chapters = selectors.public_chapters(procedure)
        return procedure

    def get_form_kwargs(self, procedure):
        return {"chapters": self.chapters}

    def get_context(self, procedure):
        return {
            "procedure": procedure,
            "title": gettext("Your statement: %(title)s") % {"title": procedure.title},
        }

    def get_cancel_url(self, procedure):
        return reverse("public:participation_detail", args=[procedure.pk])

    def perform(self, form, procedure):
        data = form.cleaned_data
        if not participation_services.public_statement_allowed(
            client_address(self.request), data["email"]
        ):
            raise ValidationError(STATEMENTS_TOO_MANY, code="too_many")
        statement = participation_services.public_statement_submit(
            procedure=procedure,
            name=data["name"],
            email=data["email"],
            text=data["text"],
            chapter=form.chosen_chapter(),
        )
        self.number = statement.number
        return reverse("public:participation_statement", args=[procedure.pk])

    def get_success_message(self, form, procedure):
        return gettext(
            "Thank you. Your statement has been received as no. %(number)s; a receipt is on "
            "its way to your e-mail address."
        ) % {"number": self.number}

    def refused(self, form, target):
        response = super().refused(form, target)
        if form.has_error(NON_FIELD_ERRORS, "too_many"):
            response.status_code = 429
        return response
