"""Reads for the cooperation overview and the development concept.

Findings and decisions are counted through the same visibility rules as their own
pages (`visible_findings`, `visible_decisions`): a draft finding or a decision on
a non-public item never shows up in a figure for someone who may not see it.
"""

from __future__ import annotations

import datetime
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cooperation.models import (
    Body,
    BodyKind,
    CooperationPhase,
    CooperationPhaseKind,
    Membership,
    Partner,
    PartnerStaff,
    SpatialPlanningContract,
)
from cooperation.permissions import is_cooperation_member, remember_bodies_for
from core import charts
from core.history import History, history_model
from core.timezone import BERLIN
from functions.models import Facility, FunctionArea
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatus,
    Meeting,
    overdue_condition,
)
from meetings.selectors import (
    decisions_due_for_user,
    holds_voting_seat,
    next_meetings_for_user,
    pending_proposals_for_office,
    seats_present,
    visible_decisions,
    visible_meetings,
    voting_seats_of_period,
)
from workinggroups.models import Finding, FindingType, WorkingGroup
from workinggroups.permissions import visible_findings

from .models import ConceptChapter


@dataclass
class PhaseStep:
    """One of the five development phases with the entries recorded for it."""

    kind: str
    label: str
    entries: list[CooperationPhase]
    is_current: bool


def phase_steps_and_current(
    *, today: datetime.date | None = None
) -> tuple[list[PhaseStep], object]:
    """The five phases in their order, each with its recorded entries (dates and
    reasons); the current phase is the latest entry that has begun. One query."""
    today = today or timezone.localdate()
    entries = list(CooperationPhase.objects.order_by("since", "pk"))
    begun = [e for e in entries if e.since <= today]
    current = max(begun, key=lambda e: (e.since, e.pk)) if begun else None
    steps = [
        PhaseStep(
            kind=value,
            label=label,
            entries=[e for e in entries if e.phase == value],
            is_current=current is not None and current.phase == value,
        )
        for value, label in CooperationPhaseKind.choices
    ]
    return steps, current


def phase_chart(steps: list[PhaseStep], current, *, today: datetime.date | None = None):
    """The phase timeline as a picture: each phase with the day it was (first) reached,
    the current one with the day its entry began. No query: it reads the steps."""
    today = today or timezone.localdate()
    stages = []
    for step in steps:
        begun = [entry.since for entry in step.entries if entry.since <= today]
        first = min(begun) if begun else None
        since = current.since if step.is_current else first
        stages.append((str(step.label), since, step.is_current))
    return charts.steps("chart-phases", title=_("Development phases"), stages=stages)


