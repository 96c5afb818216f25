"""The report of the cooperation board to the municipal councils (issue 5), as HTML for the PDF.

`collect(params)` reads everything in a fixed number of queries (see `QUERY_COUNT`) and
turns it into plain rows: dates are formatted, Markdown is rendered, the editions'
confidentiality rules are applied. `render_html(data, …)` only fills the template and
never touches the database, so the HTML step stays a small fraction of WeasyPrint's.

What the report counts as "of the period" (all dates in Europe/Berlin):

* meetings: board meetings that started in the period and were held (status held or
  minutes approved); cancelled ones are only counted;
* decisions: decisions of the board on meetings in the period (not cancelled);
  their status and progress log are shown as of the period's end (the last progress
  entry up to that day; a decision without any entry shows its recorded status);
* findings: agreed findings (only agreed ones, in every edition) that were first
  agreed in the period, by their history (`modified` when there is no history);
* outlook: every board decision up to the period's end that was still open then;
  overdue: due before the period's last day;
* councils: the consultations in the partners' councils of the decisions above (of the
  period and those still open), with the decision's effect (wirksam / blockiert, as
  `councils` stores it) and each council's status and resolution as recorded now;
  overdue: the planned session before the period's last day and still undecided;
  the council's note only in the members' edition;
* annex: the papers of the meetings listed.

The public edition leaves out non-public agenda items, the decisions on them with
their progress, papers without a public item, and working-group reports submitted to
non-public items (`meetings.permissions`, `workinggroups.permissions`). The members'
edition contains them, marked as non-public.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import (
    Body,
    BodyKind,
    Membership,
    Partner,
    PartnerKind,
    PartnerStatus,
    SpatialPlanningContract,
)
from core.i18n import portal_language
from core.markdown import render_markdown
from councils.models import Consultation
from councils.models import is_overdue as consultation_is_overdue
from functions.models import CentralFunction, Facility, FunctionArea
from meetings import selectors as meeting_selectors
from meetings.models import (
    CLOSED_DECISION_STATUSES,
    HELD_STATUSES,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionProgress,
    DecisionResult,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Paper,
    is_overdue,
)
from workinggroups.models import (
    Finding,
    FindingStatus,
    FindingType,
    WorkingGroupReport,
)
from workinggroups.selectors.matrix import MatrixArea, assemble_matrix, facility_counts

PUBLIC = "public"
INTERNAL = "internal"
EDITIONS = (PUBLIC, INTERNAL)
TEMPLATE = "pdf/council_report.html"
# The queries `collect` runs when there is at least one meeting, decision and finding
# (Django skips a prefetch whose parent list is empty).
QUERY_COUNT = 19


@dataclass(frozen=True)
class ReportParams:
    period_from: datetime.date
    period_until: datetime.date
    partner_id: int | None
    edition: str  # "public" | "internal"
    foreword: str = ""

    def __post_init__(self):
        if self.edition not in EDITIONS:
            raise ValueError(f"unknown edition: {self.edition!r}")
        if self.period_until < self.period_from:
            raise ValueError("the period ends before it starts")

    @property
    def is_public(self) -> bool:
        return self.edition == PUBLIC

    def to_json(self) -> dict:
        return {
            "period_from": self.period_from.isoformat(),
            "period_until": self.period_until.isoformat(),
            "partner_id": self.partner_id,
            "edition": self.edition,
            "foreword": self.foreword,
        }

    @classmethod
    def from_json(cls, data: dict) -> ReportParams:
        partner_id = data.get("partner_id")
        return cls(
            period_from=datetime.date.fromisoformat(data["period_from"]),
            period_until=datetime.date.fromisoformat(data["period_until"]),
            partner_id=int(partner_id) if partner_id not in (None, "") else None,
            edition=data["edition"],
            foreword=data.get("foreword") or "",
        )


# --- Title and file name -------------------------------------------------------------


def _fmt(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def period_label(params: ReportParams) -> str:
    """ "2026" for a calendar year, else "01.01.2026 – 30.06.2026"."""
    start, end = params.period_from, params.period_until
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{_fmt(start)} – {_fmt(end)}"


def _partner(params: ReportParams) -> Partner | None:
    if params.partner_id is None:
        return None
    return Partner.objects.filter(pk=params.partner_id).first()


def _title(params: ReportParams, partner: Partner | None) -> str:
    with portal_language():
        base = _("Report to the municipal councils %(period)s") % {"period": period_label(params)}
        edition = _("public edition") if params.is_public else _("members' edition")
        details = f"{partner.name}, {edition}" if partner else edition
        return f"{base} ({details})"


def title(params: ReportParams, *, partner: Partner | None = None) -> str:
    """The document's German title, e.g. "Bericht an die kommunalen Räte 2026 (öffentliche
    Fassung)". One query for the addressed partner unless it is passed."""
    return _title(params, partner if partner is not None else _partner(params))


