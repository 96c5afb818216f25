"""Reads for the working-group page. Drafts are filtered here (through
`visible_findings`), never in templates."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from cooperation.models import Body, Membership
from meetings.models import Meeting
from meetings.permissions import decisions_updatable_by
from meetings.selectors import FOLLOW_UP_ORDER, confidential_bodies, visible_decisions

from ..models import WorkingGroup
from ..permissions import can_contribute, can_lead, visible_findings
from .findings import finding_rows

PAST_MEETINGS = 5


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


def _reports_seen_by_outsiders(user, reports, *, lead: bool):
    """The rule of `get_report_for_user` for users outside the group: reports not yet
    submitted are the group's (and its lead's) working material; one submitted to a
    non-public agenda item is as confidential as that item."""
    bodies = confidential_bodies(user)
    submitted = reports.filter(submitted_at__isnull=False)
    if bodies is not None:
        submitted = submitted.public() | submitted.filter(agenda_item__meeting__body__in=bodies)
    return submitted | reports.filter(submitted_at__isnull=True) if lead else submitted


def group_page(user, group: WorkingGroup) -> dict:
    """Everything the working-group page shows, in a fixed number of queries."""
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
    findings = list(finding_rows(visible_findings(user, group.findings.all())))
    return {
        "group": group,
        "body": group.body,
        "decisions": decisions,
        "updatable_decisions": decisions_updatable_by(user, decisions),
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "findings": findings,
        "reports": list(reports),
        "can_contribute": contributor,
        "can_lead": lead,
        "today": timezone.localdate(),
    }
