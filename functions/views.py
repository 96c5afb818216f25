from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cooperation.permissions import MemberRequiredMixin
from core.views import HistoryRestoreView, history_context

from . import selectors, services
from .forms import FacilityFilterForm, FacilityForm
from .permissions import (
    can_manage_facilities_of,
    get_facility_for_user,
    partners_with_facility_rights,
)

PAGE_SIZE = 25


class CatalogueView(MemberRequiredMixin, TemplateView):
    template_name = "functions/catalogue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, areas=selectors.catalogue())


class FacilityListView(MemberRequiredMixin, View):
    template_name = "functions/facility_list.html"

    def get(self, request):
        choices = selectors.filter_choices()
        form = FacilityFilterForm(request.GET or None, **choices)
        selected = form.selected()
        status = 400 if form.is_bound and not form.is_valid() else 200
        page = Paginator(selectors.facility_list(**selected), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        manageable = {p.pk for p in partners_with_facility_rights(request.user)}
        query = request.GET.copy()
        query.pop("seite", None)
        context = {
            "form": form,
            "page": page,
            "facilities": page.object_list,
            "manageable_partner_ids": manageable,
            "can_add": bool(manageable),
            "filtered": bool(selected),
            "query": query.urlencode(),
        }
        template = "functions/partials/facility_results.html" if request.htmx else None
        return render(request, template or self.template_name, context, status=status)


class FacilityDetailView(MemberRequiredMixin, TemplateView):
    template_name = "functions/facility_detail.html"

    def get_context_data(self, **kwargs):
        facility = get_facility_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.facility_detail_queryset()
        )
        return super().get_context_data(
            **kwargs,
            facility=facility,
            **history_context(
                facility,
                can_change=can_manage_facilities_of(self.request.user, facility.partner),
                restore_url_name="functions:facility_restore",
            ),
        )


class FacilityFormView(MemberRequiredMixin, View):
    template_name = "functions/facility_form.html"

    def render_form(self, form, facility=None, status=200):
        context = {"form": form, "facility": facility}
        return render(self.request, self.template_name, context, status=status)


class FacilityCreateView(FacilityFormView):
    def partners(self):
        partners = partners_with_facility_rights(self.request.user)
        if not partners.exists():
            raise PermissionDenied
        return partners

    def get(self, request):
        initial = {}
        partners = self.partners()
        if len(partners) == 1:
            initial["partner"] = partners[0]
        return self.render_form(FacilityForm(partners=partners, initial=initial))

    def post(self, request):
        form = FacilityForm(request.POST, partners=self.partners())
        if not form.is_valid():
            return self.render_form(form, status=400)
        facility = services.facility_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The facility has been created."))
        return redirect(facility)


class FacilityUpdateView(FacilityFormView):
    def get(self, request, pk):
        facility = get_facility_for_user(request.user, pk, perm="change")
        form = FacilityForm(instance=facility, partners=partners_with_facility_rights(request.user))
        return self.render_form(form, facility)

    def post(self, request, pk):
        facility = get_facility_for_user(request.user, pk, perm="change")
        form = FacilityForm(
            request.POST, instance=facility, partners=partners_with_facility_rights(request.user)
        )
        if not form.is_valid():
            facility.refresh_from_db()
            return self.render_form(form, facility, status=400)
        services.facility_update(facility=facility, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("The facility has been saved."))
        return redirect(facility)


class FacilityRestoreView(MemberRequiredMixin, HistoryRestoreView):
    def get_object(self):
        return get_facility_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, obj, data):
        # As in the edit: only into partners whose facilities the user manages.
        return FacilityForm(
            data, instance=obj, partners=partners_with_facility_rights(self.request.user)
        )

    def perform(self, form, obj, reason):
        services.facility_update(
            facility=obj, data=form.cleaned_data, actor=self.request.user, reason=reason
        )