def file_name(params: ReportParams, *, partner: Partner | None = None) -> str:
    """E.g. `ratsbericht-2026-01-01-2026-12-31-oeffentlich.pdf` (with the addressed
    partner's short name before the edition when one council is addressed)."""
    parts = ["ratsbericht", params.period_from.isoformat(), params.period_until.isoformat()]
    partner = partner if partner is not None else _partner(params)
    if partner is not None:
        parts.append(slugify(partner.short_name.replace("ß", "ss")) or f"partner-{partner.pk}")
    parts.append("oeffentlich" if params.is_public else "intern")
    return "-".join(parts) + ".pdf"


# --- The data ------------------------------------------------------------------------


@dataclass
class MeetingEntry:
    anchor: str
    title: str
    date: str
    location: str
    items: list[dict]
    present: list[str]
    represented: list[tuple[str, str]]
    excused: list[str]
    absent: list[str]
    unrecorded: list[str]
    seats: int
    seats_present: int
    required: int


@dataclass
class ProgressLine:
    date: str
    status_label: object
    note: str


@dataclass
class DecisionRow:
    number: str
    title: str
    text_html: str
    meeting_date: str
    meeting_title: str
    item_label: str
    is_public: bool
    votes_yes: int
    votes_no: int
    votes_abstain: int
    is_adopted: bool
    result_label: object
    majority_label: object
    status: str
    status_label: object
    due_date: str
    is_overdue: bool
    groups: list[str]
    quorum_override_reason: str
    progress: list[ProgressLine]
    in_period: bool
    sort_due: tuple


@dataclass
class DecisionGroup:
    label: str
    rows: list[DecisionRow]


@dataclass
class FindingRow:
    title: str
    type_label: object
    group: str
    function: str
    text_html: str
    partners: list[str]
    facilities: list[str]
    agreed_on: str
    concerns_addressed: bool


@dataclass
class AreaFindings:
    name: str
    rows: list[FindingRow]


@dataclass
class ReportRow:
    group: str
    version: int
    period: str
    submitted_on: str
    meeting: str
    is_public: bool


@dataclass
class PaperRow:
    title: str
    item_label: str
    is_public: bool


@dataclass
class PaperGroup:
    label: str
    rows: list[PaperRow]


@dataclass
class CouncilLine:
    council: str
    status_label: object
    planned: str
    resolution: str
    is_overdue: bool
    note: str


@dataclass
class CouncilDecision:
    number: str
    title: str
    effect: str
    effect_label: object
    rule_label: object
    lines: list[CouncilLine]


@dataclass
class ReportData:
    params: ReportParams
    title: str
    period: str
    period_from: str
    period_until: str
    cooperation_contract: str
    partners: list[tuple[str, object]]
    addressed_partner: str
    addressed_council: object
    foreword_html: str
    figures: list[tuple[object, int]]
    decisions_by_status: list[tuple[object, int]]
    findings_by_type: list[tuple[object, int]]
    meetings: list[MeetingEntry]
    decision_groups: list[DecisionGroup]
    decision_count: int
    findings_by_area: list[AreaFindings]
    finding_count: int
    concerned_count: int
    reports: list[ReportRow]
    matrix_partners: list[str]
    matrix: list[MatrixArea]
    overdue: list[DecisionRow]
    open: list[DecisionRow]
    paper_groups: list[PaperGroup]
    paper_count: int
    chapters: list[tuple[str, object]] = field(default_factory=list)
    councils: list[CouncilDecision] = field(default_factory=list)


