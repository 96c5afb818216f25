"""Pages of the priority rounds: list, round page, ballot, and the office's forms."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView

from . import selectors, services
from .forms import BallotForm, ConfirmForm, RoundForm
from .permissions import can_manage_rounds, get_round_for_ballot, get_round_for_user

PAGE_SIZE = 20


class RoundListView(MemberRequiredMixin, TemplateView):
    template_name = "priorities/round_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = Paginator(selectors.round_list(user), PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        return super().get_context_data(
            **kwargs, page=page, rounds=page.object_list, can_manage=can_manage_rounds(user)
        )


class RoundDetailView(MemberRequiredMixin, TemplateView):
    template_name = "priorities/round_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        round_ = get_round_for_user(
            user,
            self.kwargs["pk"],
            queryset=selectors.round_detail_queryset(),
        )
        return super().get_context_data(
            **kwargs,
            round=round_,
            can_manage=can_manage_rounds(user),
            **selectors.round_page(user, round_),
        )


class RoundFormMixin:
    template_name = "priorities/round_form.html"
    form_class = RoundForm

    def perform_data(self, form):
        data = form.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "deadline": data["deadline"],
            "points_total": data["points_total"],
        }


class RoundCreateView(MemberRequiredMixin, RoundFormMixin, ServiceFormView):
    title = gettext_lazy("Open a priority round")
    submit_label = gettext_lazy("Open round")
    success_message = gettext_lazy("The priority round has been opened.")

    def get_target(self):
        if not can_manage_rounds(self.request.user):
            raise PermissionDenied
        return None

    def get_initial(self, target):
        return {"points_total": 10}

    def get_cancel_url(self, target):
        return reverse("priorities:round_list")

    def perform(self, form, target):
        round_ = services.round_create(
            **self.perform_data(form), topics=form.topics(), actor=self.request.user
        )
        return round_.get_absolute_url()


class RoundUpdateView(MemberRequiredMixin, RoundFormMixin, ServiceFormView):
    title = gettext_lazy("Edit priority round")
    success_message = gettext_lazy("The priority round has been saved.")

    def get_target(self):
        return get_round_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, round_):
        return RoundForm.initial_for(round_, selectors.topics_of(round_))

    def get_context(self, round_):
        return {"round": round_}

    def perform(self, form, round_):
        services.round_update(
            round_=round_,
            data=self.perform_data(form),
            topics=form.topics(),
            actor=self.request.user,
        )
        return round_.get_absolute_url()


class RoundCloseView(MemberRequiredMixin, ServiceFormView):
    template_name = "priorities/round_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Close the priority round now")
    intro = gettext_lazy(
        "Voting ends now, before the deadline. Ballots can no longer be cast or changed, "
        "and every member of the cooperation sees each partner's ballot and the result."
    )
    submit_label = gettext_lazy("Close round")
    success_message = gettext_lazy("The priority round has been closed.")

    def get_target(self):
        return get_round_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, round_):
        return {"round": round_}

    def perform(self, form, round_):
        services.round_close(round_=round_, actor=self.request.user)
        return round_.get_absolute_url()


class ResultPaperView(MemberRequiredMixin, ServiceFormView):
    template_name = "priorities/round_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Put the result on the next board meeting")
    intro = gettext_lazy(
        "The result (aggregate and per partner, with the picture) is built as a PDF and "
        "attached as a paper to the next board meeting that has not been held yet."
    )
    submit_label = gettext_lazy("Attach result")
    success_message = gettext_lazy("The result paper is being built and then attached.")

    def get_target(self):
        return get_round_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, round_):
        return {"round": round_, "next_meeting": services.next_board_meeting(round_)}

    def perform(self, form, round_):
        services.result_paper_request(round_=round_, actor=self.request.user)
        return round_.get_absolute_url()


class BallotView(MemberRequiredMixin, ServiceFormView):
    """The partner's ballot, cast by its board member or that member's deputy."""

    template_name = "priorities/ballot_form.html"
    form_class = BallotForm
    submit_label = gettext_lazy("Cast ballot")
    success_message = gettext_lazy(
        "The ballot has been saved. You can change it until the deadline."
    )

    def get_target(self):
        round_, self.seat = get_round_for_ballot(self.request.user, self.kwargs["pk"])
        self.topics = selectors.topics_of(round_)
        return round_

    def get_form_kwargs(self, round_):
        return {"round_": round_, "topics": self.topics}

    def get_initial(self, round_):
        ballot = selectors.ballot_of(round_, self.seat.partner)
        if ballot is None:
            return {}
        return {BallotForm.field_name(t): ballot.points_for(t.pk) for t in self.topics}

    def get_context(self, round_):
        return {
            "round": round_,
            "seat": self.seat,
            "title": gettext("Ballot: %(title)s") % {"title": round_.title},
        }

    def perform(self, form, round_):
        services.ballot_cast(
            round_=round_, seat=self.seat, points=form.points(), actor=self.request.user
        )
        return round_.get_absolute_url()
