"""Reads for the cooperation's pages. Each selector fixes the query shape of one page."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.history import history_entries

from .models import (
    Body,
    CooperationPhase,
    Membership,
    Partner,
    PartnerStaff,
    RulesOfProcedure,
    SpatialPlanningContract,
    rules_for,
)


def _current_memberships():
    return (
        Membership.objects.current()
        .select_related("user", "partner", "deputy_for__user")
        .in_role_order()
    )


def partner_list():
    return Partner.objects.in_display_order().annotate(facility_count=Count("facilities"))


def partner_detail_queryset():
    # Facilities belong to a higher layer (functions), which cooperation never imports:
    # the reverse relation names their model.
    Facility = Partner._meta.get_field("facilities").related_model
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


def phase_entries() -> list[CooperationPhase]:
    return list(CooperationPhase.objects.order_by("since", "pk"))


def membership_of(body: Body, pk: int) -> Membership:
    """One membership of `body` (404 for a membership of another body)."""
    return get_object_or_404(Membership.objects.select_related("user", "partner"), pk=pk, body=body)


def rules_page_queryset():
    """The body with its rules of procedure (one query)."""
    return Body.objects.select_related("procedure_rules")


def rules_history(body: Body, rules: RulesOfProcedure, *, limit: int = 20) -> list:
    """The history of a body's rules of procedure, newest first: the changes of its
    `RulesOfProcedure` row and those of the quorum rule, which lives on the body
    (only that field of the body's history)."""
    entries = history_entries(rules, limit=limit) if rules.pk else []
    for entry in history_entries(body, limit=limit):
        quorum = [change for change in entry.changes if change.name == "quorum_rule"]
        if quorum:
            entry.changes = quorum
            entries.append(entry)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]


def rules_of(body: Body) -> RulesOfProcedure:
    return rules_for(body)
