from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from accounts.mixins import FreshSecondFactorMixin
from core.permissions import MemberRequiredMixin
from core.views import (
    HistoryRestoreView,
    PrivateFileDownloadView,
    ServiceFormView,
    history_context,
)

from .. import selectors, services
from ..forms import (
    BodyForm,
    ContractForm,
    MembershipEndForm,
    MembershipForm,
    PartnerForm,
    PartnerOfficeForm,
    PhaseForm,
    RulesOfProcedureForm,
)
from ..permissions import (
    can_change_body,
    can_change_contract,
    can_change_partner,
    can_manage_cooperation,
    can_record_phase,
    get_body_for_user,
    get_contract_for_user,
    get_partner_for_user,
    partner_ids_changeable_by,
)


class PartnerListView(MemberRequiredMixin, ListView):
    template_name = "cooperation/partner_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return selectors.partner_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, changeable_ids=partner_ids_changeable_by(self.request.user)
        )


class PartnerDetailView(MemberRequiredMixin, TemplateView):
    template_name = "cooperation/partner_detail.html"

    def get_context_data(self, **kwargs):
        partner = get_partner_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.partner_detail_queryset()
        )
        return super().get_context_data(
            **kwargs,
            partner=partner,
            **history_context(
                partner,
                can_change=can_change_partner(self.request.user, partner),
                restore_url_name="cooperation:partner_restore",
            ),
        )


def partner_form_class(user):
    """The office also sets kind, status and activity; a partner's administrator does not."""
    if can_manage_cooperation(user):
        return PartnerOfficeForm
    return PartnerForm


class PartnerUpdateView(MemberRequiredMixin, ServiceFormView):
    template_name = "cooperation/partner_form.html"
    success_message = gettext_lazy("The partner’s data has been saved.")

    def get_target(self):
        return get_partner_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, partner, data=None, files=None):
        return partner_form_class(self.request.user)(data, instance=partner)

    def get_context(self, partner):
        return {"partner": partner}

    def perform(self, form, partner):
        services.partner_update(partner=partner, data=form.cleaned_data, actor=self.request.user)
        return partner.get_absolute_url()


class PartnerRestoreView(MemberRequiredMixin, HistoryRestoreView):
    def get_object(self):
        return get_partner_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, obj, data):
        return partner_form_class(self.request.user)(data, instance=obj)

    def perform(self, form, obj, reason):
        services.partner_update(
            partner=obj, data=form.cleaned_data, actor=self.request.user, reason=reason
        )


class ContractView(MemberRequiredMixin, TemplateView):
    template_name = "cooperation/contract.html"

    def get_context_data(self, **kwargs):
        contract = selectors.current_contract()
        context = {
            "contract": contract,
            "phases": selectors.phase_entries(),
            "can_record_phase": can_record_phase(self.request.user),
        }
        if contract is not None:
            get_contract_for_user(self.request.user, contract.pk)
            context |= history_context(
                contract,
                can_change=can_change_contract(self.request.user, contract),
                restore_url_name="cooperation:contract_restore",
            )
        return super().get_context_data(**kwargs, **context)


class ContractDocumentView(MemberRequiredMixin, PrivateFileDownloadView):
    """The signed contract, served only to those allowed to read the contract."""

    def get_file_object(self):
        return get_contract_for_user(self.request.user, self.kwargs["pk"])

    def get_download(self, contract):
        return contract.document, f"Raumordnerischer-Vertrag-{contract.pk}.pdf", "application/pdf"


class ContractRestoreView(MemberRequiredMixin, HistoryRestoreView):
    def get_object(self):
        return get_contract_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, obj, data):
        return ContractForm(data, instance=obj)

    def perform(self, form, obj, reason):
        services.contract_update(
            contract=obj, data=form.cleaned_data, actor=self.request.user, reason=reason
        )


class BodyListView(MemberRequiredMixin, ListView):
    template_name = "cooperation/body_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return selectors.body_list()


class BodyDetailView(MemberRequiredMixin, TemplateView):
    template_name = "cooperation/body_detail.html"

    def get_context_data(self, **kwargs):
        body = get_body_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.body_detail_queryset()
        )
        return super().get_context_data(
            **kwargs,
            body=body,
            working_group=getattr(body, "working_group", None),
            **history_context(
                body,
                can_change=can_change_body(self.request.user, body),
                restore_url_name="cooperation:body_restore",
            ),
        )