def _council_label(partner: Partner):
    """What the addressed partner's council is called (lazy, rendered in German)."""
    return {
        PartnerKind.TOWN: gettext_lazy("town council"),
        PartnerKind.MUNICIPALITY: gettext_lazy("municipal council"),
        PartnerKind.DISTRICT: gettext_lazy("district council"),
        PartnerKind.PLANNING_COMMUNITY: gettext_lazy("regional assembly"),
    }.get(partner.kind, gettext_lazy("decision-making body"))


def _bounds(params: ReportParams) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes [start, end) in the portal's time zone."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(params.period_from, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        params.period_until + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return start, end


def _person(membership: Membership | None) -> str:
    if membership is None:
        return ""
    name = str(membership.user)
    return f"{name} ({membership.partner.short_name})" if membership.partner_id else name


def _item_label(item: AgendaItem) -> str:
    return f"TOP {item.position}: {item.title}"


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _meetings(params, held_meetings, decisions_by_item):
    """The held board meetings with agenda and attendance (seats on the meeting day)."""
    meetings = list(held_meetings)
    # The seats frozen when each meeting was held, and (for any meeting not frozen) the
    # voting memberships of the period; `quorum()` then gives each meeting's own.
    seats = list(
        meeting_selectors.voting_seats_of_period(
            meetings, first_day=params.period_from, last_day=params.period_until
        )
        .select_related("user", "partner")
        .in_role_order()
    )
    entries = []
    for meeting in meetings:
        day = _local_date(meeting.starts_at)
        voting = [s for s in seats if meeting_selectors.holds_voting_seat(meeting, s)]
        state = meeting_selectors.quorum(
            meeting, seats=voting, attendances=meeting.report_attendances
        )
        groups: dict[str, list] = defaultdict(list)
        recorded = set()
        for attendance in meeting.report_attendances:
            recorded.add(attendance.membership_id)
            groups[attendance.status].append(attendance)
        items = [
            {
                "label": _item_label(item),
                "is_public": item.is_public,
                "decisions": decisions_by_item.get(item.pk, []),
            }
            for item in meeting.report_items
        ]
        entries.append(
            MeetingEntry(
                anchor=f"meeting-{meeting.pk}",
                title=meeting.title,
                date=_fmt(day),
                # Never the video link: it would admit anyone to the non-public part too.
                location=meeting.location or _("Video conference"),
                items=items,
                present=[_person(a.membership) for a in groups[AttendanceStatus.PRESENT]],
                represented=[
                    (_person(a.membership), _person(a.represented_by))
                    for a in groups[AttendanceStatus.REPRESENTED]
                ],
                excused=[_person(a.membership) for a in groups[AttendanceStatus.EXCUSED]],
                absent=[_person(a.membership) for a in groups[AttendanceStatus.ABSENT]],
                unrecorded=[_person(s) for s in voting if s.pk not in recorded],
                seats=state.seats,
                seats_present=state.present,
                required=state.required,
            )
        )
    return entries


