"""Reads for the decision pages and the dashboard's follow-up feed.

Decisions on non-public agenda items are filtered here, never in templates:
they are visible only to the deciding body's members and the office.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Window,
    prefetch_related_objects,
)
from django.utils import timezone

from cooperation.models import Body, Membership
from cooperation.permissions import body_ids_for_user
from core.publication import published_flag

from ..models import Decision, DecisionProgress, on_public_item_condition
from ..permissions import CONFIDENTIAL, can_view_meetings

# Due date first (decisions without one last), then the number.
FOLLOW_UP_ORDER = (F("due_date").asc(nulls_last=True), "body__short_code", "year", "sequence")


def _member_body_ids(user):
    return body_ids_for_user(user, "cooperation.act_as_member")


def visible_decisions(user):
    """All decisions the user may see: public items for every member of the cooperation,
    non-public ones for the deciding body's members and the office."""
    qs = Decision.objects.all()
    if not can_view_meetings(user):
        return qs.none()
    if user.has_perm(CONFIDENTIAL):
        return qs
    # One filter with both conditions (the same statement as `qs.public() | ...`, built
    # without combining two querysets).
    return qs.filter(on_public_item_condition() | Q(body_id__in=_member_body_ids(user)))


def _commissioned_groups():
    return Prefetch("commissioned_groups", Body.objects.order_by("name", "pk"))


def decision_list(user, *, body=None, status=None, group=None, overdue=False, due_for_me=False):
    """The follow-up list: visible decisions, filtered, sorted by due date then number.
    `due_for_me`: only those of the dashboard's "Decisions due" (`due_for_user`)."""
    qs = (
        (due_for_user(user) if due_for_me else visible_decisions(user))
        .select_related("body", COUNCILS)
        .prefetch_related(_commissioned_groups(), COUNCIL_CONSULTATIONS)
        # The table shows no text, item or meeting of a decision.
        .defer("search_vector", "text", "quorum_override_reason")
    )
    if body is not None:
        qs = qs.filter(body=body)
    if status:
        qs = qs.filter(status=status)
    if group is not None:
        # A working group's primary key is its body's: a Body or a WorkingGroup will do.
        qs = qs.filter(commissioned_groups__pk=group.pk)
    if overdue:
        qs = qs.overdue()
    return qs.order_by(*FOLLOW_UP_ORDER)


def decision_filter_bodies() -> list[Body]:
    """The bodies for the list's filters (the working groups among them for the group filter)."""
    return list(Body.objects.order_by("kind", "name"))


DUE_WITHIN_DAYS = 30


def due_for_user(user, *, within_days: int = DUE_WITHIN_DAYS):
    """Open decisions of the user's bodies (and of the working groups they belong to,
    when commissioned) that are overdue or due within `within_days` days: the
    dashboard's "Decisions due" and the follow-up list's filter of the same name."""
    bodies = _member_body_ids(user)
    commissioning = Decision.commissioned_groups.through.objects.filter(body_id__in=bodies).values(
        "decision_id"
    )
    limit = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        visible_decisions(user)
        .filter(Q(body_id__in=bodies) | Q(pk__in=commissioning))
        .filter(due_date__isnull=False, due_date__lte=limit)
        .still_open()
    )


def decisions_due_for_user(
    user, *, within_days: int = DUE_WITHIN_DAYS, limit: int | None = None
) -> tuple[list[Decision], int]:
    """The most urgent `limit` of `due_for_user` (all without a limit) and how many
    there are in all. One query: with a limit, each row carries the count of all (a
    window over the whole set, counted before the limit applies)."""
    qs = (
        due_for_user(user, within_days=within_days)
        .select_related("body")
        .order_by(*FOLLOW_UP_ORDER)
        # What a feed of them shows (number, subject, due date, overdue or not), not the
        # texts: with a limit, every due decision is read for the count.
        .only("number", "title", "due_date", "status", "result", "body__short_code")
    )
    if limit is None:
        rows = list(qs)
        return rows, len(rows)
    rows = list(qs.annotate(due_total=Window(Count("pk")))[:limit])
    return rows, rows[0].due_total if rows else 0


# The councils app (above this one) keeps a decision's council consultations; its
# rows are named by the reverse relations only, so meetings imports nothing of it.
COUNCILS = "council_requirement"
COUNCIL_CONSULTATIONS = "council_requirement__consultations"


def decision_detail_queryset():
    """The decision page's decision with what it shows in its own row. Whether any seat
    did not vote and whether it commissioned any groups is asked there too: most
    decisions have neither, and then `decision_page_rows` does not read them. Not its
    search vector (the page shows no such thing)."""
    return (
        Decision.objects.annotate(
            is_published=published_flag(Decision),
            has_not_voting=Exists(
                Decision.not_voting.through.objects.filter(decision=OuterRef("pk"))
            ),
            has_commissioned_groups=Exists(
                Decision.commissioned_groups.through.objects.filter(decision=OuterRef("pk"))
            ),
        )
        .select_related(
            "body", "agenda_item__meeting", "recorded_by", COUNCILS, "written_procedure"
        )
        .defer("search_vector")
    )


def _read_as_empty(instance, relation: str, model) -> None:
    """Leave in `instance`'s cache what prefetching its many-to-many `relation` finds
    when it has no rows, without the prefetch's work (about as much as a query's): its
    manager then answers `.all()` with nothing and asks nobody."""
    empty = model._default_manager.none()
    # As `prefetch_related_objects` leaves its result: evaluated, so no one compiles it.
    empty._result_cache, empty._prefetch_done = [], True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = empty


def decision_page_rows(decision: Decision) -> None:
    """Read the council consultations, the commissioned groups, the seats that did not
    vote and the progress log of `decision` (from `decision_detail_queryset`) into its
    caches; the groups and the seats only when its row says it has any."""
    lookups = [
        COUNCIL_CONSULTATIONS,
        Prefetch(
            "progress",
            DecisionProgress.objects.select_related("author")
            .order_by("-date", "-pk")
            .defer("search_vector"),
        ),
    ]
    if decision.has_commissioned_groups:
        lookups.append(_commissioned_groups())
    else:
        _read_as_empty(decision, "commissioned_groups", Body)
    if decision.has_not_voting:
        lookups.append(Prefetch("not_voting", Membership.objects.select_related("user", "partner")))
    else:
        _read_as_empty(decision, "not_voting", Membership)
    prefetch_related_objects([decision], *lookups)
