"""Meetings: the list, the page, planning, changing, cancelling, marking held."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from cooperation.permissions import MemberRequiredMixin, get_body_for_user
from core.views import ServiceFormView, history_context

from .. import selectors, services
from ..forms import CancelForm, ConfirmForm, MeetingFilterForm, MeetingForm
from ..permissions import get_meeting_for_user
from .mixins import MeetingFormMixin

PAGE_SIZE = 20


class MeetingListView(MemberRequiredMixin, View):
    template_name = "meetings/meeting_list.html"

    def get(self, request):
        bodies = selectors.meeting_filter_bodies()
        form = MeetingFilterForm(request.GET or None, bodies=bodies)
        status = 200
        period, body = MeetingFilterForm.UPCOMING, None
        if form.is_bound:
            if form.is_valid():
                period = form.cleaned_data["zeitraum"] or period
                body = form.bodies.get(form.cleaned_data["gremium"])
            else:
                status = 400
        page = Paginator(selectors.meeting_list(period=period, body=body), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        query = request.GET.copy()
        query.pop("seite", None)
        context = {
            "form": form,
            "page": page,
            "meetings": page.object_list,
            "period": period,
            "manageable_bodies": selectors.manageable_bodies(request.user),
            "query": query.urlencode(),
        }
        return render(request, self.template_name, context, status=status)


class MeetingDetailView(MemberRequiredMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_meeting_for_user(self.request.user, self.kwargs["pk"])
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