def _decision_rows(params, decisions, start_day):
    status_labels = dict(DecisionStatus.choices)
    rows = []
    for decision in decisions:
        progress = decision.report_progress
        if progress:
            status = progress[-1].status
        elif decision.has_later_progress:
            status = DecisionStatus.OPEN  # every entry lies after the period
        else:
            status = decision.status
        meeting = decision.agenda_item.meeting
        day = _local_date(meeting.starts_at)
        rows.append(
            DecisionRow(
                number=decision.number,
                title=decision.title,
                # Django's filter escapes the text before it adds the line breaks.
                text_html=linebreaksbr(decision.text.strip(), autoescape=True),
                meeting_date=_fmt(day),
                meeting_title=meeting.title,
                item_label=_item_label(decision.agenda_item),
                is_public=decision.agenda_item.is_public,
                votes_yes=decision.votes_yes,
                votes_no=decision.votes_no,
                votes_abstain=decision.votes_abstain,
                is_adopted=decision.is_adopted,
                result_label=decision.get_result_display(),
                majority_label=decision.get_majority_display(),
                status=status,
                status_label=status_labels.get(status, status),
                due_date=_fmt(decision.due_date),
                # Overdue at the period's end, with the status as of that day.
                is_overdue=is_overdue(
                    decision.due_date, status, params.period_until, decision.result
                ),
                groups=[str(group) for group in decision.report_groups],
                quorum_override_reason=decision.quorum_override_reason,
                progress=[
                    ProgressLine(_fmt(p.date), status_labels.get(p.status, p.status), p.note)
                    for p in progress
                ],
                in_period=day >= start_day,
                sort_due=(
                    decision.due_date is None,
                    decision.due_date or datetime.date.min,
                    decision.body.short_code,
                    decision.year,
                    decision.sequence,
                ),
            )
        )
    return rows


def _findings(params, start, end, partner):
    history = Finding.history.model.objects.filter(id=OuterRef("pk"), status=FindingStatus.AGREED)
    first_agreed = history.order_by("history_date").values("history_date")[:1]
    findings = list(
        Finding.objects.filter(status=FindingStatus.AGREED)
        .annotate(agreed_at=Coalesce(Subquery(first_agreed), F("modified")))
        .filter(agreed_at__gte=start, agreed_at__lt=end)
        .select_related("group__body", "function_area", "central_function")
        .prefetch_related(
            Prefetch("partners", Partner.objects.order_by("short_name", "pk"), to_attr="rp"),
            Prefetch(
                "facilities",
                Facility.objects.only("pk", "name", "partner_id").order_by("name", "pk"),
                to_attr="rf",
            ),
        )
    )
    type_order = {value: i for i, (value, _label) in enumerate(FindingType.choices)}
    type_labels = dict(FindingType.choices)

    def key(finding):
        cf = finding.central_function
        return (
            finding.function_area.position,
            finding.function_area.name,
            cf is None,
            cf.position if cf else 0,
            cf.name if cf else "",
            type_order.get(finding.type, 99),
            finding.title,
            finding.pk,
        )

    findings.sort(key=key)
    by_area: dict[int, AreaFindings] = {}
    for finding in findings:
        concerned = {p.pk for p in finding.rp} | {f.partner_id for f in finding.rf}
        area = by_area.setdefault(
            finding.function_area_id, AreaFindings(finding.function_area.name, [])
        )
        area.rows.append(
            FindingRow(
                title=finding.title,
                type_label=type_labels.get(finding.type, finding.type),
                group=str(finding.group.body),
                function=finding.central_function.name if finding.central_function else "",
                text_html=render_markdown(finding.text),
                partners=[p.short_name for p in finding.rp],
                facilities=[f.name for f in finding.rf],
                agreed_on=_fmt(_local_date(finding.agreed_at)),
                concerns_addressed=partner is not None and partner.pk in concerned,
            )
        )
    return findings, list(by_area.values())


def _matrix(findings, matrix_partners) -> list[MatrixArea]:
    """The function matrix over the report's (agreed) findings: facility counts per
    function and partner, the findings concerning each cell, each area's need for
    action. Three queries (areas, functions, facility counts)."""
    areas = list(
        FunctionArea.objects.order_by("position", "name").prefetch_related(
            Prefetch("functions", CentralFunction.objects.order_by("position", "name", "pk"))
        )
    )
    counts, totals = facility_counts()
    cell_findings = defaultdict(list)
    per_area_type: dict[tuple[int, str], int] = defaultdict(int)
    for finding in findings:
        per_area_type[(finding.function_area_id, finding.type)] += 1
        if finding.central_function_id:
            for partner in finding.rp:
                cell_findings[(finding.central_function_id, partner.pk)].append(finding)
    return assemble_matrix(
        areas,
        matrix_partners,
        counts=counts,
        totals=totals,
        cell_findings=cell_findings,
        area_counts=per_area_type,
    )


