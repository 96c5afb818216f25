from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, HistoryRestoreView, ServiceFormView, history_context

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


class FacilityListView(MemberRequiredMixin, FilteredListView):
    template_name = "functions/facility_list.html"
    filter_form_class = FacilityFilterForm
    page_size = PAGE_SIZE
    context_object_name = "facilities"

    def get_filter_form_kwargs(self):
        return selectors.filter_choices()

    def get_rows(self, selected):
        return selectors.facility_list(**selected)

    def get_context(self, selected):
        manageable = {p.pk for p in partners_with_facility_rights(self.request.user)}
        return {"manageable_partner_ids": manageable, "can_add": bool(manageable)}

    def get_template_name(self):
        # The facility filter updates only the results (htmx).
        if self.request.htmx:
            return "functions/partials/facility_results.html"
        return self.template_name


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


class FacilityCreateView(MemberRequiredMixin, ServiceFormView):
    template_name = "functions/facility_form.html"
    form_class = FacilityForm
    success_message = gettext_lazy("The facility has been created.")

    def get_target(self):
        # No object yet; the partners whose facilities the user manages are the choices.
        self.partners = partners_with_facility_rights(self.request.user)
        if not self.partners.exists():
            raise PermissionDenied
        return None

    def get_form_kwargs(self, target):
        return {"partners": self.partners}

    def get_initial(self, target):
        return {"partner": self.partners[0]} if len(self.partners) == 1 else {}

    def get_cancel_url(self, target):
        return reverse("functions:facility_list")

    def perform(self, form, target):
        facility = services.facility_create(actor=self.request.user, **form.cleaned_data)
        return facility.get_absolute_url()


class FacilityUpdateView(MemberRequiredMixin, ServiceFormView):
    template_name = "functions/facility_form.html"
    form_class = FacilityForm
    success_message = gettext_lazy("The facility has been saved.")

    def get_target(self):
        return get_facility_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, facility):
        return {"instance": facility, "partners": partners_with_facility_rights(self.request.user)}

    def get_context(self, facility):
        return {"facility": facility}

    def perform(self, form, facility):
        services.facility_update(facility=facility, data=form.cleaned_data, actor=self.request.user)
        return facility.get_absolute_url()


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
