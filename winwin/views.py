"""The partner profile (needs, offers, strengths and weaknesses) and the win-win view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.history import history_entries
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView, history_context

from . import selectors, services
from .forms import AreaFilterForm, EntryForm, MatchFindingForm, MatchForm, ProfileForm
from .models import EntryKind
from .permissions import (
    can_keep_profile,
    get_area_for_user,
    get_entry_for_user,
    get_profile_partner_for_user,
)

PAGE_SIZE = 25
# The address names the kind in German: …/neu/bedarf/, …/neu/angebot/.
KIND_SLUGS = {"bedarf": EntryKind.NEED, "angebot": EntryKind.OFFER}


class ProfileView(MemberRequiredMixin, View):
    """A partner's needs and offers, strengths and weaknesses (25 entries a page)."""

    def get(self, request, pk):
        partner = get_profile_partner_for_user(request.user, pk)
        page = Paginator(selectors.profile_entries(partner), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        profile = selectors.profile_of(partner)
        context = {
            "partner": partner,
            "profile": profile,
            # The history of the strengths and weaknesses (entries: on each entry's page).
            "history": history_entries(profile) if profile is not None else [],
            "page": page,
            "entries": page.object_list,
            "can_keep": can_keep_profile(request.user, partner),
        }
        return render(request, "winwin/profile.html", context)


class ProfileUpdateView(MemberRequiredMixin, ServiceFormView):
    form_class = ProfileForm
    title = gettext_lazy("Strengths and weaknesses")
    intro = gettext_lazy(
        "In short text, what the partner brings into the cooperation and where it needs "
        "the others. Every member of the cooperation reads it."
    )
    success_message = gettext_lazy("The strengths and weaknesses have been saved.")

    def get_target(self):
        return get_profile_partner_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, partner):
        return {"instance": selectors.profile_of(partner)}

    def get_cancel_url(self, partner):
        return reverse("winwin:profile", args=[partner.pk])

    def perform(self, form, partner):
        services.profile_save(
            partner=partner,
            strengths=form.cleaned_data["strengths"],
            weaknesses=form.cleaned_data["weaknesses"],
            actor=self.request.user,
        )
        return reverse("winwin:profile", args=[partner.pk])


class EntryCreateView(MemberRequiredMixin, ServiceFormView):
    template_name = "winwin/entry_form.html"
    form_class = EntryForm

    def get_target(self):
        self.kind = KIND_SLUGS.get(self.kwargs["kind"])
        if self.kind is None:
            raise Http404
        return get_profile_partner_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_form_kwargs(self, partner):
        return {"kind": self.kind}

    def get_context(self, partner):
        return {"partner": partner, "kind": self.kind}

    def get_cancel_url(self, partner):
        return reverse("winwin:profile", args=[partner.pk])

    def get_success_message(self, form, partner):
        if self.kind == EntryKind.NEED:
            return _("The need has been added.")
        return _("The offer has been added; the win-win view shows where it meets a need.")

    def perform(self, form, partner):
        entry = services.entry_create(
            partner=partner, kind=self.kind, actor=self.request.user, **form.service_data()
        )
        if self.kind == EntryKind.OFFER:
            return reverse("winwin:area", args=[entry.central_function.area_id])
        return entry.get_absolute_url()


class EntryDetailView(MemberRequiredMixin, View):
    def get(self, request, pk):
        entry = get_entry_for_user(request.user, pk, queryset=selectors.entry_queryset())
        context = {
            "entry": entry,
            "partner": entry.partner,
            **history_context(
                entry,
                can_change=can_keep_profile(request.user, entry.partner),
                restore_url_name="",
            ),
        }
        return render(request, "winwin/entry_detail.html", context)


class EntryUpdateView(MemberRequiredMixin, ServiceFormView):
    template_name = "winwin/entry_form.html"
    form_class = EntryForm
    success_message = gettext_lazy("The entry has been saved.")

    def get_target(self):
        return get_entry_for_user(
            self.request.user,
            self.kwargs["pk"],
            perm="change",
            queryset=selectors.entry_queryset(),
        )

    def get_form_kwargs(self, entry):
        return {"instance": entry, "kind": entry.kind}

    def get_context(self, entry):
        return {"partner": entry.partner, "kind": entry.kind, "entry": entry}

    def perform(self, form, entry):
        services.entry_update(entry=entry, data=form.service_data(), actor=self.request.user)
        return entry.get_absolute_url()