def _councils(params, decisions) -> list[CouncilDecision]:
    """The councils' consultations of the report's decisions, grouped by decision (one
    query), in the decisions' order."""
    order = {decision.pk: i for i, decision in enumerate(decisions)}
    consultations = (
        Consultation.objects.filter(requirement__decision_id__in=list(order))
        .select_related("requirement__decision")
        .order_by("council_name", "pk")
    )
    groups: dict[int, CouncilDecision] = {}
    for consultation in consultations:
        requirement = consultation.requirement
        decision = requirement.decision
        group = groups.get(decision.pk)
        if group is None:
            rule = requirement.get_rule_display()
            if requirement.required_approvals:
                rule = f"{rule} ({requirement.required_approvals})"
            group = groups[decision.pk] = CouncilDecision(
                number=decision.number,
                title=decision.title,
                effect=requirement.effect,
                effect_label=requirement.get_effect_display(),
                rule_label=rule,
                lines=[],
            )
        resolution = consultation.resolution_number
        if consultation.resolution_date:
            resolution = ", ".join(filter(None, [resolution, _fmt(consultation.resolution_date)]))
        group.lines.append(
            CouncilLine(
                council=consultation.council_name,
                status_label=consultation.get_status_display(),
                planned=_fmt(consultation.planned_date) if consultation.planned_date else "",
                resolution=resolution,
                is_overdue=consultation_is_overdue(
                    consultation.planned_date, consultation.status, params.period_until
                ),
                note="" if params.is_public else consultation.note,
            )
        )
    return [groups[pk] for pk in sorted(groups, key=order.__getitem__)]


