"""The office's and members' pages of the participation procedures (under
/beteiligung/): members read what is put out, the office prepares, puts out, weighs,
puts the weighing on the board's agenda, has the table built and publishes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, PrivateFileDownloadView, ServiceFormView

from .. import selectors, services
from ..forms import (
    AgendaForm,
    ConfirmForm,
    DecisionForm,
    ProcedureForm,
    StatementFilterForm,
    WeighingForm,
)
from ..models import WeighingOutcome
from ..permissions import (
    ADD,
    can_manage,
    can_see_contact_data,
    can_weigh,
    get_attachment_for_user,
    get_procedure_for_user,
    get_statement_for_user,
    get_table_for_user,
)
from ..table_pdf import table_file_name

PAGE_SIZE = 20


class ProcedureListView(MemberRequiredMixin, TemplateView):
    template_name = "participation/office/procedure_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = Paginator(selectors.procedure_list(user), PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        return super().get_context_data(
            **kwargs,
            page=page,
            procedures=page.object_list,
            can_manage=user.has_perm(ADD),
        )


class ProcedureDetailView(MemberRequiredMixin, TemplateView):
    template_name = "participation/office/procedure_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        procedure = get_procedure_for_user(
            user, self.kwargs["pk"], queryset=selectors.procedure_detail_queryset()
        )
        return super().get_context_data(
            **kwargs,
            procedure=procedure,
            can_manage=can_manage(user),
            **selectors.procedure_page(procedure),
        )


class ProcedureCreateView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/office/procedure_form.html"
    form_class = ProcedureForm
    title = gettext_lazy("Prepare a participation procedure")
    intro = gettext_lazy(
        "A draft, seen by the office only. Putting it out copies the concept's chapters as "
        "they are then; from then on the participants can be invited."
    )
    submit_label = gettext_lazy("Save draft")
    success_message = gettext_lazy("The participation procedure has been prepared.")

    def get_target(self):
        if not self.request.user.has_perm(ADD):
            raise PermissionDenied
        return None

    def get_cancel_url(self, target):
        return reverse("participation:procedure_list")

    def perform(self, form, target):
        procedure = services.procedure_create(**form.service_data(), actor=self.request.user)
        return procedure.get_absolute_url()


class ProcedureUpdateView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/office/procedure_form.html"
    form_class = ProcedureForm
    title = gettext_lazy("Edit participation procedure")
    success_message = gettext_lazy("The participation procedure has been saved.")

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, procedure):
        return ProcedureForm.initial_for(procedure)

    def get_context(self, procedure):
        return {"procedure": procedure}

    def perform(self, form, procedure):
        services.procedure_update(
            procedure=procedure, data=form.service_data(), actor=self.request.user
        )
        return procedure.get_absolute_url()


class ProcedureConfirmView(MemberRequiredMixin, ServiceFormView):
    """An office action on a procedure, confirmed by ticking a box."""

    template_name = "participation/office/procedure_confirm.html"
    form_class = ConfirmForm

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, procedure):
        return {"procedure": procedure}


class ProcedureOpenView(ProcedureConfirmView):
    title = gettext_lazy("Put the concept out for statements")
    intro = gettext_lazy(
        "Every chapter of the concept is copied as it is now: the participants and members "
        "read this version, whatever is edited in the concept afterwards. The title and the "
        "period can no longer be changed."
    )
    submit_label = gettext_lazy("Put out")
    success_message = gettext_lazy("The concept has been put out for statements.")

    def perform(self, form, procedure):
        services.procedure_open(procedure=procedure, actor=self.request.user)
        return procedure.get_absolute_url()


class TableRequestView(ProcedureConfirmView):
    title = gettext_lazy("Build the weighing table")
    intro = gettext_lazy(
        "The table (each submitted statement with its chapter, who submitted it as published, "
        "the weighing and the reasoning; no names or e-mail addresses) is built as a PDF in "
        "the background; it appears on the procedure's page."
    )
    submit_label = gettext_lazy("Build table")
    success_message = gettext_lazy("The weighing table is being built.")

    def perform(self, form, procedure):
        services.table_request(procedure=procedure, actor=self.request.user)
        return procedure.get_absolute_url()


class ProcedurePublishView(ProcedureConfirmView):
    title = gettext_lazy("Publish the weighing")
    intro = gettext_lazy(
        "The weighing table and the statements (without names and e-mail addresses of "
        "members of the public) become public; the weighing can no longer be changed."
    )
    submit_label = gettext_lazy("Publish")
    success_message = gettext_lazy(
        "The weighing has been published; the final table is being built."
    )

    def perform(self, form, procedure):
        services.procedure_publish(procedure=procedure, actor=self.request.user)
        return procedure.get_absolute_url()


class AgendaItemView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/office/procedure_confirm.html"
    form_class = AgendaForm
    title = gettext_lazy("Put the weighing on the board's agenda")
    intro = gettext_lazy(
        "A public agenda item on the weighing of the statements is added to the chosen "
        "board meeting; the board decides on it there."
    )
    submit_label = gettext_lazy("Add to the agenda")
    success_message = gettext_lazy("The weighing is on the board's agenda.")

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, procedure):
        return {"meetings": services.upcoming_board_meetings()}

    def get_context(self, procedure):
        return {"procedure": procedure}

    def perform(self, form, procedure):
        services.procedure_agenda_item_create(
            procedure=procedure, meeting=form.cleaned_data["meeting"], actor=self.request.user
        )
        return procedure.get_absolute_url()


class DecisionLinkView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/office/procedure_confirm.html"
    form_class = DecisionForm
    title = gettext_lazy("Record the board's decision on the weighing")
    intro = gettext_lazy(
        "Choose the board's adopted decision on the procedure's agenda item. The weighing is "
        "then frozen and can be published."
    )
    submit_label = gettext_lazy("Record decision")
    success_message = gettext_lazy("The board's decision has been recorded.")

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, procedure):
        return {"decisions": services.decisions_on_item(procedure)}

    def get_context(self, procedure):
        return {"procedure": procedure}

    def perform(self, form, procedure):
        services.procedure_decision_link(
            procedure=procedure, decision=form.cleaned_data["decision"], actor=self.request.user
        )
        return procedure.get_absolute_url()


class StatementListView(MemberRequiredMixin, FilteredListView):
    template_name = "participation/office/statement_list.html"
    filter_form_class = StatementFilterForm
    page_size = PAGE_SIZE
    context_object_name = "statements"

    def procedure(self):
        if not hasattr(self, "_procedure"):
            self._procedure = get_procedure_for_user(self.request.user, self.kwargs["pk"])
            self._chapters = list(self._procedure.chapters.order_by("position", "pk"))
        return self._procedure

    def get_filter_form_kwargs(self):
        self.procedure()
        return {"chapters": self._chapters}

    def get_rows(self, selected):
        return selectors.submitted_statements(self.procedure(), **selected)

    def get_context(self, selected):
        return {"procedure": self.procedure(), "can_weigh": can_weigh(self.request.user)}


class StatementDetailView(MemberRequiredMixin, TemplateView):
    template_name = "participation/office/statement_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        statement = get_statement_for_user(
            user, self.kwargs["pk"], queryset=selectors.statement_queryset()
        )
        return super().get_context_data(
            **kwargs,
            statement=statement,
            procedure=statement.procedure,
            weighing=getattr(statement, "weighing", None),
            attachments=selectors.attachments_of(statement),
            can_weigh=can_weigh(user),
            contact_data=can_see_contact_data(user),
        )


class WeighingView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/office/weighing_form.html"
    form_class = WeighingForm
    submit_label = gettext_lazy("Save weighing")
    success_message = gettext_lazy("The weighing has been saved.")

    def get_target(self):
        return get_statement_for_user(
            self.request.user,
            self.kwargs["pk"],
            perm="weigh",
            queryset=selectors.statement_queryset(),
        )

    def get_initial(self, statement):
        weighing = getattr(statement, "weighing", None)
        if weighing is None:
            return {}
        return {
            "outcome": weighing.outcome,
            "reasoning": weighing.reasoning,
            "chapter_change": weighing.chapter_change,
        }

    def get_cancel_url(self, statement):
        return reverse("participation:statement_detail", args=[statement.pk])

    def get_context(self, statement):
        return {
            "statement": statement,
            "procedure": statement.procedure,
            "title": gettext("Weighing of %(statement)s") % {"statement": statement.label},
            "outcomes": WeighingOutcome,
        }

    def perform(self, form, statement):
        services.weighing_save(statement=statement, **form.cleaned_data, actor=self.request.user)
        return reverse("participation:statement_detail", args=[statement.pk])


class AttachmentDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        return get_attachment_for_user(self.request.user, self.kwargs["pk"])


class TableDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        return get_table_for_user(self.request.user, self.kwargs["pk"])

    def get_download(self, table):
        return table.file, table_file_name(table.procedure), "application/pdf"