class EntryDeleteView(MemberRequiredMixin, View):
    """Withdraw a need or an offer (GET asks, POST withdraws); its history stays."""

    def get(self, request, pk):
        entry = get_entry_for_user(request.user, pk, perm="change")
        return render(request, "winwin/entry_delete.html", {"entry": entry})

    def post(self, request, pk):
        entry = get_entry_for_user(request.user, pk, perm="change")
        partner_pk = entry.partner_id
        services.entry_delete(entry=entry, actor=request.user)
        messages.success(request, _("The entry has been withdrawn."))
        return redirect("winwin:profile", pk=partner_pk)


# --- The win-win view ------------------------------------------------------------------


def area_page_context(request, area) -> tuple[dict, int]:
    """What the win-win view of an area shows, and its status (400 for a bad filter)."""
    functions = selectors.area_functions(area)
    form = AreaFilterForm(request.GET or None, functions=functions)
    invalid = form.is_bound and not form.is_valid()
    selected = form.selected()
    offers, offer_count = selectors.first_entries(area=area, kind=EntryKind.OFFER, **selected)
    needs, need_count = selectors.first_entries(area=area, kind=EntryKind.NEED, **selected)
    page = Paginator(selectors.matches(area=area, **selected), selectors.MATCH_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    query = request.GET.copy()
    query.pop("seite", None)
    groups = selectors.groups_to_record_findings(request.user, area)
    meeting = selectors.next_board_meeting_for(request.user)
    context = {
        "area": area,
        "form": form,
        "filtered": bool(selected),
        "query": query.urlencode(),
        "offers": offers,
        "offer_count": offer_count,
        "needs": needs,
        "need_count": need_count,
        "page": page,
        "matches": selectors.match_rows(page.object_list),
        "finding_groups": groups,
        "proposal_meeting": meeting,
        "section_limit": selectors.SECTION_LIMIT,
    }
    return context, 400 if invalid else 200


class AreaView(MemberRequiredMixin, View):
    """Per function area: who offers what, who needs what, and where they meet."""

    def get(self, request, pk):
        area = get_area_for_user(request.user, pk)
        context, status = area_page_context(request, area)
        return render(request, "winwin/area.html", context, status=status)


class MatchActionView(MemberRequiredMixin, ServiceFormView):
    """A button on a match (POST only); a refusal shows the win-win view with the error."""

    http_method_names = ["post"]
    template_name = "winwin/area.html"

    def get_target(self):
        return get_area_for_user(self.request.user, self.kwargs["pk"])

    def render_page(self, form, area, *, status=200, **extra):
        context, _status = area_page_context(self.request, area)
        errors = [str(e) for errors in form.errors.values() for e in errors]
        context["action_errors"] = errors or [_("Please choose a match from the list.")]
        return render(self.request, self.template_name, {**context, **extra}, status=status)

    def match(self, form, area):
        match = selectors.match_of(
            need_pk=form.cleaned_data["bedarf"], offer_pk=form.cleaned_data["angebot"], area=area
        )
        if match is None:
            raise ValidationError(
                _("These two entries do not meet in this function area."), code="no_match"
            )
        return match


class MatchFindingView(MatchActionView):
    """A member of the area's working group turns a match into a draft finding and
    goes on editing it in the finding form."""

    form_class = MatchFindingForm
    success_message = gettext_lazy(
        "A draft finding has been recorded from the match; please complete it."
    )

    def get_target(self):
        area = super().get_target()
        self.groups = selectors.groups_to_record_findings(self.request.user, area)
        if not self.groups:
            raise PermissionDenied
        return area

    def get_form_kwargs(self, area):
        return {"groups": self.groups}

    def perform(self, form, area):
        finding = services.match_to_finding(
            match=self.match(form, area), group=form.group, actor=self.request.user
        )
        return reverse("workinggroups:finding_update", args=[finding.pk])


class MatchProposalView(MatchActionView):
    """A member of the board (the office included) proposes the match for the board's
    next meeting; the office decides on it as on every proposal."""

    form_class = MatchForm
    success_message = gettext_lazy(
        "The match has been proposed for the next board meeting; the office decides on it."
    )

    def get_target(self):
        area = super().get_target()
        self.meeting = selectors.next_board_meeting_for(self.request.user)
        if self.meeting is None and not selectors.is_board_member(self.request.user):
            raise PermissionDenied
        return area

    def perform(self, form, area):
        services.match_to_proposal(
            match=self.match(form, area), meeting=self.meeting, actor=self.request.user
        )
        return self.meeting.get_absolute_url()
