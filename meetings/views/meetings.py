"""Meetings: the list, the page, planning, changing, cancelling, marking held."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperation.permissions import get_body_for_user
from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, ServiceFormView, history_context

from .. import selectors, services
from ..forms import CancelForm, ConfirmForm, MeetingFilterForm, MeetingForm
from ..permissions import get_meeting_for_user
from .mixins import MeetingFormMixin

PAGE_SIZE = 20


class MeetingListView(MemberRequiredMixin, FilteredListView):
    template_name = "meetings/meeting_list.html"
    filter_form_class = MeetingFilterForm
    page_size = PAGE_SIZE
    context_object_name = "meetings"

    def get_filter_form_kwargs(self):
        return {"bodies": selectors.meeting_filter_bodies()}

    def get_rows(self, selected):
        return selectors.meeting_list(**selected)

    def get_context(self, selected):
        return {
            "period": selected["period"],
            "manageable_bodies": selectors.manageable_bodies(self.request.user),
        }


class MeetingDetailView(MemberRequiredMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_meeting_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.meeting_detail_queryset()
        )
        page = selectors.meeting_page(self.request.user, meeting)
        return super().get_context_data(
            **kwargs,
            meeting=meeting,
            **page,
            **history_context(meeting, can_change=False, restore_url_name=""),
        )


class MeetingCreateView(MeetingFormMixin, ServiceFormView):
    form_class = MeetingForm
    title = gettext_lazy("New meeting")
    success_message = gettext_lazy("The meeting has been created. Now add the agenda.")

    def get_target(self):
        return get_body_for_user(self.request.user, self.kwargs["body_pk"], perm="change")

    def get_context(self, target):
        return {"body": target}

    def perform(self, form, body):
        return services.meeting_create(body=body, actor=self.request.user, **form.cleaned_data)


class MeetingUpdateView(MeetingFormMixin, ServiceFormView):
    form_class = MeetingForm
    title = gettext_lazy("Edit meeting")
    success_message = gettext_lazy("The meeting has been saved.")
    intro = gettext_lazy(
        "If the members have been invited, they receive an update of the calendar entry."
    )

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, meeting):
        return {"instance": meeting}

    def perform(self, form, meeting):
        return services.meeting_update(
            meeting=meeting, data=form.cleaned_data, actor=self.request.user
        )


class MeetingCancelView(MeetingFormMixin, ServiceFormView):
    form_class = CancelForm
    title = gettext_lazy("Cancel meeting")
    intro = gettext_lazy(
        "The meeting stays in the record as cancelled. Invited members are told, with the reason."
    )
    submit_label = gettext_lazy("Cancel the meeting")
    success_message = gettext_lazy("The meeting has been cancelled.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, meeting):
        return services.meeting_cancel(
            meeting=meeting, reason=form.cleaned_data["reason"], actor=self.request.user
        )


class MeetingHeldView(MeetingFormMixin, ServiceFormView):
    form_class = ConfirmForm
    title = gettext_lazy("Record that the meeting has been held")
    intro = gettext_lazy("Afterwards the minutes can be written, circulated and approved.")
    submit_label = gettext_lazy("Meeting has been held")
    success_message = gettext_lazy("The meeting is recorded as held.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, meeting):
        return services.meeting_mark_held(meeting=meeting, actor=self.request.user)
