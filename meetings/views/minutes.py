"""Minutes: writing (version-checked), circulating, approving, correcting."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.mixins import FreshSecondFactorMixin
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView, VersionedEditView

from .. import selectors, services
from ..forms import ConfirmForm, MinutesApproveForm, MinutesCorrectionForm, MinutesForm
from ..permissions import get_agenda_item_for_user, get_meeting_for_user
from .mixins import MeetingFormMixin


class MinutesEditView(MemberRequiredMixin, VersionedEditView):
    """Write the minutes of an item; a concurrent save is refused and both texts are shown."""

    template_name = "meetings/minutes_form.html"
    form_class = MinutesForm
    success_message = gettext_lazy("The minutes have been saved.")

    def get_target(self):
        item = get_agenda_item_for_user(self.request.user, self.kwargs["pk"], perm="change")
        self.minutes = selectors.minutes_of(item)
        return item

    def get(self, request, *args, **kwargs):
        item = self.get_target()
        if self.minutes and self.minutes.is_approved:
            return redirect(reverse("meetings:minutes_correction", args=[item.pk]))
        return self.render_page(self.get_form(item), item)

    def get_version(self, item) -> int:
        # Unwritten minutes: version 0.
        return self.minutes.version if self.minutes else 0

    def get_initial(self, item):
        return {"text": self.minutes.text} if self.minutes else {}

    def get_theirs(self, item):
        return selectors.minutes_of(item)

    def get_context(self, item):
        return {"item": item, "meeting": item.meeting}

    def perform(self, form, item):
        services.minutes_save(
            item=item,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )
        return item.get_absolute_url()


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


class MinutesApproveView(FreshSecondFactorMixin, MeetingFormMixin, ServiceFormView):
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
