"""Meetings and their agenda, proposals, attendance and minutes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from cooperation.models import Body
from cooperation.permissions import bodies_for_user, get_body_for_user
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView, add_service_errors, history_context

from . import selectors, services
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    ConfirmForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesApproveForm,
    MinutesCorrectionForm,
    MinutesForm,
    ProposalDecisionForm,
    ProposalForm,
)
from .models import AgendaProposal, Meeting, Minutes, MinutesStatus
from .permissions import (
    can_propose,
    get_agenda_item_for_user,
    get_meeting_for_user,
)

PAGE_SIZE = 20


class MeetingListView(MemberRequiredMixin, View):
    template_name = "meetings/meeting_list.html"

    def get(self, request):
        bodies = list(Body.objects.filter(is_active=True).order_by("kind", "name"))
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
            "manageable_bodies": list(
                bodies_for_user(request.user, "cooperation.change_body")
                .filter(is_active=True)
                .order_by("kind", "name")
            ),
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


class QuorumView(MemberRequiredMixin, View):
    """The live quorum state (polled by the meeting page)."""

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        return render(
            request, "meetings/partials/quorum.html", {"quorum": services.quorum(meeting)}
        )


class MeetingFormMixin(MemberRequiredMixin):
    def get_context(self, target):
        return {"meeting": target if isinstance(target, Meeting) else target.meeting}


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


class AgendaItemCreateView(MeetingFormMixin, ServiceFormView):
    form_class = AgendaItemForm
    title = gettext_lazy("Add agenda item")
    success_message = gettext_lazy("The agenda item has been added.")

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, meeting):
        item = services.agenda_item_create(
            meeting=meeting, actor=self.request.user, **form.cleaned_data
        )
        return item.get_absolute_url()


class AgendaItemUpdateView(MeetingFormMixin, ServiceFormView):
    form_class = AgendaItemForm
    title = gettext_lazy("Edit agenda item")
    success_message = gettext_lazy("The agenda item has been saved.")

    def get_target(self):
        return get_agenda_item_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, item):
        return {"instance": item}

    def perform(self, form, item):
        services.agenda_item_update(item=item, data=form.cleaned_data, actor=self.request.user)
        return item.get_absolute_url()


class AgendaItemMoveView(MemberRequiredMixin, View):
    """Move an item up or down: plain buttons in a form, so it works by keyboard."""

    def post(self, request, pk):
        item = get_agenda_item_for_user(request.user, pk, perm="change")
        direction = request.POST.get("richtung")
        if direction not in ("hoch", "runter"):
            messages.error(request, _("Please choose whether to move the item up or down."))
            return redirect(item.meeting)
        try:
            services.agenda_item_move(item=item, up=direction == "hoch", actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(
                request, "meetings/meeting_refused.html", {"meeting": item.meeting}, status=409
            )
        return redirect(item.get_absolute_url())


class ProposalCreateView(MeetingFormMixin, ServiceFormView):
    form_class = ProposalForm
    title = gettext_lazy("Propose an agenda item")
    intro = gettext_lazy(
        "The office decides whether the item goes on the agenda; you will see the outcome here "
        "and by e-mail."
    )
    submit_label = gettext_lazy("Send proposal")
    success_message = gettext_lazy("Your proposal has been sent to the office.")

    def get_target(self):
        meeting = get_meeting_for_user(self.request.user, self.kwargs["pk"])
        if not can_propose(self.request.user, meeting.body):
            raise PermissionDenied
        return meeting

    def perform(self, form, meeting):
        services.proposal_create(
            meeting=meeting,
            proposed_by=self.request.user,
            actor=self.request.user,
            **form.cleaned_data,
        )
        return meeting.get_absolute_url()


class ProposalDecideView(MeetingFormMixin, ServiceFormView):
    form_class = ProposalDecisionForm
    title = gettext_lazy("Decide on a proposed agenda item")
    submit_label = gettext_lazy("Save decision")
    success_message = gettext_lazy("The proposal has been decided; the proposer is told.")
    template_name = "meetings/proposal_decide.html"

    def get_target(self):
        proposal = get_object_or_404(
            AgendaProposal.objects.select_related("meeting__body", "proposed_by"),
            pk=self.kwargs["pk"],
        )
        get_meeting_for_user(self.request.user, proposal.meeting_id, perm="change")
        return proposal

    def get_context(self, proposal):
        return {"meeting": proposal.meeting, "proposal": proposal}

    def get_cancel_url(self, proposal):
        return proposal.meeting.get_absolute_url()

    def perform(self, form, proposal):
        services.proposal_decide(
            proposal=proposal,
            accept=form.cleaned_data["outcome"] == ProposalDecisionForm.ACCEPT,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
        )
        return proposal.meeting.get_absolute_url()


class AttendanceView(MemberRequiredMixin, View):
    template_name = "meetings/attendance.html"

    def form(self, meeting, data=None):
        seats = services.voting_seats(meeting)
        current = {a.membership_id: a for a in meeting.attendances.all()}
        return AttendanceForm(data, seats=seats, current=current)

    def render_form(self, meeting, form, status=200):
        context = {"meeting": meeting, "form": form, "quorum": services.quorum(meeting)}
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


class MinutesEditView(MemberRequiredMixin, View):
    """Write the minutes of an item; a concurrent save is refused and both texts are shown."""

    template_name = "meetings/minutes_form.html"

    def render_form(self, item, form, *, status=200, theirs=None):
        context = {"item": item, "meeting": item.meeting, "form": form, "theirs": theirs}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        item = get_agenda_item_for_user(request.user, pk, perm="change")
        minutes = Minutes.objects.filter(agenda_item=item).first()
        if minutes and minutes.status == MinutesStatus.APPROVED:
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
            theirs = Minutes.objects.filter(agenda_item=item).first()
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
        minutes = Minutes.objects.filter(agenda_item=item).first()
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
