"""Reads for the written procedures' pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from cooperation.models import VOTING_ROLES, Membership, Role
from cooperation.permissions import bodies_for_user

from ..models import ProcedurePaper, WrittenProcedure, WrittenVote
from ..permissions import CONFIDENTIAL, can_view_meetings

# Who may object to a written procedure: every voting seat and every deputy.
OBJECTING_ROLES = [*VOTING_ROLES, Role.DEPUTY_MEMBER]


def visible_procedures(user):
    """The procedures of the user's bodies (every body's for the office)."""
    qs = WrittenProcedure.objects.all()
    if not can_view_meetings(user):
        return qs.none()
    if user.has_perm(CONFIDENTIAL):
        return qs
    return qs.filter(body__in=bodies_for_user(user, "cooperation.act_as_member"))


def procedure_list(user):
    return (
        visible_procedures(user)
        .select_related("body", "decision")
        .annotate(
            seat_count=Count("votes"), voted_count=Count("votes", filter=~Q(votes__choice=""))
        )
        .order_by("-deadline", "-pk")
    )


def procedure_detail_queryset():
    return WrittenProcedure.objects.select_related(
        "body", "started_by", "objected_by__user", "decision"
    ).prefetch_related(
        Prefetch(
            "votes",
            WrittenVote.objects.select_related("seat__user", "seat__partner", "cast_by")
            .prefetch_related(Prefetch("seat__deputies", Membership.objects.select_related("user")))
            .order_by("seat__user__display_name", "pk"),
        ),
        Prefetch("papers", ProcedurePaper.objects.order_by("pk")),
    )


def objecting_membership(user, procedure: WrittenProcedure) -> Membership | None:
    """The user's current membership in the body with which they may object (a voting
    seat or a deputy seat), or None."""
    return (
        Membership.objects.current()
        .filter(body=procedure.body, user=user, role__in=OBJECTING_ROLES)
        .order_by("pk")
        .first()
    )
