"""Attendance and the live quorum."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from cooperation.models import DeputyRule, rules_for
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView

from .. import selectors, services
from ..forms import AttendanceForm
from ..permissions import get_meeting_for_user


class QuorumView(MemberRequiredMixin, View):
    """The live quorum state, polled by the meeting page with the state it shows
    (`?stand=`): unchanged, the answer is 204 and htmx leaves the box (a live region)
    alone, so screen readers announce only real changes."""

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        quorum = selectors.quorum(meeting)
        if request.GET.get("stand") == quorum.state:
            return HttpResponse(status=204)
        return render(
            request, "meetings/partials/quorum_poll.html", {"quorum": quorum, "meeting": meeting}
        )


class AttendanceView(MemberRequiredMixin, ServiceFormView):
    template_name = "meetings/attendance.html"
    success_message = gettext_lazy("The attendance has been recorded.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form(self, meeting, data=None, files=None):
        seats = selectors.voting_seats(meeting)
        current = selectors.attendance_by_seat(meeting)
        any_deputy = rules_for(meeting.body).deputy_rule == DeputyRule.ANY_MEMBER
        return AttendanceForm(data, seats=seats, current=current, any_deputy=any_deputy)

    def get_context(self, meeting):
        return {"meeting": meeting, "quorum": selectors.quorum(meeting)}

    def perform(self, form, meeting):
        services.attendance_record(
            meeting=meeting, entries=list(form.entries()), actor=self.request.user
        )
        return reverse("meetings:meeting_detail", args=[meeting.pk]) + "#anwesenheit"