class BodyRestoreView(MemberRequiredMixin, HistoryRestoreView):
    def get_object(self):
        return get_body_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, obj, data):
        return BodyForm(data, instance=obj)

    def perform(self, form, obj, reason):
        services.body_update(
            body=obj, data=form.cleaned_data, actor=self.request.user, reason=reason
        )


class OfficeFormView(MemberRequiredMixin, ServiceFormView):
    """The office's forms on a body's page (and the phase form)."""

    template_name = "cooperation/office_form.html"

    def get_target(self):
        return get_body_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, body):
        return {"body": body}

    def get_cancel_url(self, target) -> str:
        return target.get_absolute_url()


class BodyUpdateView(OfficeFormView):
    title = gettext_lazy("Edit body")
    form_class = BodyForm
    success_message = gettext_lazy("The body has been saved.")

    def get_form_kwargs(self, body):
        return {"instance": body}

    def perform(self, form, body):
        services.body_update(body=body, data=form.cleaned_data, actor=self.request.user)
        return body.get_absolute_url()


class RulesOfProcedureView(MemberRequiredMixin, TemplateView):
    """A body's rules of procedure: every member reads them, with their history."""

    template_name = "cooperation/rules_of_procedure.html"

    def get_context_data(self, **kwargs):
        body = get_body_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.rules_page_queryset()
        )
        rules = selectors.rules_of(body)
        return super().get_context_data(
            **kwargs,
            body=body,
            rules=rules,
            can_change=can_change_body(self.request.user, body),
            history=selectors.rules_history(body, rules),
            restore_url_name=None,
        )


class RulesOfProcedureUpdateView(OfficeFormView):
    """The office edits a body's rules of procedure."""

    title = gettext_lazy("Edit the rules of procedure")
    form_class = RulesOfProcedureForm
    success_message = gettext_lazy("The rules of procedure have been saved.")

    def get_target(self):
        return get_body_for_user(
            self.request.user,
            self.kwargs["pk"],
            perm="change",
            queryset=selectors.rules_page_queryset(),
        )

    def get_form_kwargs(self, body):
        return {"instance": selectors.rules_of(body), "body": body}

    def get_cancel_url(self, body) -> str:
        return reverse("cooperation:rules_of_procedure", args=[body.pk])

    def perform(self, form, body):
        services.rules_of_procedure_update(
            body=body, data=form.cleaned_data, actor=self.request.user
        )
        return reverse("cooperation:rules_of_procedure", args=[body.pk])


class MembershipCreateView(FreshSecondFactorMixin, OfficeFormView):
    title = gettext_lazy("Add a member")
    form_class = MembershipForm
    success_message = gettext_lazy("The membership has been added.")

    def get_form_kwargs(self, body):
        return {"body": body}

    def perform(self, form, body):
        services.membership_create(body=body, actor=self.request.user, **form.cleaned_data)
        return body.get_absolute_url()


class MembershipEndView(FreshSecondFactorMixin, OfficeFormView):
    title = gettext_lazy("End a membership")
    form_class = MembershipEndForm
    template_name = "cooperation/membership_end.html"
    success_message = gettext_lazy("The membership has been ended.")

    def get_target(self):
        self.body = super().get_target()
        return selectors.membership_of(self.body, self.kwargs["membership_pk"])

    def get_form_kwargs(self, membership):
        return {"membership": membership}

    def get_initial(self, membership):
        return {"valid_until": timezone.localdate()}

    def get_context(self, membership):
        return {"body": self.body, "membership": membership}

    def get_cancel_url(self, membership) -> str:
        return self.body.get_absolute_url()

    def perform(self, form, membership):
        services.membership_end(
            membership=membership, on=form.cleaned_data["valid_until"], actor=self.request.user
        )
        return self.body.get_absolute_url()


class PhaseCreateView(OfficeFormView):
    title = gettext_lazy("Record a phase of the cooperation")
    form_class = PhaseForm
    success_message = gettext_lazy("The phase has been recorded.")

    def get_target(self):
        if not can_record_phase(self.request.user):
            raise PermissionDenied
        return None

    def get_context(self, target):
        return {}

    def get_cancel_url(self, target) -> str:
        return reverse("cooperation:contract") + "#phases"

    def perform(self, form, target):
        services.phase_record(actor=self.request.user, **form.cleaned_data)
        return reverse("cooperation:contract") + "#phases"