@dataclass
class AreaFindingCounts:
    area: FunctionArea
    counts: list[int]
    types: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[str, int]]:
        return list(zip(self.types, self.counts, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class KeyFigures:
    meetings_held: int
    decisions_by_status: list[tuple[str, str, int]]
    overdue_decisions: int
    finding_types: list[tuple[str, str]]
    findings_by_area: list[AreaFindingCounts] = field(default_factory=list)

    @property
    def decisions_total(self) -> int:
        return sum(n for _value, _label, n in self.decisions_by_status)

    @property
    def findings_by_type(self) -> list[int]:
        return [
            sum(row.counts[i] for row in self.findings_by_area)
            for i in range(len(self.finding_types))
        ]

    @property
    def findings_total(self) -> int:
        return sum(row.total for row in self.findings_by_area)


@dataclass(frozen=True)
class DecisionCounts:
    """The decisions a user may see, counted per year of their number and current
    status, with how many of each are overdue: one query for the key figures and the
    chart of decisions per year."""

    # (year, status) → (decisions, overdue among them)
    cells: dict[tuple[int, str], tuple[int, int]]

    def per_status(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for (_year, status), (n, _overdue) in self.cells.items():
            totals[status] = totals.get(status, 0) + n
        return totals

    def overdue(self) -> int:
        return sum(overdue for _n, overdue in self.cells.values())

    def per_year_and_status(self, years) -> dict[tuple[str, str], int]:
        wanted = set(years)
        return {
            (str(year), status): n
            for (year, status), (n, _overdue) in self.cells.items()
            if year in wanted
        }


def decision_counts(user, *, today: datetime.date | None = None) -> DecisionCounts:
    """At most years × statuses rows, whatever the number of decisions; overdue by the
    rule of `DecisionQuerySet.overdue`, as a condition on each counted row (not a second
    pass over the visible decisions). PostgreSQL counts from the decisions' and the
    items' covering indexes alone (`decision_count_cover_idx`, `agendaitem_public_cover_idx`)."""
    rows = (
        visible_decisions(user)
        .values("year", "status")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue_condition(today)))
        .order_by()
    )
    return DecisionCounts(
        {(row["year"], row["status"]): (row["n"], row["overdue"]) for row in rows}
    )


def key_figures(
    user, *, counts: DecisionCounts | None = None, today: datetime.date | None = None
) -> KeyFigures:
    """Four queries whatever the amount of data (three with `counts` given): meetings
    held, the decisions' counts, the areas, and visible findings per area and type."""
    meetings_held = Meeting.objects.held().count()
    counts = counts or decision_counts(user, today=today)
    per_status = counts.per_status()
    areas = list(FunctionArea.objects.order_by("position", "name").only("name"))
    # COUNT(*): counted from the findings' covering index alone (`finding_count_cover_idx`).
    per_area_type = {
        (row["function_area_id"], row["type"]): row["n"]
        for row in visible_findings(user, Finding.objects.all())
        .values("function_area_id", "type")
        .annotate(n=Count("*"))
        .order_by()
    }
    types = [(value, str(label)) for value, label in FindingType.choices]
    return KeyFigures(
        meetings_held=meetings_held,
        decisions_by_status=[
            (value, str(label), per_status.get(value, 0)) for value, label in DecisionStatus.choices
        ],
        overdue_decisions=counts.overdue(),
        finding_types=types,
        findings_by_area=[
            AreaFindingCounts(
                area,
                [per_area_type.get((area.pk, value), 0) for value, _ in types],
                [value for value, _ in types],
            )
            for area in areas
        ],
    )


DECISION_YEARS = 8
DECISION_STYLES = {
    DecisionStatus.OPEN: charts.BLUE,
    DecisionStatus.IN_PROGRESS: charts.BROWN,
    DecisionStatus.DONE: charts.GREEN,
    DecisionStatus.DROPPED: charts.GREY,
}


def decisions_by_year(
    user, *, counts: DecisionCounts | None = None, today: datetime.date | None = None
):
    """The decisions the user may see of the last `DECISION_YEARS` years (by the year of
    their number), per year and current status, as stacked bars (from `counts`, or one
    query)."""
    last = (today or timezone.localdate()).year
    years = list(range(last - DECISION_YEARS + 1, last + 1))
    counts = counts or decision_counts(user, today=today)
    return charts.stacked_bars(
        "chart-decisions",
        title=_("Decisions per year by their current status"),
        periods=[str(year) for year in years],
        kinds=[(value, label, DECISION_STYLES[value]) for value, label in DecisionStatus.choices],
        counts=counts.per_year_and_status(years),
    )


NO_PARTNER = 0


def board_attendance(user, *, today: datetime.date | None = None):
    """How often each partner's voting seat on the board counted as present (present,
    or represented by its deputy) at the board meetings held this year: per partner,
    meetings attended of the meetings at which it held a seat.

    The seats and what counts as present come from `meetings.selectors.quorum`
    (`voting_seats_of_period`, `holds_voting_seat`, `seats_present`), never from a rule
    of our own. Three queries (one when no board meeting was held this year); the rows
    are one year of one body, and the picture has one bar per partner."""
    today = today or timezone.localdate()
    first_day, last_day = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=BERLIN)
    end = datetime.datetime.combine(
        datetime.date(today.year + 1, 1, 1), datetime.time.min, tzinfo=BERLIN
    )
    meetings = list(
        visible_meetings(user)
        .held()
        .filter(body__kind=BodyKind.BOARD, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "pk")
        # What `holds_voting_seat` reads (its seats, frozen when it was held), no texts.
        .only("body", "starts_at", "quorum_frozen_at", "quorum_seat_ids")
    )
    attended: dict[int, int] = {}
    seated: dict[int, int] = {}
    names: dict[int, str] = {}
    if meetings:
        seats = list(
            voting_seats_of_period(meetings, first_day=first_day, last_day=last_day)
            .select_related("partner")
            .order_by("pk")
            .only("body", "role", "valid_from", "valid_until", "partner__name")
        )
        by_meeting: dict[int, list] = {meeting.pk: [] for meeting in meetings}
        # Rows with the attributes `seats_present` reads, not model instances (a year's
        # board meetings have hundreds of attendances).
        for attendance in (
            Attendance.objects.filter(meeting__in=[m.pk for m in meetings])
            .order_by()  # counted, not listed: no join for the default order
            .values_list("meeting_id", "membership_id", "status", "represented_by_id", named=True)
        ):
            by_meeting[attendance.meeting_id].append(attendance)
        for meeting in meetings:
            partners: dict[int, set[int]] = {}
            for seat in seats:
                if holds_voting_seat(meeting, seat):
                    key = seat.partner_id or NO_PARTNER
                    names.setdefault(key, seat.partner.name if seat.partner else "")
                    partners.setdefault(key, set()).add(seat.pk)
            for key, seat_ids in partners.items():
                seated[key] = seated.get(key, 0) + 1
                if seats_present(seat_ids, by_meeting[meeting.pk]):
                    attended[key] = attended.get(key, 0) + 1
    no_partner = _("Seats without a partner")
    rows = sorted(
        ((names[key] or no_partner, attended.get(key, 0), seated[key]) for key in seated),
        key=lambda row: (row[0] == no_partner, row[0].casefold()),
    )
    chart = charts.share_bars(
        "chart-attendance",
        title=_("Attendance of the partners at the board meetings in %(year)d")
        % {"year": today.year},
        rows=rows,
        part_label=_("Meetings attended"),
        whole_label=_("Meetings with a seat"),
        rest_label=_("Seat not taken"),
    )
    return chart, len(meetings)


