"""Working-group reports: the lead writes a version, members read it, the lead submits it
to an agenda item of a board meeting as a PDF paper."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperation.permissions import MemberRequiredMixin
from core.validators import clamp_date
from core.views import ServiceFormView, history_context
from meetings.permissions import can_see_confidential

from .. import selectors, services
from ..forms import ReportForm, ReportSubmitForm
from ..permissions import can_lead, get_group_for_user, get_report_for_user

CONFLICT_CODES = ("conflict", "frozen", "cancelled", "approved", "decided", "submitted", "held")


class ReportCreateView(MemberRequiredMixin, ServiceFormView):
    """The lead (or the office) writes the next version of the group's report."""

    template_name = "workinggroups/report_form.html"
    form_class = ReportForm
    title = gettext_lazy("New report to the board")
    submit_label = gettext_lazy("Create the report")

    def get_target(self):
        group = get_group_for_user(self.request.user, self.kwargs["pk"])
        if not can_lead(self.request.user, group):
            raise PermissionDenied
        return group

    def get_form_kwargs(self, group):
        return {"group": group}

    def get_initial(self, group):
        # The new period starts where the last report's ended (a far-off end stored
        # before dates were limited is clamped first: 31.12.9999 has no next day).
        last = selectors.last_report(group)
        today = timezone.localdate()
        if last:
            start = clamp_date(last.period_until) + datetime.timedelta(days=1)
        else:
            start = today.replace(day=1)
        return {"period_from": min(start, today), "period_until": today}

    def get_context(self, group):
        return {"group": group, "has_agreed": selectors.has_agreed_findings(group)}

    def perform(self, form, group):
        report = services.report_create(group=group, actor=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Version %(version)d of the report has been created.") % {"version": report.version},
        )
        return report.get_absolute_url()


def _redact_item(entries) -> None:
    """The history names the agenda item and its paper: not for those who may not see them."""
    hidden = _("non-public agenda item")
    for entry in entries:
        for change in entry.changes:
            if change.name in ("agenda_item", "paper"):
                change.old = hidden if change.old not in ("", "—") else change.old
                change.new = hidden if change.new not in ("", "—") else change.new


class ReportDetailView(MemberRequiredMixin, TemplateView):
    """The group's members see a report while it is worked on; everyone once submitted."""

    template_name = "workinggroups/report_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        report = get_report_for_user(user, self.kwargs["pk"])
        is_lead = can_lead(user, report.group)
        item = report.agenda_item
        # The report itself is shared once submitted, but a non-public item's title and
        # paper stay with those who may see the board's confidential content.
        item_visible = item is not None and (
            item.is_public or can_see_confidential(user, item.meeting.body)
        )
        history = history_context(report, can_change=False, restore_url_name="")
        if item is not None and not item_visible:
            _redact_item(history["history"])
        return super().get_context_data(
            **kwargs,
            report=report,
            group=report.group,
            findings=selectors.report_findings(report),
            tasks=selectors.task_rows(report),
            item_visible=item_visible,
            can_submit=is_lead and report.submitted_at is None,
            can_create=is_lead,
            # A report is a dated document: later changes are new versions, not restores.
            **history,
        )


class ReportSubmitView(MemberRequiredMixin, ServiceFormView):
    """The lead puts the report on an agenda item of an upcoming board meeting."""

    template_name = "workinggroups/report_submit.html"
    form_class = ReportSubmitForm
    title = gettext_lazy("Submit the report to the board")
    submit_label = gettext_lazy("Submit the report")
    conflict_codes = CONFLICT_CODES

    def get_target(self):
        if not hasattr(self, "report"):
            self.report = get_report_for_user(self.request.user, self.kwargs["pk"], perm="lead")
        return self.report

    def get_form_kwargs(self, report):
        return {
            "agenda_items": selectors.submittable_agenda_items(self.request.user),
            "meetings": selectors.upcoming_board_meetings(),
        }

    def get_initial(self, report):
        return {"title": _("Report of %(group)s") % {"group": report.group}}

    def get_context(self, report):
        return {"report": report, "group": report.group}

    def post(self, request, *args, **kwargs):
        report = self.get_target()
        if report.submitted_at is not None:
            # Nothing to choose any more: say so with 409 instead of checking the form.
            form = self.form_class(**self.get_form_kwargs(report))
            return self.render_form(form, report, status=409)
        return super().post(request, *args, **kwargs)

    def perform(self, form, report):
        data = form.cleaned_data
        if data["target"] == ReportSubmitForm.NEW:
            services.report_submit_to_new_item(
                report=report, meeting=data["meeting"], title=data["title"], actor=self.request.user
            )
        else:
            services.report_submit(
                report=report, agenda_item=data["agenda_item"], actor=self.request.user
            )
        messages.success(
            self.request,
            _("The report has been submitted to the board as a paper."),
        )
        return report.get_absolute_url()
