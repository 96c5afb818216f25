"""Reads for the working-group and findings pages. Each selector fixes the query shape
of one page; drafts are filtered here (through `visible_findings`), never in templates."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone

from cooperation.models import Body, Membership, Partner
from cooperation.permissions import bodies_for_user
from functions.models import CentralFunction, Facility, FunctionArea

from .models import Finding, FindingAttachment, FindingComment, WorkingGroup
from .permissions import can_contribute, can_lead, visible_findings

PAST_MEETINGS = 5


def _finding_rows(qs):
    return qs.select_related("group__body", "function_area", "central_function", "author")


def group_detail_queryset():
    return WorkingGroup.objects.select_related(
        "body", "function_area", "lead_partner"
    ).prefetch_related(
        Prefetch(
            "body__memberships",
            Membership.objects.current()
            .select_related("user", "partner", "deputy_for__user")
            .in_role_order(),
            to_attr="current_memberships",
        )
    )


def _updatable_decision_ids(user, decisions) -> set[int]:
    """`meetings.permissions.can_update_decision` for a whole list in a fixed number of
    queries: the office of the deciding body, or the lead of a commissioned group."""
    from meetings.permissions import can_manage

    if not decisions:
        return set()
    lead_bodies = set(bodies_for_user(user, "cooperation.lead_body").values_list("pk", flat=True))
    managed = {}
    updatable = set()
    for decision in decisions:
        if decision.body_id not in managed:
            managed[decision.body_id] = can_manage(user, decision.body)
        groups = {group.pk for group in decision.commissioned_groups.all()}
        if managed[decision.body_id] or groups & lead_bodies:
            updatable.add(decision.pk)
    return updatable


def _reports_seen_by_outsiders(user, reports, *, lead: bool):
    """The rule of `get_report_for_user` for users outside the group: reports not yet
    submitted are the group's (and its lead's) working material; one submitted to a
    non-public agenda item is as confidential as that item."""
    from meetings.selectors import confidential_bodies

    bodies = confidential_bodies(user)
    submitted = Q(submitted_at__isnull=False)
    if bodies is not None:
        submitted &= (
            Q(agenda_item__isnull=True)
            | Q(agenda_item__is_public=True)
            | Q(agenda_item__meeting__body__in=bodies)
        )
    return (
        reports.filter(submitted | Q(submitted_at__isnull=True))
        if lead
        else reports.filter(submitted)
    )


def group_page(user, group: WorkingGroup) -> dict:
    """Everything the working-group page shows, in a fixed number of queries."""
    from meetings.decision_selectors import FOLLOW_UP_ORDER, visible_decisions
    from meetings.models import Meeting

    decisions = list(
        visible_decisions(user)
        .filter(commissioned_groups=group.pk)
        .select_related("body", "agenda_item__meeting")
        .prefetch_related(Prefetch("commissioned_groups", Body.objects.only("pk")))
        .order_by(*FOLLOW_UP_ORDER)
    )
    now = timezone.now()
    meetings = Meeting.objects.filter(body_id=group.pk)
    upcoming = list(meetings.upcoming().order_by("starts_at", "pk"))
    past = list(meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:PAST_MEETINGS])
    contributor = can_contribute(user, group)
    lead = can_lead(user, group)
    reports = group.reports.select_related("agenda_item__meeting").order_by("-version")
    if not contributor:
        reports = _reports_seen_by_outsiders(user, reports, lead=lead)
    findings = list(_finding_rows(visible_findings(user, group.findings.all())))
    return {
        "group": group,
        "body": group.body,
        "decisions": decisions,
        "updatable_decisions": _updatable_decision_ids(user, decisions),
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "findings": findings,
        "reports": list(reports),
        "can_contribute": contributor,
        "can_lead": lead,
        "today": timezone.localdate(),
    }


def finding_list(user, *, group=None, type=None, status=None, area=None):
    qs = _finding_rows(visible_findings(user))
    if group is not None:
        qs = qs.filter(group=group)
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    if area is not None:
        qs = qs.filter(function_area=area)
    return qs.order_by("-modified", "-pk")


def finding_filter_choices() -> dict:
    return {
        "groups": list(WorkingGroup.objects.select_related("body").order_by("body__name")),
        "areas": list(FunctionArea.objects.order_by("position", "name")),
    }


def finding_detail_queryset():
    return Finding.objects.select_related(
        "group__body", "group__lead_partner", "function_area", "central_function", "author"
    ).prefetch_related(
        Prefetch(
            "facilities",
            Facility.objects.select_related("partner", "central_function").order_by("name", "pk"),
        ),
        Prefetch("partners", Partner.objects.in_display_order()),
        Prefetch("comments", FindingComment.objects.select_related("author")),
        Prefetch("attachments", FindingAttachment.objects.select_related("uploaded_by")),
    )


def attachment_queryset():
    return FindingAttachment.objects.select_related("finding")


def facility_choices():
    """Facilities for the finding form, grouped by central-place function."""
    return Facility.objects.select_related("partner", "central_function__area").order_by(
        "central_function__area__position",
        "central_function__position",
        "central_function__name",
        "name",
        "pk",
    )


def central_function_choices():
    return CentralFunction.objects.select_related("area").order_by(
        "area__position", "position", "name"
    )
