"""Findings: list, record, edit, change status, discuss."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.backends import object_permissions
from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, ServiceFormView, VersionedEditView, history_context

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


class FindingListView(MemberRequiredMixin, FilteredListView):
    template_name = "workinggroups/finding_list.html"
    filter_form_class = FindingFilterForm
    page_size = PAGE_SIZE
    context_object_name = "findings"

    def get_filter_form_kwargs(self):
        return selectors.finding_filter_choices()

    def get_rows(self, selected):
        return selectors.finding_list(self.request.user, **selected)


def _scope_from_query(request, initial: dict) -> dict:
    """The form page asked for again while the form is filled in (htmx, GET, nothing is
    saved: `FindingForm.SCOPE_FIELDS`): the area, function and facilities chosen so far
    replace the initial ones, so that the narrowed choices follow them."""
    query = request.GET
    if "function_area" in query:
        initial["function_area"] = query.get("function_area")
        initial["central_function"] = query.get("central_function", "")
        initial["facilities"] = query.getlist("facilities")
    return initial


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
        return _scope_from_query(self.request, {"function_area": group.function_area_id})

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


def finding_page_context(user, finding, *, comment_form=None) -> dict:
    """What the finding page shows (`finding` from `selectors.finding_detail_queryset`);
    its forms' views show it again with their errors."""
    attachments = selectors.finding_page_rows(finding)
    # The rights on the group's body in one statement, for the gates below.
    object_permissions(user, finding.group.body)
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
    return {
        "finding": finding,
        "group": finding.group,
        "can_contribute": contributor,
        "attachments": attachments,
        "transitions": transitions,
        "comment_form": comment_form or CommentForm(),
        # A finding's versions are kept for the record; restoring is not offered.
        **history_context(finding, can_change=False, restore_url_name=""),
    }


class FindingDetailView(MemberRequiredMixin, View):
    def get(self, request, pk):
        finding = get_finding_for_user(
            request.user, pk, queryset=selectors.finding_detail_queryset()
        )
        return render(
            request,
            "workinggroups/finding_detail.html",
            finding_page_context(request.user, finding),
        )


class FindingUpdateView(MemberRequiredMixin, VersionedEditView):
    """Edit a finding; a concurrent save is refused (409) and both versions are shown."""

    template_name = "workinggroups/finding_form.html"
    form_class = FindingUpdateForm
    title = gettext_lazy("Edit finding")
    success_message = gettext_lazy("The finding has been saved.")

    def get_target(self):
        return get_finding_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, finding):
        initial = {
            "type": finding.type,
            "title": finding.title,
            "text": finding.text,
            "function_area": finding.function_area_id,
            "central_function": finding.central_function_id,
            "facilities": [f.pk for f in finding.facilities.all()],
            "partners": [p.pk for p in finding.partners.all()],
        }
        return _scope_from_query(self.request, initial)

    def get_context(self, finding):
        return {"group": finding.group, "finding": finding}

    def perform(self, form, finding):
        services.finding_update(
            finding=finding,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            **form.service_data(),
        )
        return finding.get_absolute_url()


class FindingPageFormView(MemberRequiredMixin, ServiceFormView):
    """A form on the finding page (status buttons, comments): POST only; a refusal
    shows the page again with the error where the form is."""

    http_method_names = ["post"]
    template_name = "workinggroups/finding_detail.html"

    def get_target(self):
        return get_finding_for_user(
            self.request.user, self.kwargs["pk"], queryset=selectors.finding_detail_queryset()
        )

    def get_context(self, finding):
        return finding_page_context(self.request.user, finding)


class FindingStatusView(FindingPageFormView):
    """Members share a draft or take it back; the lead agrees a finding or reopens it."""

    form_class = FindingStatusForm

    def get_target(self):
        finding = super().get_target()
        self.lead = can_lead(self.request.user, finding.group)
        if not (self.lead or can_contribute(self.request.user, finding.group)):
            raise PermissionDenied
        return finding

    def render_page(self, form, finding, *, status=200, **extra):
        if form.errors:
            if "status" in form.errors:
                extra["status_error"] = _("Please choose a valid status.")
            else:
                extra["status_error"] = " ".join(form.non_field_errors())
        return super().render_page(form, finding, status=status, **extra)

    def get_success_message(self, form, finding):
        return _("The finding now has the status “%(status)s”.") % {
            "status": finding.get_status_display()
        }

    def perform(self, form, finding):
        services.finding_set_status(
            finding=finding,
            status=form.cleaned_data["status"],
            actor=self.request.user,
            as_lead=self.lead,
        )
        return finding.get_absolute_url()


class CommentCreateView(FindingPageFormView):
    """Everyone who can see a finding may take part in its discussion."""

    form_class = CommentForm
    success_message = gettext_lazy("Your comment has been added.")

    def render_page(self, form, finding, *, status=200, **extra):
        return super().render_page(form, finding, status=status, comment_form=form, **extra)

    def perform(self, form, finding):
        services.comment_add(
            finding=finding, author=self.request.user, text=form.cleaned_data["text"]
        )
        return f"{finding.get_absolute_url()}#diskussion"
