"""Reads for the working-group page. Drafts are filtered here (through
`visible_findings`), never in templates."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db.models import Count, Q, Value, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import name_of
from cooperation.models import Body, Membership, sorted_by_role
from core import charts
from core.backends import prefetch_all_object_permissions, prefetch_object_permissions
from meetings.models import DecisionResult, DecisionStatus, Meeting, public_condition
from meetings.permissions import decisions_updatable_by
from meetings.selectors import FOLLOW_UP_ORDER, confidential_bodies, visible_decisions

from ..models import FindingStatus, WorkingGroup
from ..permissions import can_contribute, can_lead, visible_group_findings

# The page shows the latest few of everything that grows with the years, with the
# counts and a link to the full, filtered list.
PAST_MEETINGS = 5
UPCOMING_MEETINGS = 5
LATEST_FINDINGS = 10
OPEN_TASKS = 10
LATEST_REPORTS = 5


_NAME = ("display_name", "first_name", "last_name", "username")  # what str(user) reads
# The columns the members table shows (`member_rows`): a row's names, role, partner and
# start, not every column of three tables.
MEMBER_ROW_FIELDS = (
    "role",
    "valid_from",
    *(f"user__{name}" for name in _NAME),
    "partner_id",
    "partner__name",
    "partner__short_name",
    "deputy_for_id",
    *(f"deputy_for__user__{name}" for name in _NAME),
)


class MemberRow(NamedTuple):
    """One row of the members table: what `member_rows` writes of a membership."""

    name: str  # str(user)
    role: str
    deputy_for: str | None  # the name of the member a deputy stands in for
    partner_id: int | None
    partner: str  # the partner's short name, else its name
    valid_from: datetime.date


def _member_row(row: tuple) -> MemberRow:
    role, valid_from, u1, u2, u3, u4, partner_id, name, short_name, deputy_for_id = row[:10]
    return MemberRow(
        name_of(u1, u2, u3, u4),
        role,
        name_of(*row[10:]) if deputy_for_id is not None else None,
        partner_id,
        short_name or name or "",
        valid_from,
    )


# The columns the reports table shows (not the summary, the tasks' states or who
# submitted): a version, its period, when it was submitted and to which meeting
# (`Meeting.__str__`: title and start).
REPORT_ROW_FIELDS = (
    "version",
    "period_from",
    "period_until",
    "submitted_at",
    "agenda_item__meeting__title",
    "agenda_item__meeting__starts_at",
)

# The columns of the group's findings table (`finding_rows` without the group's column,
# the page's own group): a finding's link, title, type, function area and central
# function, status and last change. The group's key too: the related manager's rows
# are given the page's group by it.
FINDING_ROW_FIELDS = (
    "group",
    "title",
    "type",
    "status",
    "modified",
    "function_area__name",
    "central_function__name",
)


# What the page shows of the group, its body, function area and lead partner (and
# the keys the gates and links need), not every column of four tables.
GROUP_FIELDS = (
    "mandate",
    "body__name",
    "body__short_code",
    "body__is_active",
    "function_area__name",
    "lead_partner__name",
)


def group_detail_queryset():
    return WorkingGroup.objects.select_related("body", "function_area", "lead_partner").only(
        *GROUP_FIELDS
    )


def _current_members(body: Body) -> list[MemberRow]:
    """The body's current members in the order of `in_role_order` (sorted by role here:
    cheaper than the CASE over the roles), as the members table's rows: one query of
    the columns it shows, without building a membership, user and partner per row."""
    rows = (
        Membership.objects.current()
        .filter(body_id=body.pk)
        .in_role_order_ties()
        .values_list(*MEMBER_ROW_FIELDS)
    )
    return sorted_by_role([_member_row(row) for row in rows])


def _reports_seen_by_outsiders(user, reports, *, lead: bool):
    """The rule of `get_report_for_user` for users outside the group: reports not yet
    submitted are the group's (and its lead's) working material; one submitted to a
    non-public agenda item is as confidential as that item."""
    bodies = confidential_bodies(user)
    # One condition (cheaper to build than querysets combined with "|").
    seen = Q(submitted_at__isnull=False)
    if bodies is not None:
        seen &= public_condition() | Q(agenda_item__meeting__body__in=bodies)
    if lead:
        seen |= Q(submitted_at__isnull=True)
    return reports.filter(seen)


def _latest(qs, limit: int) -> tuple[list, int]:
    """The first `limit` rows and how many there are, in one query (the count is a
    window over every row, computed before the limit)."""
    rows = list(qs.annotate(rows_in_all=Window(Count("pk")))[:limit])
    return rows, rows[0].rows_in_all if rows else 0


def _meetings(group: WorkingGroup) -> tuple[list, int, list]:
    """The next few meetings with how many are upcoming, and the last few, in one query
    (two limited parts, the count a window over the upcoming ones before the limit)."""
    now = timezone.now()
    # What the lists show (`meeting_items`): a meeting's link, title, start and state.
    meetings = Meeting.objects.filter(body_id=group.pk).only("title", "starts_at", "status")
    upcoming = (
        meetings.upcoming()
        .annotate(part=Value(0), rows_in_all=Window(Count("pk")))
        .order_by("starts_at", "pk")[:UPCOMING_MEETINGS]
    )
    past = (
        meetings.filter(ends_at__lt=now)
        .annotate(part=Value(1), rows_in_all=Value(0))
        .order_by("-starts_at", "-pk")[:PAST_MEETINGS]
    )
    rows = list(upcoming.union(past, all=True))
    upcoming = sorted((m for m in rows if m.part == 0), key=lambda m: (m.starts_at, m.pk))
    past = sorted((m for m in rows if m.part == 1), key=lambda m: (m.starts_at, m.pk), reverse=True)
    return upcoming, upcoming[0].rows_in_all if upcoming else 0, past


# The columns the open tasks' rows and gates read (`task_rows`, `decisions_updatable_by`):
# a decision's number, title, due date, status and result, and its body's key.
TASK_ROW_FIELDS = ("number", "title", "due_date", "status", "result", "body__id")


def most_urgent_tasks(tasks) -> list:
    """The most urgent open tasks (at most `OPEN_TASKS`, in `FOLLOW_UP_ORDER`), with their
    deciding bodies (for the gates) and the columns the rows show."""
    return list(
        tasks.still_open()
        .select_related("body")
        .only(*TASK_ROW_FIELDS)
        .order_by(*FOLLOW_UP_ORDER)[:OPEN_TASKS]
    )


def task_progress(tasks, *, on=None) -> dict[str, int]:
    """The commissioned decisions by state: done, dropped, overdue and open but not yet
    due. One small query: how many per status and result, and how many of them are
    past their due date (a row per combination, a handful whatever the number of
    decisions); cheaper to build than a count per state with its condition. The states
    are those of `still_open_condition` and `overdue_condition` (`Decision.is_overdue`):
    adopted and neither done nor dropped is open, overdue once past its due date."""
    on = on or timezone.localdate()
    counts = {"total": 0, "done": 0, "dropped": 0, "open": 0, "overdue": 0}
    rows = (
        tasks.values_list("status", "result")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=on)))
        .order_by()
    )
    for status, result, n, late in rows:
        counts["total"] += n
        if status == DecisionStatus.DONE:
            counts["done"] += n
        elif status == DecisionStatus.DROPPED:
            counts["dropped"] += n
        elif result == DecisionResult.ADOPTED:
            counts["overdue"] += late
            counts["open"] += n - late
    return counts


def task_chart(progress: dict[str, int]):
    """The progress bar of the commissioned decisions (done / dropped / open / overdue)."""
    return charts.progress_bar(
        "chart-tasks",
        title=_("Progress of the commissioned decisions"),
        parts=[
            ("done", _("Done"), progress["done"], charts.GREEN),
            ("dropped", _("Dropped"), progress["dropped"], charts.GREY),
            ("open", _("Open, not yet due"), progress["open"], charts.BLUE),
            ("overdue", _("Overdue"), progress["overdue"], charts.RED),
        ],
    )


def group_page(user, group: WorkingGroup) -> dict:
    """Everything the working-group page shows, in a fixed number of queries and a
    bounded number of rows whatever the group's age: open tasks first (the most urgent
    few), the next and the last few meetings, the latest findings with the counts per
    status, the latest report versions."""
    body = group.body
    # Every gate below asks about bodies (the group's, the deciding ones, the user's
    # bodies of the visible decisions and those they lead): all the user's grants on
    # bodies in one query instead of three.
    prefetch_all_object_permissions(user, Body)
    body.current_memberships = _current_members(body)
    tasks = visible_decisions(user).filter(commissioned_groups=group.pk)
    decisions = most_urgent_tasks(tasks)
    progress = task_progress(tasks)
    open_tasks = progress["open"] + progress["overdue"]
    tasks_total = progress["total"]
    # The gates below ask about the group's body and the deciding bodies (nothing read
    # after `prefetch_all_object_permissions`, but for a superuser).
    prefetch_object_permissions(user, [group.body, *(d.body for d in decisions)])
    upcoming, upcoming_total, past = _meetings(group)
    contributor = can_contribute(user, group)
    lead = can_lead(user, group)
    reports = (
        group.reports.select_related("agenda_item__meeting")
        .order_by("-version")
        # What the table shows: a version, its period, when and to which meeting it went.
        .only(*REPORT_ROW_FIELDS)
    )
    if not contributor:
        reports = _reports_seen_by_outsiders(user, reports, lead=lead)
    reports, reports_total = _latest(reports, LATEST_REPORTS)
    visible = visible_group_findings(user, group)
    counts = visible.values("status").annotate(n=Count("pk")).order_by()
    per_status = {row["status"]: row["n"] for row in counts}
    findings = list(
        visible.select_related("function_area", "central_function")
        .only(*FINDING_ROW_FIELDS)
        .order_by("-modified", "-pk")[:LATEST_FINDINGS]
    )
    return {
        "group": group,
        "body": group.body,
        "decisions": decisions,
        "open_tasks": open_tasks,
        "tasks_total": tasks_total,
        "task_chart": task_chart(progress),
        "updatable_decisions": decisions_updatable_by(user, decisions),
        "upcoming_meetings": upcoming,
        "upcoming_total": upcoming_total,
        "past_meetings": past,
        "findings": findings,
        "findings_total": sum(per_status.values()),
        "findings_by_status": [
            (value, label, per_status.get(value, 0)) for value, label in FindingStatus.choices
        ],
        "reports": reports,
        "reports_total": reports_total,
        "can_contribute": contributor,
        "can_lead": lead,
        "today": timezone.localdate(),
    }
