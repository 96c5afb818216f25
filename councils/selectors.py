"""Reads for the council pages: what each partner's council still has to decide, one
consultation's page, and the consultations of a decision."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch

from cooperation.models import Partner
from meetings.selectors import visible_decisions

from .models import Consultation, MinutesExtract

# The councils' list: partner, then the planned session (undated last).
LIST_ORDER = ("partner__name", F("planned_date").asc(nulls_last=True), "pk")


def visible_consultations(user):
    """The consultations of the decisions the user may see."""
    return Consultation.objects.filter(requirement__decision__in=visible_decisions(user))


def council_list(user, *, partner=None, overdue=False, all_states=False):
    """Per partner, what its council still has to decide (with `all_states`: every
    consultation), the decision and its effect at hand."""
    qs = visible_consultations(user).select_related("partner", "requirement__decision__body")
    if not all_states:
        qs = qs.undecided()
    if partner is not None:
        qs = qs.filter(partner=partner)
    if overdue:
        qs = qs.overdue()
    return qs.order_by(*LIST_ORDER)


def council_partners() -> list[Partner]:
    """The partners for the list's filter (every partner: each partner page links here)."""
    return list(Partner.objects.order_by("name"))


# The consultation page lists the newest extracts only (with the number of all).
EXTRACTS_SHOWN = 10


def consultation_detail_queryset():
    newest = MinutesExtract.objects.select_related("uploaded_by").order_by("-created", "-pk")
    return (
        Consultation.objects.select_related(
            "partner",
            "requirement__decision__body",
            "requirement__decision__agenda_item__meeting",
        )
        .annotate(extract_count=Count("extracts"))
        .prefetch_related(
            Prefetch("extracts", newest[:EXTRACTS_SHOWN], to_attr="newest_extracts"),
            Prefetch(
                "requirement__consultations",
                Consultation.objects.select_related("partner").order_by("council_name", "pk"),
            ),
        )
    )