def collect(params: ReportParams) -> ReportData:
    """Everything the report shows, in `QUERY_COUNT` queries whatever the amount of data."""
    start, end = _bounds(params)
    public = params.is_public

    partners_all = list(Partner.objects.in_display_order())  # 1
    partner = next((p for p in partners_all if p.pk == params.partner_id), None)
    contract = (  # 2
        SpatialPlanningContract.objects.order_by("-valid_from", "-pk").values("title").first()
    )
    meeting_counts = {  # 3
        (row["body__kind"], row["status"]): row["n"]
        for row in Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .values("body__kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }

    items = AgendaItem.objects.order_by("position", "pk")
    if public:
        items = items.public()
    board_meetings = Meeting.objects.filter(
        body__kind=BodyKind.BOARD, starts_at__gte=start, starts_at__lt=end
    )
    held = board_meetings.held()
    held_meetings = (
        held.select_related("body")  # 7 (run in _meetings)
        .prefetch_related(
            Prefetch("agenda_items", items, to_attr="report_items"),  # 8
            Prefetch(  # 9
                "attendances",
                Attendance.objects.select_related(
                    "membership__user", "membership__partner", "represented_by__user"
                )
                .select_related("represented_by__partner")
                .order_by("membership__partner__name", "membership__user__display_name", "pk"),
                to_attr="report_attendances",
            ),
        )
        .order_by("starts_at", "pk")
    )

    # Decisions of the period, and older ones still open at its end (the outlook).
    later_progress = DecisionProgress.objects.filter(
        decision=OuterRef("pk"), date__gt=params.period_until
    )
    decisions = (
        Decision.objects.filter(body__kind=BodyKind.BOARD, agenda_item__meeting__starts_at__lt=end)
        .exclude(agenda_item__meeting__status=MeetingStatus.CANCELLED)
        .annotate(has_later_progress=Exists(later_progress))
        .filter(
            Q(agenda_item__meeting__starts_at__gte=start)
            | (~Q(status__in=CLOSED_DECISION_STATUSES) & Q(result=DecisionResult.ADOPTED))
            | Q(has_later_progress=True)
        )
        .select_related("body", "agenda_item__meeting")  # 4
        .prefetch_related(
            Prefetch(  # 5
                "progress",
                DecisionProgress.objects.filter(date__lte=params.period_until).order_by(
                    "date", "pk"
                ),
                to_attr="report_progress",
            ),
            Prefetch(  # 6
                "commissioned_groups",
                Body.objects.order_by("name", "pk"),
                to_attr="report_groups",
            ),
        )
        .order_by("agenda_item__meeting__starts_at", "agenda_item__meeting_id", "year", "sequence")
    )
    if public:
        decisions = decisions.public()
    decisions = list(decisions)
    rows = _decision_rows(params, decisions, params.period_from)
    in_period = [row for row in rows if row.in_period]
    decisions_by_item: dict[int, list[str]] = defaultdict(list)
    for decision in decisions:
        if _local_date(decision.agenda_item.meeting.starts_at) >= params.period_from:
            decisions_by_item[decision.agenda_item_id].append(decision.number)

    meetings = _meetings(params, held_meetings, decisions_by_item)  # 7-9, 10 (seats)
    councils = _councils(params, decisions)  # 19

    decision_groups: list[DecisionGroup] = []
    for row in in_period:
        label = f"{row.meeting_date} – {row.meeting_title}"
        if not decision_groups or decision_groups[-1].label != label:
            decision_groups.append(DecisionGroup(label, []))
        decision_groups[-1].rows.append(row)
    still_open = sorted(
        # A rejected motion is no task: never in the outlook of open decisions.
        (row for row in rows if row.is_adopted and row.status not in CLOSED_DECISION_STATUSES),
        key=lambda row: row.sort_due,
    )

    findings, by_area = _findings(params, start, end, partner)  # 11-13

    matrix_partners = [p for p in partners_all if p.is_active and p.is_territorial]
    matrix = _matrix(findings, matrix_partners)  # 14-16

    papers = (  # 17
        Paper.objects.filter(meeting__in=held.values("pk"))
        .select_related("meeting", "agenda_item")
        .order_by("meeting__starts_at", "meeting_id", "agenda_item__position", "title", "pk")
    )
    if public:
        papers = papers.public()
    paper_groups: list[PaperGroup] = []
    paper_count = 0
    for paper in papers:
        label = f"{_fmt(_local_date(paper.meeting.starts_at))} – {paper.meeting.title}"
        if not paper_groups or paper_groups[-1].label != label:
            paper_groups.append(PaperGroup(label, []))
        paper_groups[-1].rows.append(
            PaperRow(
                paper.title,
                _item_label(paper.agenda_item) if paper.agenda_item else "",
                paper.is_public,
            )
        )
        paper_count += 1

    reports = (  # 18
        WorkingGroupReport.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .select_related("group__body", "agenda_item__meeting")
        .order_by("submitted_at", "pk")
    )
    if public:
        reports = reports.public()
    report_rows = [
        ReportRow(
            group=str(report.group.body),
            version=report.version,
            period=f"{_fmt(report.period_from)} – {_fmt(report.period_until)}",
            submitted_on=_fmt(_local_date(report.submitted_at)),
            meeting=(
                f"{_fmt(_local_date(report.agenda_item.meeting.starts_at))}, "
                f"{_item_label(report.agenda_item)}"
                if report.agenda_item
                else ""
            ),
            is_public=report.agenda_item is None or report.agenda_item.is_public,
        )
        for report in reports
    ]

    partner_status_labels = dict(PartnerStatus.choices)
    per_status = defaultdict(int)
    for row in in_period:
        per_status[row.status] += 1
    per_type = defaultdict(int)
    for finding in findings:
        per_type[finding.type] += 1
    board, group = BodyKind.BOARD, BodyKind.WORKING_GROUP
    figures = [
        (
            gettext_lazy("Board meetings held"),
            sum(meeting_counts.get((board, s), 0) for s in HELD_STATUSES),
        ),
        (
            gettext_lazy("Board meetings cancelled"),
            meeting_counts.get((board, MeetingStatus.CANCELLED), 0),
        ),
        (
            gettext_lazy("Working-group meetings held"),
            sum(meeting_counts.get((group, s), 0) for s in HELD_STATUSES),
        ),
        (gettext_lazy("Agenda items dealt with"), sum(len(m.items) for m in meetings)),
        (gettext_lazy("Decisions taken"), len(in_period)),
        (
            gettext_lazy("Decisions overdue at the end of the period"),
            sum(r.is_overdue for r in still_open),
        ),
        (gettext_lazy("Agreed findings"), len(findings)),
        (gettext_lazy("Working-group reports to the board"), len(report_rows)),
        (gettext_lazy("Papers of the meetings"), paper_count),
    ]

    return ReportData(
        params=params,
        title=_title(params, partner),
        period=period_label(params),
        period_from=_fmt(params.period_from),
        period_until=_fmt(params.period_until),
        cooperation_contract=(contract or {}).get("title", ""),
        # Lazy labels: `collect` may run in any language, the template renders German.
        partners=[
            (p.name, partner_status_labels.get(p.status, p.status))
            for p in partners_all
            if p.is_active or p == partner
        ],
        addressed_partner=partner.name if partner else "",
        addressed_council=_council_label(partner) if partner else "",
        foreword_html=render_markdown(params.foreword) if params.foreword.strip() else "",
        figures=figures,
        decisions_by_status=[
            (label, per_status.get(value, 0)) for value, label in DecisionStatus.choices
        ],
        findings_by_type=[(label, per_type.get(value, 0)) for value, label in FindingType.choices],
        meetings=meetings,
        decision_groups=decision_groups,
        decision_count=len(in_period),
        findings_by_area=by_area,
        finding_count=len(findings),
        concerned_count=sum(r.concerns_addressed for a in by_area for r in a.rows),
        reports=report_rows,
        matrix_partners=[p.short_name for p in matrix_partners],
        matrix=matrix,
        overdue=[row for row in still_open if row.is_overdue],
        open=[row for row in still_open if not row.is_overdue],
        paper_groups=paper_groups,
        paper_count=paper_count,
        chapters=_chapters(),
        councils=councils,
    )


def _chapters():
    """(anchor, heading) of the chapters, in their order: the table of contents."""
    return [
        ("chapter-figures", gettext_lazy("Key figures of the period")),
        ("chapter-meetings", gettext_lazy("Meetings of the cooperation board")),
        ("chapter-decisions", gettext_lazy("Decisions of the period")),
        ("chapter-findings", gettext_lazy("Agreed findings of the working groups")),
        ("chapter-matrix", gettext_lazy("Function matrix")),
        ("chapter-outlook", gettext_lazy("Outlook: open and overdue decisions")),
        ("chapter-councils", gettext_lazy("Consultations in the partners' councils")),
        ("chapter-annex", gettext_lazy("Annex: papers of the meetings")),
    ]


# --- Rendering -----------------------------------------------------------------------


def render_html(data: ReportData, *, created: datetime.datetime, author: str) -> str:
    """The report's HTML in German. Runs no query: everything is in `data`."""
    with portal_language():
        subject = _("Report of the cooperation board to the municipal councils, %(period)s") % {
            "period": f"{data.period_from} – {data.period_until}"
        }
        context = {
            "pdf": {
                "title": data.title,
                "author": author,
                "subject": subject,
                "keywords": "IMPULS, " + _("council report") + ", " + data.period,
                "created": created,
                "language": "de",
            },
            "data": data,
            "created_on": _fmt(timezone.localtime(created).date()),
            # ch.<name>: number, anchor and heading of chapter "chapter-<name>".
            "ch": {
                anchor.removeprefix("chapter-"): {"n": i, "anchor": anchor, "title": heading}
                for i, (anchor, heading) in enumerate(data.chapters, 1)
            },
        }
        context["toc"] = [context["ch"][a.removeprefix("chapter-")] for a, _h in data.chapters]
        return render_to_string(TEMPLATE, context)
