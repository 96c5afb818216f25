"""Findings: list, record, edit, change status, discuss."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cooperation.permissions import MemberRequiredMixin
from core.views import ServiceFormView, add_service_errors, error_codes, history_context

from .. import selectors, services
from ..forms import (
    CommentForm,
    FindingFilterForm,
    FindingForm,
    FindingStatusForm,
    FindingUpdateForm,
)
from ..models import FindingStatus
from ..permissions import (
    can_contribute,
    can_lead,
    get_finding_for_user,
    get_group_for_user,
)

PAGE_SIZE = 25

# The status buttons: (from, to) → what the button says.
TRANSITION_LABELS = {
    (FindingStatus.DRAFT, FindingStatus.DISCUSSION): gettext_lazy("Share for discussion"),
    (FindingStatus.DISCUSSION, FindingStatus.DRAFT): gettext_lazy("Back to draft"),
    (FindingStatus.DISCUSSION, FindingStatus.AGREED): gettext_lazy("Mark as agreed"),
    (FindingStatus.AGREED, FindingStatus.DISCUSSION): gettext_lazy("Reopen for discussion"),
}


class FindingListView(MemberRequiredMixin, View):
    template_name = "workinggroups/finding_list.html"

    def get(self, request):
        form = FindingFilterForm(request.GET or None, **selectors.finding_filter_choices())
        selected = form.selected()
        status = 400 if form.is_bound and not form.is_valid() else 200
        page = Paginator(selectors.finding_list(request.user, **selected), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        query = request.GET.copy()
        query.pop("seite", None)
        context = {
            "form": form,
            "page": page,
            "findings": page.object_list,
            "filtered": bool(selected),
            "query": query.urlencode(),
        }
        return render(request, self.template_name, context, status=status)


class FindingCreateView(MemberRequiredMixin, ServiceFormView):
    """Members of the group record a finding (as a draft, seen by the group only)."""

    template_name = "workinggroups/finding_form.html"
    form_class = FindingForm
    title = gettext_lazy("Record a finding")
    intro = gettext_lazy(
        "A new finding is a draft that only the group sees until it is shared for discussion."
    )
    submit_label = gettext_lazy("Save the draft")
    success_message = gettext_lazy("The finding has been saved as a draft.")

    def get_target(self):
        group = get_group_for_user(self.request.user, self.kwargs["pk"])
        if not can_contribute(self.request.user, group):
            raise PermissionDenied
        return group

    def get_initial(self, group):
        return {"function_area": group.function_area_id}

    def get_context(self, group):
        return {"group": group}

    def perform(self, form, group):
        values = form.service_data()
        finding = services.finding_create(
            group=group,
            author=self.request.user,
            actor=self.request.user,
            facilities=values["facilities"],
            partners=values["partners"],
            **values["data"],
        )
        return finding.get_absolute_url()


def _finding_page(request, finding, *, comment_form=None, status_error=None, status=200):
    """The finding page; the comment and status views show it again with their errors."""
    user = request.user
    contributor = can_contribute(user, finding.group)
    lead = can_lead(user, finding.group)
    allowed = services.LEAD_TRANSITIONS if lead else services.MEMBER_TRANSITIONS
    transitions = []
    if contributor or lead:
        transitions = [
            (target, label)
            for (source, target), label in TRANSITION_LABELS.items()
            if source == finding.status and (source, target) in allowed
        ]
    context = {
        "finding": finding,
        "group": finding.group,
        "can_contribute": contributor,
        "transitions": transitions,
        "status_error": status_error,
        "comment_form": comment_form or CommentForm(),
        # A finding's versions are kept for the record; restoring is not offered.
        **history_context(finding, can_change=False, restore_url_name=""),
    }
    return render(request, "workinggroups/finding_detail.html", context, status=status)


class FindingDetailView(MemberRequiredMixin, View):
    def get(self, request, pk):
        finding = get_finding_for_user(
            request.user, pk, queryset=selectors.finding_detail_queryset()
        )
        return _finding_page(request, finding)


class FindingUpdateView(MemberRequiredMixin, View):
    """Edit a finding; a concurrent save is refused (409) and both versions are shown."""

    template_name = "workinggroups/finding_form.html"

    def render_form(self, finding, form, *, status=200, theirs=None):
        context = {
            "form": form,
            "group": finding.group,
            "finding": finding,
            "theirs": theirs,
            "title": _("Edit finding"),
            "submit_label": _("Save"),
            "cancel_url": finding.get_absolute_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        finding = get_finding_for_user(request.user, pk, perm="change")
        initial = {
            "type": finding.type,
            "title": finding.title,
            "text": finding.text,
            "function_area": finding.function_area_id,
            "central_function": finding.central_function_id,
            "facilities": [f.pk for f in finding.facilities.all()],
            "partners": [p.pk for p in finding.partners.all()],
            "version": finding.version,
        }
        return self.render_form(finding, FindingUpdateForm(initial=initial))

    def post(self, request, pk):
        finding = get_finding_for_user(request.user, pk, perm="change")
        form = FindingUpdateForm(request.POST)
        if not form.is_valid():
            return self.render_form(finding, form, status=400)
        values = form.service_data()
        try:
            services.finding_update(
                finding=finding,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **values,
            )
        except ValidationError as error:
            if "conflict" not in error_codes(error):
                add_service_errors(form, error)
                return self.render_form(finding, form, status=400)
            form.add_error(None, error)
            theirs = get_finding_for_user(request.user, pk, perm="change")
            # The user's text stays in the form; the next save is meant to replace the
            # version shown here, so the form now carries its number.
            form.data = form.data.copy()
            form.data["version"] = theirs.version
            return self.render_form(finding, form, status=409, theirs=theirs)
        messages.success(request, _("The finding has been saved."))
        return redirect(finding.get_absolute_url())


class FindingStatusView(MemberRequiredMixin, View):
    """Members share a draft or take it back; the lead agrees a finding or reopens it."""

    def post(self, request, pk):
        finding = get_finding_for_user(
            request.user, pk, queryset=selectors.finding_detail_queryset()
        )
        lead = can_lead(request.user, finding.group)
        if not (lead or can_contribute(request.user, finding.group)):
            raise PermissionDenied
        form = FindingStatusForm(request.POST)
        if not form.is_valid():
            error = _("Please choose a valid status.")
            return _finding_page(request, finding, status_error=error, status=400)
        try:
            services.finding_set_status(
                finding=finding,
                status=form.cleaned_data["status"],
                actor=request.user,
                as_lead=lead,
            )
        except ValidationError as error:
            message = " ".join(error.messages)
            return _finding_page(request, finding, status_error=message, status=400)
        messages.success(
            request,
            _("The finding now has the status “%(status)s”.")
            % {"status": finding.get_status_display()},
        )
        return redirect(finding.get_absolute_url())


class CommentCreateView(MemberRequiredMixin, View):
    """Everyone who can see a finding may take part in its discussion."""

    def post(self, request, pk):
        finding = get_finding_for_user(
            request.user, pk, queryset=selectors.finding_detail_queryset()
        )
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment_add(
                    finding=finding, author=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment has been added."))
                return redirect(f"{finding.get_absolute_url()}#diskussion")
        return _finding_page(request, finding, comment_form=form, status=400)
