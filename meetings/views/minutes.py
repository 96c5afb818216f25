"""Minutes: writing (version-checked), circulating, approving, correcting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cooperation.permissions import MemberRequiredMixin
from core.views import ServiceFormView, add_service_errors

from .. import selectors, services
from ..forms import ConfirmForm, MinutesApproveForm, MinutesCorrectionForm, MinutesForm
from ..permissions import get_agenda_item_for_user, get_meeting_for_user
from .mixins import MeetingFormMixin


class MinutesEditView(MemberRequiredMixin, View):
    """Write the minutes of an item; a concurrent save is refused and both texts are shown."""

    template_name = "meetings/minutes_form.html"

    def render_form(self, item, form, *, status=200, theirs=None):
        context = {"item": item, "meeting": item.meeting, "form": form, "theirs": theirs}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        item = get_agenda_item_for_user(request.user, pk, perm="change")
        minutes = selectors.minutes_of(item)
        if minutes and minutes.is_approved:
            return redirect(reverse("meetings:minutes_correction", args=[pk]))
        initial = {"text": minutes.text, "version": minutes.version} if minutes else {"version": 0}
        return self.render_form(item, MinutesForm(initial=initial))

    def post(self, request, pk):
        item = get_agenda_item_for_user(request.user, pk, perm="change")
        form = MinutesForm(request.POST)
        if not form.is_valid():
            return self.render_form(item, form, status=400)
        try:
            services.minutes_save(
                item=item,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            theirs = selectors.minutes_of(item)
            if theirs is not None:
                # The next save is meant to replace the version shown here.
                form.data = form.data.copy()
                form.data["version"] = theirs.version
            return self.render_form(item, form, status=409, theirs=theirs)
        messages.success(request, _("The minutes have been saved."))
        return redirect(item.get_absolute_url())


class MinutesCirculateView(MeetingFormMixin, ServiceFormView):
    form_class = ConfirmForm
    title = gettext_lazy("Circulate the minutes")
    intro = gettext_lazy(
        "The draft minutes are sent round to the members for approval at the next meeting."
    )
    submit_label = gettext_lazy("Circulate")
    success_message = gettext_lazy("The minutes have been circulated.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, meeting):
        services.minutes_circulate(meeting=meeting, actor=self.request.user)
        return meeting.get_absolute_url()


class MinutesApproveView(MeetingFormMixin, ServiceFormView):
    form_class = MinutesApproveForm
    title = gettext_lazy("Approve the minutes")
    intro = gettext_lazy(
        "After approval the minutes are read-only for everyone; later changes are recorded "
        "as dated corrections."
    )
    submit_label = gettext_lazy("Approve minutes")
    success_message = gettext_lazy("The minutes have been approved.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, meeting):
        return {"meeting": meeting}

    def get_initial(self, meeting):
        return {"approved_on": timezone.localdate()}

    def perform(self, form, meeting):
        services.minutes_approve(meeting=meeting, actor=self.request.user, **form.cleaned_data)
        return meeting.get_absolute_url()


class MinutesCorrectionView(MeetingFormMixin, ServiceFormView):
    form_class = MinutesCorrectionForm
    title = gettext_lazy("Correct approved minutes")
    intro = gettext_lazy(
        "The approved text stays as it is; the correction is shown below it with today's date."
    )
    submit_label = gettext_lazy("Record correction")
    success_message = gettext_lazy("The correction has been recorded.")

    def get_target(self):
        item = get_agenda_item_for_user(self.request.user, self.kwargs["pk"], perm="change")
        minutes = selectors.minutes_of(item)
        if minutes is None:
            raise PermissionDenied
        return minutes

    def get_context(self, minutes):
        return {"meeting": minutes.agenda_item.meeting, "minutes": minutes}

    def get_cancel_url(self, minutes):
        return minutes.agenda_item.get_absolute_url()

    def perform(self, form, minutes):
        services.minutes_correct(minutes=minutes, actor=self.request.user, **form.cleaned_data)
        return minutes.agenda_item.get_absolute_url()
