"""The council pages: what each council still has to decide, requiring councils for a
decision, recording a council's consultation and downloading the minutes' extract."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.permissions import MemberRequiredMixin
from core.views import (
    FilteredListView,
    PrivateFileDownloadView,
    ServiceFormView,
    UploadFormView,
    history_context,
)
from meetings.permissions import get_decision_for_user

from . import selectors, services
from .forms import ConsultationForm, CouncilFilterForm, RequirementForm
from .permissions import (
    can_record,
    can_require_councils,
    get_consultation_for_user,
    get_extract_for_user,
    partners_recordable_by,
)

PAGE_SIZE = 25


class CouncilListView(MemberRequiredMixin, FilteredListView):
    """Per partner, what its council still has to decide."""

    template_name = "councils/council_list.html"
    filter_form_class = CouncilFilterForm
    page_size = PAGE_SIZE
    context_object_name = "consultations"

    def get_filter_form_kwargs(self):
        return {"partners": selectors.council_partners()}

    def get_rows(self, selected):
        return selectors.council_list(self.request.user, **selected)

    def get_context(self, selected):
        return {
            "today": timezone.localdate(),
            "recordable": partners_recordable_by(self.request.user),
        }


class RequirementCreateView(MemberRequiredMixin, ServiceFormView):
    """The office names the councils whose approval a decision needs."""

    template_name = "councils/requirement_form.html"
    form_class = RequirementForm
    title = gettext_lazy("Require the councils' approval")
    intro = gettext_lazy(
        "Each council asked gets a consultation of its own, which that partner's "
        "administrators record. The decision takes effect once the rule is met."
    )
    submit_label = gettext_lazy("Require approval")
    success_message = gettext_lazy("The councils' consultations have been created.")

    def get_target(self):
        decision = get_decision_for_user(self.request.user, self.kwargs["pk"])
        if not can_require_councils(self.request.user, decision):
            raise PermissionDenied
        return decision

    def get_context(self, decision):
        return {"decision": decision}

    def perform(self, form, decision):
        services.requirement_create(decision=decision, actor=self.request.user, **form.cleaned_data)
        return f"{decision.get_absolute_url()}#raete"


class ConsultationDetailView(MemberRequiredMixin, TemplateView):
    template_name = "councils/consultation_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        consultation = get_consultation_for_user(
            user, self.kwargs["pk"], queryset=selectors.consultation_detail_queryset()
        )
        may_record = can_record(user, consultation)
        return super().get_context_data(
            **kwargs,
            consultation=consultation,
            requirement=consultation.requirement,
            decision=consultation.requirement.decision,
            can_record=may_record,
            # A consultation is corrected by recording it again, never restored.
            **history_context(consultation, can_change=False, restore_url_name=""),
        )


class ConsultationRecordView(MemberRequiredMixin, UploadFormView):
    """The partner's administrators (and the office) record what the council did."""

    template_name = "councils/consultation_form.html"
    form_class = ConsultationForm
    submit_label = gettext_lazy("Save")
    success_message = gettext_lazy("The council's consultation has been recorded.")

    def get_target(self):
        return get_consultation_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, consultation):
        return {name: getattr(consultation, name) for name in services.RECORD_FIELDS}

    def get_context(self, consultation):
        return {
            "consultation": consultation,
            "decision": consultation.requirement.decision,
            "title": _("Record the consultation: %(council)s")
            % {"council": consultation.council_name},
        }

    def perform(self, form, consultation):
        data = dict(form.cleaned_data)
        extract = data.pop("extract", None)
        services.consultation_record(
            consultation=consultation, data=data, extract=extract, actor=self.request.user
        )
        return consultation.get_absolute_url()


class ExtractDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        return get_extract_for_user(self.request.user, self.kwargs["pk"])
