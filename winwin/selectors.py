"""Reads for the partner profiles and the win-win view (one selector per page)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, Window
from django.utils import timezone

from cooperation.models import BodyKind
from cooperation.permissions import bodies_for_user
from functions.models import CentralFunction, FunctionArea
from meetings.models import Meeting
from workinggroups.models import WorkingGroup

from .models import EntryKind, PartnerProfile, ProfileEntry

# The win-win view's offers and needs: the first few per kind, with their number
# (the filter by function narrows them); the matches are paginated.
SECTION_LIMIT = 25
MATCH_PAGE_SIZE = 20


def entry_queryset():
    return ProfileEntry.objects.select_related("partner", "central_function__area")


def profile_of(partner) -> PartnerProfile | None:
    return PartnerProfile.objects.filter(partner=partner).first()


def profile_entries(partner):
    """The partner's needs, then its offers, by area and function (paginated by the page)."""
    return (
        entry_queryset()
        .filter(partner=partner)
        .order_by(
            "kind",
            "central_function__area__position",
            "central_function__position",
            "urgency",
            "title",
            "pk",
        )
    )


def area_functions(area: FunctionArea) -> list[CentralFunction]:
    return list(CentralFunction.objects.filter(area=area).order_by("position", "name"))


def _scoped(qs, *, area, function):
    if function is not None:
        return qs.filter(central_function=function)
    return qs.filter(central_function__area=area)


def area_entries(*, area, kind: str, function=None):
    order = ["central_function__position", "partner__name", "title", "pk"]
    if kind == EntryKind.NEED:
        order.insert(1, "urgency")
    qs = entry_queryset().filter(kind=kind, partner__is_active=True)
    return _scoped(qs, area=area, function=function).order_by(*order)


def first_entries(*, area, kind: str, function=None) -> tuple[list, int]:
    """The first `SECTION_LIMIT` of `area_entries` and how many there are, in one query
    (the count a window over every row, computed before the limit)."""
    qs = area_entries(area=area, kind=kind, function=function)
    rows = list(qs.annotate(rows_in_all=Window(Count("pk")))[:SECTION_LIMIT])
    return rows, rows[0].rows_in_all if rows else 0


def matches(*, area, function=None):
    """Where an offer and a need meet: the same central-place function, two different
    partners, both still taking part in the cooperation. One row per pair, as the need
    annotated with the offer's id, most urgent need first. The offer's columns come from
    the join of the function's entries (`F()` in `annotate` reuses the join that the
    filter made)."""
    offers = "central_function__profile_entries"
    return (
        _scoped(ProfileEntry.objects.filter(kind=EntryKind.NEED), area=area, function=function)
        # One filter() call, so that both conditions hold for the same joined offer.
        .filter(**{f"{offers}__kind": EntryKind.OFFER, f"{offers}__partner__is_active": True})
        .filter(partner__is_active=True)
        .annotate(offer_pk=F(f"{offers}__pk"), offer_partner_pk=F(f"{offers}__partner"))
        .filter(~Q(offer_partner_pk=F("partner")))
        .select_related("partner", "central_function")
        .order_by("urgency", "central_function__position", "partner__name", "pk", "offer_pk")
    )


@dataclass(frozen=True)
class Match:
    need: ProfileEntry
    offer: ProfileEntry

    @property
    def central_function(self):
        return self.need.central_function


def match_rows(needs) -> list[Match]:
    """A page of `matches()` as pairs; the page's offers in one query."""
    needs = list(needs)
    offers = entry_queryset().in_bulk([need.offer_pk for need in needs])
    return [Match(need=need, offer=offers[need.offer_pk]) for need in needs]


def match_of(*, need_pk: int, offer_pk: int, area) -> Match | None:
    """The pair named by a match action, if it is a match of the area."""
    need = matches(area=area).filter(pk=need_pk, offer_pk=offer_pk).first()
    if need is None:
        return None
    return match_rows([need])[0]


def groups_to_record_findings(user, area) -> list[WorkingGroup]:
    """The area's working groups in which the user writes findings (their members)."""
    return list(
        WorkingGroup.objects.filter(
            function_area=area,
            body__is_active=True,
            body__in=bodies_for_user(user, "cooperation.act_as_member"),
        )
        .select_related("body")
        .order_by("body__name")
    )


def next_board_meeting_for(user) -> Meeting | None:
    """The next board meeting the user may propose agenda items for (a member of the
    board, the office included) and that still takes proposals; None without one."""
    return (
        Meeting.objects.open()
        .accepting_reports()
        .filter(
            body__kind=BodyKind.BOARD,
            body__is_active=True,
            body__in=bodies_for_user(user, "cooperation.act_as_member"),
            ends_at__gte=timezone.now(),
        )
        .select_related("body")
        .order_by("starts_at", "pk")
        .first()
    )


def is_board_member(user) -> bool:
    return (
        bodies_for_user(user, "cooperation.act_as_member")
        .filter(kind=BodyKind.BOARD, is_active=True)
        .exists()
    )
