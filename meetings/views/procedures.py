"""Written procedures (Umlaufverfahren): the list, starting one, the page, voting (with
a fresh second factor), declaring absence, objecting and closing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from accounts.mixins import FreshSecondFactorMixin
from cooperation.models import rules_for
from cooperation.permissions import get_body_for_user
from core.permissions import MemberRequiredMixin
from core.views import (
    PrivateFileDownloadView,
    ServiceFormView,
    UploadFormView,
    history_context,
)

from .. import selectors, services
from ..forms.procedures import (
    ConfirmForm,
    ObjectionForm,
    ProcedureForm,
    ProcedurePaperForm,
    VoteForm,
)
from ..permissions import can_manage, get_procedure_for_user, get_procedure_paper_for_user
from ..services.procedures import may_vote_for, tally

PAGE_SIZE = 25


class ProcedureListView(MemberRequiredMixin, ListView):
    template_name = "meetings/procedure_list.html"
    context_object_name = "procedures"
    paginate_by = PAGE_SIZE
    page_kwarg = "seite"

    def get_queryset(self):
        return selectors.procedure_list(self.request.user)


class ProcedureCreateView(MemberRequiredMixin, UploadFormView):
    """The office starts a written procedure on one of its bodies."""

    template_name = "meetings/procedure_form.html"
    form_class = ProcedureForm
    title = gettext_lazy("Start a written procedure")
    intro = gettext_lazy(
        "Every current voting seat of the body is asked by e-mail to vote by the deadline."
    )
    submit_label = gettext_lazy("Start and send the e-mails")
    success_message = gettext_lazy("The written procedure has been started.")

    def get_target(self):
        body = get_body_for_user(self.request.user, self.kwargs["pk"])
        if not can_manage(self.request.user, body):
            raise PermissionDenied
        return body

    def perform(self, form, body):
        procedure = services.procedure_start(
            body=body, actor=self.request.user, **form.service_arguments()
        )
        return procedure.get_absolute_url()

    def get_context(self, body):
        return {"rules": rules_for(body)}


class ProcedureDetailView(MemberRequiredMixin, TemplateView):
    template_name = "meetings/procedure_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        procedure = get_procedure_for_user(
            user, self.kwargs["pk"], queryset=selectors.procedure_detail_queryset()
        )
        votes = list(procedure.votes.all())
        deputy_rule = rules_for(procedure.body).deputy_rule
        return super().get_context_data(
            **kwargs,
            procedure=procedure,
            votes=votes,
            voted=sum(1 for v in votes if v.has_voted),
            my_votes=[v for v in votes if may_vote_for(user, v, deputy_rule)],
            my_seats=[v for v in votes if v.seat.user_id == user.pk],
            counts=tally(procedure) if procedure.shows_choices() else None,
            can_close=can_manage(user, procedure.body) and procedure.is_running,
            may_object=procedure.accepts_votes()
            and not procedure.objected_by_id
            and selectors.objecting_membership(user, procedure) is not None,
            **history_context(procedure, can_change=False, restore_url_name=""),
        )


class _VoteTargetMixin:
    def get_vote(self):
        procedure = get_procedure_for_user(self.request.user, self.kwargs["pk"])
        vote = next(
            (
                v
                for v in procedure.votes.select_related("seat__user")
                if v.pk == self.kwargs["vote_pk"]
            ),
            None,
        )
        if vote is None:
            raise Http404
        vote.procedure = procedure
        return vote

    def get_cancel_url(self, vote):
        return vote.procedure.get_absolute_url()


class ProcedureVoteView(
    FreshSecondFactorMixin, MemberRequiredMixin, _VoteTargetMixin, ServiceFormView
):
    """The seat's holder (or the deputy, after a declared absence) casts or changes the
    seat's vote, under a fresh second factor."""

    form_class = VoteForm
    title = gettext_lazy("Vote in the written procedure")
    submit_label = gettext_lazy("Cast the vote")
    success_message = gettext_lazy(
        "Your vote has been recorded. You can change it until the deadline."
    )

    def get_target(self):
        vote = self.get_vote()
        if not may_vote_for(self.request.user, vote, rules_for(vote.procedure.body).deputy_rule):
            raise PermissionDenied
        return vote

    def get_initial(self, vote):
        return {"choice": vote.choice} if vote.choice else {}

    def get_context(self, vote):
        return {"procedure": vote.procedure}

    def perform(self, form, vote):
        services.procedure_vote(
            procedure=vote.procedure,
            vote=vote,
            choice=form.cleaned_data["choice"],
            actor=self.request.user,
        )
        return vote.procedure.get_absolute_url()


class ProcedureAbsenceView(MemberRequiredMixin, _VoteTargetMixin, ServiceFormView):
    """The seat's holder declares absence: the deputy votes in this procedure."""

    form_class = ConfirmForm
    title = gettext_lazy("Declare absence")
    intro = gettext_lazy("Your deputy will vote for your seat in this written procedure.")
    submit_label = gettext_lazy("Hand the vote to my deputy")
    success_message = gettext_lazy("Your absence has been recorded; your deputy votes.")

    def get_target(self):
        vote = self.get_vote()
        if vote.seat.user_id != self.request.user.pk:
            raise PermissionDenied
        return vote

    def perform(self, form, vote):
        services.procedure_declare_absence(
            procedure=vote.procedure, vote=vote, actor=self.request.user
        )
        return vote.procedure.get_absolute_url()


class ProcedureObjectionView(MemberRequiredMixin, ServiceFormView):
    """A member objects to deciding in writing."""

    form_class = ObjectionForm
    title = gettext_lazy("Object to the written procedure")
    submit_label = gettext_lazy("Record the objection")
    success_message = gettext_lazy("Your objection has been recorded.")

    def get_target(self):
        procedure = get_procedure_for_user(self.request.user, self.kwargs["pk"])
        self.membership = selectors.objecting_membership(self.request.user, procedure)
        if self.membership is None:
            raise PermissionDenied
        return procedure

    def get_context(self, procedure):
        return {"procedure": procedure}

    def perform(self, form, procedure):
        services.procedure_object(
            procedure=procedure,
            membership=self.membership,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
        )
        return procedure.get_absolute_url()


class ProcedureCloseView(MemberRequiredMixin, ServiceFormView):
    """The office closes a procedure once every seat has voted or the deadline passed."""

    form_class = ConfirmForm
    title = gettext_lazy("Close the written procedure")
    intro = gettext_lazy(
        "The result is computed from the votes and the rules of procedure and recorded "
        "as the body's next decision."
    )
    submit_label = gettext_lazy("Close and record the decision")

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, procedure):
        procedure = services.procedure_close(procedure=procedure, actor=self.request.user)
        if procedure.decision_id:
            return reverse("meetings:decision_detail", args=[procedure.decision_id])
        return procedure.get_absolute_url()


class ProcedurePaperUploadView(MemberRequiredMixin, UploadFormView):
    """The office adds a paper to a running procedure."""

    form_class = ProcedurePaperForm
    title = gettext_lazy("Add a paper")
    submit_label = gettext_lazy("Upload")
    success_message = gettext_lazy("The paper has been uploaded.")

    def get_target(self):
        return get_procedure_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def perform(self, form, procedure):
        services.procedure_paper_add(
            procedure=procedure,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=self.request.user,
        )
        return procedure.get_absolute_url()


class ProcedurePaperDownloadView(MemberRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        return get_procedure_paper_for_user(self.request.user, self.kwargs["pk"])
