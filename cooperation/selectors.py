"""Reads for the cooperation's pages. Each selector fixes the query shape of one page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from .models import (
    Body,
    CooperationPhase,
    Membership,
    Partner,
    PartnerStaff,
    SpatialPlanningContract,
)
from .permissions import is_cooperation_member


def _current_memberships():
    return (
        Membership.objects.current()
        .select_related("user", "partner", "deputy_for__user")
        .in_role_order()
    )


def partner_list():
    return Partner.objects.in_display_order().annotate(facility_count=Count("facilities"))


def partner_detail_queryset():
    # Imported here: functions depends on cooperation, not the other way round.
    from functions.models import Facility

    return Partner.objects.prefetch_related(
        Prefetch("staff", PartnerStaff.objects.select_related("user").order_by("-is_admin", "pk")),
        Prefetch(
            "memberships",
            _current_memberships().filter(body__is_active=True).select_related("body"),
            to_attr="current_memberships",
        ),
        Prefetch(
            "facilities",
            Facility.objects.select_related("central_function__area").order_by(
                "central_function__area__position", "central_function__position", "name"
            ),
        ),
    )


def body_list():
    today = timezone.localdate()
    current = Q(memberships__valid_from__lte=today) & (
        Q(memberships__valid_until__isnull=True) | Q(memberships__valid_until__gte=today)
    )
    return (
        Body.objects.select_related("working_group__function_area", "working_group__lead_partner")
        .annotate(member_count=Count("memberships", filter=current))
        .order_by("kind", "name")
    )


def body_detail_queryset():
    return Body.objects.select_related(
        "working_group__function_area", "working_group__lead_partner"
    ).prefetch_related(
        Prefetch("memberships", _current_memberships(), to_attr="current_memberships")
    )


def current_contract() -> SpatialPlanningContract | None:
    return (
        SpatialPlanningContract.objects.prefetch_related(
            Prefetch("parties", Partner.objects.in_display_order()), "clauses", "amendments"
        )
        .order_by("-valid_from", "-pk")
        .first()
    )


def phase_timeline() -> list[CooperationPhase]:
    return list(CooperationPhase.objects.order_by("since", "pk"))


@dataclass
class RecentChange:
    date: object
    user: object
    kind: str
    model_label: str
    label: str
    url: str | None
    reason: str


def _feeds():
    from functions.models import Facility
    from meetings.models import Decision, Meeting
    from workinggroups.models import WorkingGroup

    return [
        (Partner, (), lambda r: r.name, "cooperation:partner_detail", "id"),
        (Facility, (), lambda r: r.name, "functions:facility_detail", "id"),
        (Body, (), lambda r: r.name, "cooperation:body_detail", "id"),
        (
            Membership,
            ("user", "body"),
            lambda r: f"{r.user} – {r.body}" if r.user and r.body else "",
            "cooperation:body_detail",
            "body_id",
        ),
        (WorkingGroup, ("body",), lambda r: str(r.body), "cooperation:body_detail", "body_id"),
        (SpatialPlanningContract, (), lambda r: r.title, "cooperation:contract", None),
        (CooperationPhase, (), lambda r: r.get_phase_display(), None, None),
        (Meeting, (), lambda r: r.title, "meetings:meeting_detail", "id"),
        # Decisions on non-public agenda items stay out of the shared feed.
        (
            Decision,
            (),
            lambda r: f"{r.number}: {r.title}",
            "meetings:decision_detail",
            "id",
            {"agenda_item__is_public": True},
        ),
    ]


def recent_changes(user, *, limit: int = 10) -> list[RecentChange]:
    """The latest changes to the shared record (one query per tracked model)."""
    if not is_cooperation_member(user):
        return []
    kind_labels = {"+": "created", "~": "changed", "-": "deleted"}
    changes = []
    for model, related, label, url_name, url_field, *filters in _feeds():
        records = (
            model.history.filter(**(filters[0] if filters else {}))
            .select_related("history_user", *related)
            .order_by("-history_date")[:limit]
        )
        for record in records:
            url = None
            if url_name and record.history_type != "-":
                url = (
                    reverse(url_name, args=[getattr(record, url_field)])
                    if url_field
                    else reverse(url_name)
                )
            changes.append(
                RecentChange(
                    date=record.history_date,
                    user=record.history_user,
                    kind=kind_labels[record.history_type],
                    model_label=model._meta.verbose_name,
                    label=label(record),
                    url=url,
                    reason=record.history_change_reason or "",
                )
            )
    changes.sort(key=lambda change: change.date, reverse=True)
    return changes[:limit]


def dashboard(user) -> dict:
    memberships = list(
        Membership.objects.current()
        .filter(user=user, body__is_active=True)
        .select_related("body", "partner", "deputy_for__user")
        .order_by("body__kind", "body__name")
    )
    staff_links = list(
        PartnerStaff.objects.filter(user=user).select_related("partner").order_by("partner__name")
    )
    # Imported here: meetings depends on cooperation, not the other way round.
    from meetings.decision_selectors import decisions_due_for_user
    from meetings.selectors import next_meetings_for_user, pending_proposals_for_office

    return {
        "memberships": memberships,
        "staff_links": staff_links,
        "current_phase": CooperationPhase.objects.current(),
        "recent_changes": recent_changes(user),
        "next_meetings": next_meetings_for_user(user),
        "due_decisions": decisions_due_for_user(user, within_days=30),
        "pending_proposals": pending_proposals_for_office(user),
        "today": timezone.localdate(),
    }
