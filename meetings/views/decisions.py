"""Decisions: recording on an agenda item, the decision page, progress and the follow-up list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.mixins import FreshSecondFactorMixin
from core.backends import object_permissions
from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, ServiceFormView, history_context

from .. import selectors, services
from ..forms import DecisionFilterForm, DecisionForm, DecisionProgressForm
from ..permissions import (
    can_manage,
    can_override_quorum,
    can_update_decision,
    get_agenda_item_for_user,
    get_decision_for_user,
)

PAGE_SIZE = 25


class DecisionListView(MemberRequiredMixin, FilteredListView):
    """The follow-up list of all decisions the user may see."""

    template_name = "meetings/decision_list.html"
    filter_form_class = DecisionFilterForm
    page_size = PAGE_SIZE
    context_object_name = "decisions"

    def get_filter_form_kwargs(self):
        return {"bodies": selectors.decision_filter_bodies()}

    def get_rows(self, selected):
        return selectors.decision_list(self.request.user, **selected)

    def get_context(self, selected):
        return {"today": timezone.localdate()}


class DecisionCreateView(FreshSecondFactorMixin, MemberRequiredMixin, ServiceFormView):
    """The office records a decision on an agenda item; the chair may override a missing quorum."""

    template_name = "meetings/decision_form.html"
    form_class = DecisionForm
    title = gettext_lazy("Record a decision")
    submit_label = gettext_lazy("Record the decision")

    def get_target(self):
        # The office records decisions; the chair may too, so that the chair can record
        # a decision without quorum (with a reason) as the rules of procedure allow.
        item = get_agenda_item_for_user(self.request.user, self.kwargs["pk"])
        body = item.meeting.body
        user = self.request.user
        if not (can_manage(user, body) or can_override_quorum(user, body)):
            raise PermissionDenied
        self.seats = selectors.voting_seats(item.meeting)
        self.quorum = selectors.quorum(item.meeting, seats=self.seats)
        return item

    def get_form_kwargs(self, item):
        return {
            "seats": self.seats,
            "present": self.quorum.present,
            "offer_quorum_override": not self.quorum.reached and self.may_override_quorum(item),
        }

    def may_override_quorum(self, item) -> bool:
        return can_override_quorum(self.request.user, item.meeting.body)

    def get_context(self, item):
        return {
            "item": item,
            "meeting": item.meeting,
            "quorum": self.quorum,
            "may_override_quorum": self.may_override_quorum(item),
            "recordable": item.meeting.accepts_decisions,
        }

    def get_cancel_url(self, item):
        return item.get_absolute_url()

    def perform(self, form, item):
        decision = services.decision_record(
            item=item,
            actor=self.request.user,
            may_override_quorum=self.may_override_quorum(item),
            **form.cleaned_data,
        )
        messages.success(
            self.request, _("Decision %(number)s recorded.") % {"number": decision.number}
        )
        return decision.get_absolute_url()


class DecisionDetailView(MemberRequiredMixin, TemplateView):
    template_name = "meetings/decision_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        decision = get_decision_for_user(
            user, self.kwargs["pk"], queryset=selectors.decision_detail_queryset()
        )
        selectors.decision_page_rows(decision)
        # The rights on the deciding body in one statement (guardian reads them in two)
        # for the gates below, which ask for them unless the role answers (the office's).
        if not user.has_perm("cooperation.change_body"):
            object_permissions(user, decision.body)
        return super().get_context_data(
            **kwargs,
            decision=decision,
            item=decision.agenda_item,
            meeting=decision.agenda_item.meeting if decision.agenda_item_id else None,
            can_update=can_update_decision(user, decision),
            can_require_councils=can_manage(user, decision.body),
            # Restoring an earlier version is not offered: a decision's record is only
            # added to (progress entries), never rewritten.
            **history_context(decision, can_change=False, restore_url_name=""),
        )


class DecisionProgressCreateView(MemberRequiredMixin, ServiceFormView):
    """The office or the lead of a commissioned working group records progress."""

    template_name = "meetings/progress_form.html"
    form_class = DecisionProgressForm
    title = gettext_lazy("Record progress")
    submit_label = gettext_lazy("Record progress")
    success_message = gettext_lazy("The progress has been recorded.")

    def get_target(self):
        return get_decision_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, decision):
        return {"date": timezone.localdate(), "status": decision.status}

    def get_context(self, decision):
        return {"decision": decision}

    def perform(self, form, decision):
        services.decision_progress_add(
            decision=decision, actor=self.request.user, **form.cleaned_data
        )
        return decision.get_absolute_url()