def concept_chapters(user, *, areas: list[FunctionArea] | None = None) -> list[ConceptChapter]:
    """The chapters in order, each with its function areas (`areas`, in the areas'
    order) and the number of cited findings the user may see (`cited`). One query with
    every function area given (`areas`: the key figures have read them), else two."""
    # Counted per chapter along the citation index (a filter over the set of every
    # visible finding would read all findings).
    cited = (
        visible_findings(user, Finding.objects.filter(chapters=OuterRef("pk")))
        .order_by()
        .values("chapters")
        .annotate(n=Count("pk"))
        .values("n")
    )
    if areas is None:
        areas = list(FunctionArea.objects.order_by("position", "name").only("name"))
    by_pk = {area.pk: area for area in areas}
    rank = {area.pk: index for index, area in enumerate(areas)}
    chapters: dict[int, ConceptChapter] = {}
    # One row per chapter and area (the areas' ids joined in), grouped here.
    for row in (
        ConceptChapter.objects.order_by("position", "pk")
        # What the list shows (not the texts, published or not, nor their vectors).
        .only("position", "title", "version")
        .annotate(cited=Coalesce(Subquery(cited), 0), area_id=F("function_areas"))
    ):
        chapter = chapters.setdefault(row.pk, row)
        if chapter is row:
            chapter.areas = []
        # (An area added since `areas` were read shows from the next reading on.)
        if row.area_id in by_pk:
            chapter.areas.append(by_pk[row.area_id])
    for chapter in chapters.values():
        chapter.areas.sort(key=lambda area: rank[area.pk])
    return list(chapters.values())


def hidden_cited_findings(user, chapter: ConceptChapter) -> list[Finding]:
    """The findings the chapter cites that the user may not see (drafts of other groups)."""
    return list(chapter.findings.exclude(pk__in=visible_findings(user).values("pk")))


def chapter_detail_queryset():
    return ConceptChapter.objects.prefetch_related(
        Prefetch("function_areas", FunctionArea.objects.order_by("position", "name"))
    )


def cited_findings(user, chapter: ConceptChapter) -> list[Finding]:
    """The findings the chapter cites that the user may see. One query."""
    return list(
        visible_findings(user, chapter.findings.all())
        .select_related("group__body", "function_area", "central_function")
        .order_by("function_area__position", "title", "pk")
    )


