"""Attendance and the live quorum."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cooperation.permissions import MemberRequiredMixin
from core.views import add_service_errors

from .. import selectors, services
from ..forms import AttendanceForm
from ..permissions import get_meeting_for_user


class QuorumView(MemberRequiredMixin, View):
    """The live quorum state (polled by the meeting page)."""

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        return render(
            request, "meetings/partials/quorum.html", {"quorum": selectors.quorum(meeting)}
        )


class AttendanceView(MemberRequiredMixin, View):
    template_name = "meetings/attendance.html"

    def form(self, meeting, data=None):
        seats = selectors.voting_seats(meeting)
        current = selectors.attendance_by_seat(meeting)
        return AttendanceForm(data, seats=seats, current=current)

    def render_form(self, meeting, form, status=200):
        context = {"meeting": meeting, "form": form, "quorum": selectors.quorum(meeting)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        return self.render_form(meeting, self.form(meeting))

    def post(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        form = self.form(meeting, request.POST)
        if form.is_valid():
            try:
                services.attendance_record(
                    meeting=meeting, entries=list(form.entries()), actor=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The attendance has been recorded."))
                return redirect(reverse("meetings:meeting_detail", args=[pk]) + "#anwesenheit")
        status = 409 if meeting.is_frozen else 400
        return self.render_form(meeting, form, status=status)
