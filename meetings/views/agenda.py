"""The agenda: items, their order, and the members' proposals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cooperation.permissions import MemberRequiredMixin
from core.views import ServiceFormView

from .. import services
from ..forms import AgendaItemForm, ProposalDecisionForm, ProposalForm
from ..permissions import (
    can_propose,
    get_agenda_item_for_user,
    get_meeting_for_user,
    get_proposal_for_user,
)
from .mixins import MeetingFormMixin


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
        return get_proposal_for_user(self.request.user, self.kwargs["pk"], perm="change")

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