def next_chapter_position() -> int:
    last = ConceptChapter.objects.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def chapter_history(user, chapter: ConceptChapter) -> list:
    """The chapter's history section, naming only the cited findings the user may see.

    A chapter cites agreed findings, but a group may take one back to a draft later;
    its title must then not reach non-members through the history either. The records
    (with their many-to-many rows) and the titles of the cited findings the user may
    see: three queries, plus one for function areas the chapter no longer names.
    """
    history = History(chapter)
    if not history.records:
        return []
    cited = history.values.column("findings")
    all_ids = set().union(*cited)
    titles = dict(
        visible_findings(user, Finding.objects.filter(pk__in=all_ids)).values_list("pk", "title")
    )
    # The titles are the findings' names (`Finding.__str__`): no query for them. Those
    # the user may not see are named "" here and left out below.
    history.values.names.update({(Finding, pk): titles.get(pk, "") for pk in all_ids})
    entries = history.entries()
    if all_ids <= titles.keys():
        return entries

    def show(ids) -> str:
        return ", ".join(sorted(titles[pk] for pk in ids if pk in titles)) or "—"

    for index, entry in enumerate(entries):
        new = cited[index]
        old = cited[index + 1] if index + 1 < len(cited) else frozenset()
        kept = []
        for change in entry.changes:
            if change.name == "findings":
                change.old, change.new = show(old), show(new)
                if change.old == change.new:
                    continue
            kept.append(change)
        entry.changes = kept
    return entries


# --- The dashboard (everyone's landing page) -----------------------------------------


@dataclass
class RecentChange:
    date: object
    user: object
    kind: str
    model_label: str
    label: str
    url: str | None
    reason: str


@dataclass(frozen=True)
class _Feed:
    """One tracked model in the shared record of changes: the columns of its history
    that name the object (`label`, and `label2` or a user: `person`), how the name is
    written, and the page the entry links to (`url_name` with the `url_field`)."""

    model: type
    label: str | None
    write: Callable[..., str]
    url_name: str | None = None
    url_field: str | None = None
    label2: str | None = None
    person: str | None = None
    filters: dict = field(default_factory=dict)


def _phase_label(value, _second, _person) -> str:
    return str(dict(CooperationPhase._meta.get_field("phase").flatchoices).get(value, value))


def _feeds() -> list[_Feed]:
    return [
        _Feed(Partner, "name", lambda a, b, p: a, "cooperation:partner_detail", "id"),
        _Feed(Facility, "name", lambda a, b, p: a, "functions:facility_detail", "id"),
        _Feed(Body, "name", lambda a, b, p: a, "cooperation:body_detail", "id"),
        _Feed(
            Membership,
            "body__name",
            lambda a, b, p: f"{p} – {a}" if p and a else "",
            "cooperation:body_detail",
            "body_id",
            person="user_id",
        ),
        _Feed(WorkingGroup, "body__name", lambda a, b, p: a, "cooperation:body_detail", "body_id"),
        _Feed(SpatialPlanningContract, "title", lambda a, b, p: a, "cooperation:contract"),
        _Feed(CooperationPhase, "phase", _phase_label),
        _Feed(Meeting, "title", lambda a, b, p: a, "meetings:meeting_detail", "id"),
        # Decisions on non-public agenda items stay out of the shared feed.
        _Feed(
            Decision,
            "number",
            lambda a, b, p: f"{a}: {b}",
            "meetings:decision_detail",
            "id",
            label2="title",
            filters={"agenda_item__in": AgendaItem.objects.public()},
        ),
    ]


_TEXT, _ID = TextField(), BigIntegerField()
# Every part of the statement selects these, in this order.
_COLUMNS = (
    "c_feed",
    "c_date",
    "c_type",
    "c_reason",
    "c_user",
    "c_url",
    "c_label",
    "c_label2",
    "c_person",
)


def _column(path: str | None, output_field):
    return Cast(F(path), output_field) if path else Cast(Value(None), output_field)


