"""Reads for the public pages: published content only.

Everything here starts from a `published()` queryset of its model (or, for persons,
`Membership.public_name()`; see "Publication" in docs/architecture.md) and never
decides on its own what is public. Where a page shows persons or chapters, the
selector hands the template plain rows holding only the public fields, so a template
cannot reach a user name, an e-mail address or an unpublished chapter text by accident.
Each selector runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from cooperation.models import (
    Body,
    BodyKind,
    Membership,
    Partner,
    SpatialPlanningContract,
)
from core.markdown import render_markdown
from councils.models import Consultation
from documents.models import Document
from functions.models import Facility
from meetings.models import (
    AgendaItem,
    Decision,
    DecisionProgress,
    Meeting,
    Minutes,
    MinutesCorrection,
    Paper,
)
from overview.models import ConceptChapter
from overview.selectors import phase_steps_and_current
from participation import selectors as participation_selectors
from workinggroups.models import Finding, FindingType
from workinggroups.selectors.matrix import (
    assemble_matrix,
    cell_finding_counts,
    facility_counts,
    matrix_choices,
)

# Newest published meetings on a body's page; the rest in the filtered list.
BODY_MEETINGS = 10


# --- Persons and bodies ------------------------------------------------------------------


@dataclass
class PublicBody:
    pk: int
    name: str
    kind: str
    kind_label: str
    description: str
    mandate: str
    function_area: str
    lead_partner: str
    members: list[str]

    @property
    def is_board(self) -> bool:
        return self.kind == BodyKind.BOARD


def _public_bodies(queryset) -> list[PublicBody]:
    """Bodies with their current seats named by public office only. Two queries."""
    bodies = queryset.select_related(
        "working_group__function_area", "working_group__lead_partner"
    ).prefetch_related(
        Prefetch(
            "memberships",
            Membership.objects.current().select_related("user", "partner").in_role_order(),
            to_attr="current_memberships",
        )
    )
    rows = []
    for body in bodies:
        group = getattr(body, "working_group", None)
        rows.append(
            PublicBody(
                pk=body.pk,
                name=body.name,
                kind=body.kind,
                kind_label=body.get_kind_display(),
                description=body.description,
                mandate=group.mandate if group else "",
                function_area=group.function_area.name if group else "",
                lead_partner=group.lead_partner.name if group else "",
                members=[m.public_name() for m in body.current_memberships],
            )
        )
    return rows


def _active_bodies():
    return Body.objects.filter(is_active=True).order_by("kind", "name")


def contract_in_force(today: datetime.date | None = None) -> SpatialPlanningContract | None:
    """The contract valid today (the newest one if several overlap), with its parties
    and clauses. Three queries."""
    today = today or timezone.localdate()
    return (
        SpatialPlanningContract.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        )
        .prefetch_related(
            Prefetch("parties", Partner.objects.in_display_order()),
            "clauses",
        )
        .order_by("-valid_from", "-pk")
        .first()
    )


def home() -> dict:
    """The cooperation: partners, the contract in force, the phase, the bodies."""
    _steps, current_phase = phase_steps_and_current()
    bodies = _public_bodies(_active_bodies())
    return {
        "partners": list(Partner.objects.active().in_display_order()),
        "contract": contract_in_force(),
        "current_phase": current_phase,
        "board": [b for b in bodies if b.is_board],
        "working_groups": [b for b in bodies if not b.is_board],
    }


def body_page(pk: int) -> dict | None:
    """A body with its seats by public office and its newest published meetings."""
    rows = _public_bodies(Body.objects.filter(pk=pk))
    if not rows:
        return None
    meetings = list(published_meetings(body=pk)[: BODY_MEETINGS + 1])
    return {
        "body": rows[0],
        "meetings": meetings[:BODY_MEETINGS],
        "more_meetings": len(meetings) > BODY_MEETINGS,
    }


def filter_bodies() -> list[Body]:
    """The bodies the filters offer (board first, then the working groups)."""
    return list(Body.objects.order_by("kind", "name"))


# --- Meetings -----------------------------------------------------------------------------


def published_meetings(*, body=None, year: int | None = None):
    qs = Meeting.objects.published().select_related("body")
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(starts_at__year=year)
    return qs.order_by("-starts_at", "-pk")


def meeting_years() -> list[int]:
    """The years in which meetings were published, newest first. One query."""
    return [
        d.year for d in Meeting.objects.published().datetimes("starts_at", "year", order="DESC")
    ]


def published_meeting_queryset():
    return Meeting.objects.published().select_related("body")


@dataclass
class PublicItem:
    item: AgendaItem
    papers: list[Paper] = field(default_factory=list)
    minutes: Minutes | None = None
    decisions: list[Decision] = field(default_factory=list)


def meeting_page(meeting: Meeting) -> dict:
    """The public agenda with each item's published papers, approved minutes (with their
    corrections) and decisions. Five queries whatever the number of items."""
    items = {
        item.pk: PublicItem(item)
        for item in AgendaItem.objects.published()
        .filter(meeting=meeting)
        .select_related("presenting_partner")
        .order_by("position", "pk")
    }
    meeting_papers = []
    for paper in Paper.objects.published().filter(meeting=meeting).order_by("title", "pk"):
        if paper.agenda_item_id is None:
            meeting_papers.append(paper)
        elif paper.agenda_item_id in items:
            items[paper.agenda_item_id].papers.append(paper)
    minutes = Minutes.objects.published().filter(agenda_item__meeting=meeting)
    for entry in minutes.prefetch_related(
        Prefetch(
            "corrections",
            MinutesCorrection.objects.published().order_by("corrected_on", "pk"),
        )
    ):
        if entry.agenda_item_id in items:
            items[entry.agenda_item_id].minutes = entry
    decisions = Decision.objects.published().filter(agenda_item__meeting=meeting)
    for decision in decisions.order_by("sequence", "pk"):
        if decision.agenda_item_id in items:
            items[decision.agenda_item_id].decisions.append(decision)
    return {"items": list(items.values()), "meeting_papers": meeting_papers}


def published_paper_queryset():
    return Paper.objects.published()


# --- Decisions ----------------------------------------------------------------------------


def _consultations_prefetch():
    """The councils' consultations of a published decision (published with it)."""
    return Prefetch(
        "council_requirement__consultations",
        Consultation.objects.published().order_by("council_name", "pk"),
    )


