from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from core.views import HistoryRestoreView, history_context

from . import selectors, services
from .forms import (
    BodyForm,
    ContractForm,
    MembershipEndForm,
    MembershipForm,
    PartnerForm,
    PartnerOfficeForm,
    PhaseForm,
)
from .permissions import (
    MemberRequiredMixin,
    can_change_body,
    can_change_contract,
    can_change_partner,
    can_manage_cooperation,
    can_record_phase,
    get_body_for_user,
    get_contract_for_user,
    get_partner_for_user,
    is_cooperation_member,
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


class PartnerUpdateView(MemberRequiredMixin, View):
    template_name = "cooperation/partner_form.html"

    def form_class(self):
        return partner_form_class(self.request.user)

    def get(self, request, pk):
        partner = get_partner_for_user(request.user, pk, perm="change")
        form = self.form_class()(instance=partner)
        return render(request, self.template_name, {"form": form, "partner": partner})

    def post(self, request, pk):
        partner = get_partner_for_user(request.user, pk, perm="change")
        form = self.form_class()(request.POST, instance=partner)
        if not form.is_valid():
            # The failed form left its values on the instance; show the stored name.
            partner.refresh_from_db()
            context = {"form": form, "partner": partner}
            return render(request, self.template_name, context, status=400)
        services.partner_update(partner=partner, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("The partner’s data has been saved."))
        return redirect(partner)


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


class ContractDocumentView(MemberRequiredMixin, View):
    """The signed contract, served only to those allowed to read the contract."""

    def get(self, request, pk):
        contract = get_contract_for_user(request.user, pk)
        if not contract.document:
            raise Http404
        try:
            handle = contract.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=f"Raumordnerischer-Vertrag-{contract.pk}.pdf"
        )


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


class OfficeFormView(MemberRequiredMixin, View):
    """GET shows the form, POST validates and calls the service; errors answer 400."""

    template_name = "cooperation/office_form.html"
    title = ""

    def render_form(self, form, *, status=200, **context):
        context = {"form": form, "title": self.title, **context}
        return render(self.request, self.template_name, context, status=status)


class BodyUpdateView(OfficeFormView):
    title = gettext_lazy("Edit body")

    def get(self, request, pk):
        body = get_body_for_user(request.user, pk, perm="change")
        return self.render_form(
            BodyForm(instance=body), body=body, cancel_url=body.get_absolute_url()
        )

    def post(self, request, pk):
        body = get_body_for_user(request.user, pk, perm="change")
        form = BodyForm(request.POST, instance=body)
        if not form.is_valid():
            body.refresh_from_db()
            return self.render_form(form, status=400, body=body, cancel_url=body.get_absolute_url())
        services.body_update(body=body, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("The body has been saved."))
        return redirect(body)


class MembershipCreateView(OfficeFormView):
    title = gettext_lazy("Add a member")

    def get(self, request, pk):
        body = get_body_for_user(request.user, pk, perm="change")
        return self.render_form(
            MembershipForm(body=body), body=body, cancel_url=body.get_absolute_url()
        )

    def post(self, request, pk):
        body = get_body_for_user(request.user, pk, perm="change")
        form = MembershipForm(request.POST, body=body)
        if not form.is_valid():
            return self.render_form(form, status=400, body=body, cancel_url=body.get_absolute_url())
        services.membership_create(body=body, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The membership has been added."))
        return redirect(body)


class MembershipEndView(OfficeFormView):
    title = gettext_lazy("End a membership")
    template_name = "cooperation/membership_end.html"

    def get_membership(self, pk, membership_pk):
        body = get_body_for_user(self.request.user, pk, perm="change")
        membership = selectors.membership_of(body, membership_pk)
        return body, membership

    def get(self, request, pk, membership_pk):
        body, membership = self.get_membership(pk, membership_pk)
        form = MembershipEndForm(
            membership=membership, initial={"valid_until": timezone.localdate()}
        )
        return self.render_form(
            form, body=body, membership=membership, cancel_url=body.get_absolute_url()
        )

    def post(self, request, pk, membership_pk):
        body, membership = self.get_membership(pk, membership_pk)
        form = MembershipEndForm(request.POST, membership=membership)
        if not form.is_valid():
            return self.render_form(
                form,
                status=400,
                body=body,
                membership=membership,
                cancel_url=body.get_absolute_url(),
            )
        services.membership_end(
            membership=membership, on=form.cleaned_data["valid_until"], actor=request.user
        )
        messages.success(request, _("The membership has been ended."))
        return redirect(body)


class PhaseCreateView(OfficeFormView):
    title = gettext_lazy("Record a phase of the cooperation")

    def dispatch(self, request, *args, **kwargs):
        if is_cooperation_member(request.user) and not can_record_phase(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        cancel = reverse("cooperation:contract") + "#phases"
        return self.render_form(PhaseForm(), cancel_url=cancel)

    def post(self, request):
        form = PhaseForm(request.POST)
        if not form.is_valid():
            cancel = reverse("cooperation:contract") + "#phases"
            return self.render_form(form, status=400, cancel_url=cancel)
        services.phase_record(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The phase has been recorded."))
        return redirect(reverse("cooperation:contract") + "#phases")