def _recent_changes_queryset(feeds: list[_Feed], limit: int):
    parts = [
        history_model(feed.model)
        ._default_manager.filter(**feed.filters)
        .order_by()
        .annotate(
            c_feed=Value(index, IntegerField()),
            c_date=F("history_date"),
            c_type=F("history_type"),
            c_reason=Cast(F("history_change_reason"), _TEXT),
            c_user=F("history_user_id"),
            c_url=_column(feed.url_field, _ID),
            c_label=_column(feed.label, _TEXT),
            c_label2=_column(feed.label2, _TEXT),
            c_person=_column(feed.person, _ID),
        )
        .values_list(*_COLUMNS)
        for index, feed in enumerate(feeds)
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        # Each part's latest few along its date index (else PostgreSQL may sort a whole
        # history table, the decisions' joined with their items, for the merge).
        parts = [part.order_by("-c_date")[:limit] for part in parts]
    return parts[0].union(*parts[1:], all=True).order_by("-c_date")[:limit]


# Per database connection (each thread has its own) and limit: the compiled statement
# of the recent changes and its compiler. The statement names no user and no data (only
# models, columns and constants), so it never changes while the code does not; building
# and compiling its nine parts cost more than running it. Rows are always read fresh.
_compiled_recent_changes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _recent_change_rows(feeds: list[_Feed], limit: int) -> list[tuple]:
    wrapper = connections[DEFAULT_DB_ALIAS]
    compiled = _compiled_recent_changes.setdefault(wrapper, {})
    if limit not in compiled:
        compiler = _recent_changes_queryset(feeds, limit).query.get_compiler(DEFAULT_DB_ALIAS)
        compiled[limit] = (compiler, *compiler.as_sql())
    compiler, sql, params = compiled[limit]
    with wrapper.cursor() as cursor:
        cursor.execute(sql, params)
        # The compiler applies the fields' converters, as when the queryset is read.
        return list(compiler.results_iter([cursor.fetchall()], tuple_expected=True))


def recent_changes(user, *, limit: int = 10) -> list[RecentChange]:
    """The latest changes to the shared record: one statement over the history of every
    tracked model (its latest `limit` entries), and one for the people named."""
    if not is_cooperation_member(user):
        return []
    feeds = _feeds()
    rows = _recent_change_rows(feeds, limit)
    people = {
        person.pk: person
        for person in User.objects.filter(
            pk__in={pk for row in rows for pk in (row[4], row[8]) if pk is not None}
        )
    }
    kind_labels = {"+": "created", "~": "changed", "-": "deleted"}
    changes = []
    for index, date, kind, reason, user_id, url_arg, label, label2, person_id in rows:
        feed = feeds[index]
        url = None
        if feed.url_name and kind != "-":
            url = (
                reverse(feed.url_name, args=[url_arg]) if feed.url_field else reverse(feed.url_name)
            )
        changes.append(
            RecentChange(
                date=date,
                user=people.get(user_id),
                kind=kind_labels[kind],
                model_label=feed.model._meta.verbose_name,
                label=feed.write(label or "", label2 or "", people.get(person_id)),
                url=url,
                reason=reason or "",
            )
        )
    return changes


# The dashboard shows the most urgent few; "show all" leads to the filtered follow-up list.
DASHBOARD_DUE_DECISIONS = 8


def dashboard(user) -> dict:
    # The gates below ask for the bodies the user acts in as a member and those they
    # manage: one query for both.
    remember_bodies_for(user, ["cooperation.act_as_member", "cooperation.change_body"])
    memberships = list(
        Membership.objects.current()
        .filter(user=user, body__is_active=True)
        .select_related("body__working_group", "partner", "deputy_for__user")
        .order_by("body__kind", "body__name")
        # What the list shows: the body and its page, the role, the partner, whom a
        # deputy stands in for (a user's name: `User.__str__`).
        .only(
            "role",
            "body__name",
            "body__working_group__body",
            "partner__short_name",
            "deputy_for__user__display_name",
            "deputy_for__user__first_name",
            "deputy_for__user__last_name",
            "deputy_for__user__username",
        )
    )
    for membership in memberships:
        # A working group's members go to its page (findings, reports), not the body's.
        profile = getattr(membership.body, "working_group", None)
        membership.page_url = (profile or membership.body).get_absolute_url()
    due_decisions, due_total = decisions_due_for_user(user, limit=DASHBOARD_DUE_DECISIONS)
    staff_links = list(
        PartnerStaff.objects.filter(user=user)
        .select_related("partner")
        .order_by("partner__name")
        .only("position", "is_admin", "partner__name")
    )
    return {
        "memberships": memberships,
        "staff_links": staff_links,
        "current_phase": CooperationPhase.objects.current(),
        "recent_changes": recent_changes(user),
        "next_meetings": next_meetings_for_user(user),
        "due_decisions": due_decisions,
        "due_decisions_total": due_total,
        "pending_proposals": pending_proposals_for_office(user),
        "today": timezone.localdate(),
    }