def _groups_prefetch():
    return Prefetch("commissioned_groups", Body.objects.order_by("name", "pk"))


def published_decisions(*, body=None, year=None, status=None, group=None, overdue=False):
    """The public follow-up list, filtered like the members' one (and by year)."""
    qs = (
        Decision.objects.published()
        .select_related("body", "council_requirement")
        .prefetch_related(_groups_prefetch(), _consultations_prefetch())
    )
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if group is not None:
        qs = qs.filter(commissioned_groups__pk=group.pk)
    if overdue:
        qs = qs.overdue()
    return qs.order_by("-year", "-sequence", "body__short_code", "pk")


def decision_years() -> list[int]:
    return list(
        Decision.objects.published().order_by("-year").values_list("year", flat=True).distinct()
    )


def published_decision_queryset():
    return (
        Decision.objects.published()
        .select_related("body", "agenda_item__meeting", "council_requirement")
        .prefetch_related(
            _groups_prefetch(),
            _consultations_prefetch(),
            Prefetch(
                "progress",
                DecisionProgress.objects.published().order_by("-date", "-pk"),
                to_attr="public_progress",
            ),
        )
    )


# --- Findings and the matrix --------------------------------------------------------------


def published_findings(*, area=None, function=None, partner=None):
    qs = Finding.objects.published().select_related(
        "group__body", "function_area", "central_function"
    )
    if area is not None:
        qs = qs.filter(function_area=area)
    if function is not None:
        qs = qs.filter(central_function=function)
    if partner is not None:
        qs = qs.filter(partners=partner)
    return qs.order_by("function_area__position", "title", "pk")


def published_finding_queryset():
    return (
        Finding.objects.published()
        .select_related("group__body", "function_area", "central_function")
        .prefetch_related(
            Prefetch(
                "facilities",
                Facility.objects.select_related("partner").order_by("name", "pk"),
            ),
            Prefetch("partners", Partner.objects.order_by("name")),
        )
    )


def public_matrix() -> dict:
    """The function matrix over the facilities and the agreed findings: per cell the
    number of facilities and of agreed findings (linked to the public finding list),
    per area the need for action from agreed obstacles and recommendations. Six queries."""
    areas, partners = matrix_choices()
    counts, totals = facility_counts()
    published = Finding.objects.published()
    area_counts = {
        (row["function_area_id"], row["type"]): row["n"]
        for row in published.filter(type__in=(FindingType.OBSTACLE, FindingType.RECOMMENDATION))
        .values("function_area_id", "type")
        .annotate(n=Count("pk"))
        .order_by()
    }
    matrix = assemble_matrix(
        areas,
        partners,
        counts=counts,
        totals=totals,
        finding_counts=cell_finding_counts(published),
        area_counts=area_counts,
    )
    return {"matrix": matrix, "partners": partners, "areas": areas}


# --- Concept and reports ------------------------------------------------------------------


@dataclass
class PublicChapter:
    """A chapter as the office published it: never the working title or text."""

    pk: int
    position: int
    title: str
    text_html: str
    published_at: datetime.datetime


def _public_chapter(chapter: ConceptChapter) -> PublicChapter:
    return PublicChapter(
        pk=chapter.pk,
        position=chapter.position,
        title=chapter.published_title,
        text_html=render_markdown(chapter.published_text),
        published_at=chapter.published_at,
    )


def _published_chapters():
    return ConceptChapter.objects.published().only(
        "pk", "position", "published_title", "published_text", "published_at"
    )


def concept() -> dict:
    """The phase timeline and the published chapters in order. Two queries."""
    steps, current = phase_steps_and_current()
    chapters = [_public_chapter(c) for c in _published_chapters().order_by("position", "pk")]
    return {"steps": steps, "current_phase": current, "chapters": chapters}


def published_chapter(pk: int) -> PublicChapter | None:
    chapter = _published_chapters().filter(pk=pk).first()
    return _public_chapter(chapter) if chapter else None


def published_reports():
    return Document.objects.published().select_related("partner").order_by("-generated_at", "-pk")


def published_report_queryset():
    return Document.objects.published()


# --- Participation procedures (issue 15): published ones and those open to the public ---


def public_procedures():
    """Published procedures and those running open to the public, newest first."""
    return participation_selectors.public_procedures()


def public_procedure_queryset():
    return participation_selectors.public_procedures()


def public_procedure_page(procedure, page_number) -> dict:
    """A published procedure: its statements (without private contact data) with their
    weighing, a page at a time, and the table; one open to the public: its chapters put
    out. Never a statement of an unpublished procedure."""
    context = {"procedure": procedure, "page": None, "statements": [], "table": None}
    if procedure.is_published:
        page = Paginator(participation_selectors.public_statements(procedure), 20).get_page(
            page_number
        )
        context.update(
            page=page,
            statements=page.object_list,
            table=participation_selectors.published_table(procedure),
        )
    else:
        context["chapters"] = participation_selectors.public_chapters(procedure)
    return context


def published_table(procedure):
    return participation_selectors.published_table(procedure)


def public_chapters(procedure):
    """The chapters put out of a procedure open to the public."""
    return participation_selectors.public_chapters(procedure)
