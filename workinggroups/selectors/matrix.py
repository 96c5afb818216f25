"""The function matrix: central-place functions (rows, by area) x partners (columns),
with the facilities and the number of findings in each cell and each area's need for action.

It lives with the findings it counts; the internal and the public matrix page count the
findings per cell with the same `cell_finding_counts`, and both pages and the council
report (`documents.council_report`) assemble the matrix with the same `assemble_matrix`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext, ngettext

from cooperation.models import Partner
from functions.models import CentralFunction, Facility, FunctionArea

from ..models import FindingStatus, FindingType
from ..permissions import visible_findings


@dataclass
class MatrixCell:
    """One (function, partner) cell: `count` facilities, `finding_count` findings
    concerning it; `findings` holds the findings themselves only where the caller
    handed them over (the council report)."""

    partner: Partner
    count: int
    findings: list = field(default_factory=list)
    finding_count: int = 0


@dataclass
class MatrixRow:
    function: CentralFunction
    cells: list[MatrixCell]
    total: int

    @property
    def is_gap(self) -> bool:
        return self.total == 0


@dataclass
class MatrixArea:
    area: FunctionArea
    rows: list[MatrixRow]
    obstacles: int = 0
    recommendations: int = 0

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if row.is_gap)

    @property
    def needs_action(self) -> bool:
        return bool(self.obstacles or self.recommendations or self.gap_count)

    @property
    def need_for_action(self) -> str:
        """The mark in words (never colour only): why this area needs action."""
        reasons = []
        if self.obstacles:
            reasons.append(
                ngettext("%(count)d obstacle", "%(count)d obstacles", self.obstacles)
                % {"count": self.obstacles}
            )
        if self.recommendations:
            reasons.append(
                ngettext(
                    "%(count)d recommendation", "%(count)d recommendations", self.recommendations
                )
                % {"count": self.recommendations}
            )
        if self.gap_count:
            reasons.append(
                ngettext(
                    "%(count)d function without facility",
                    "%(count)d functions without facility",
                    self.gap_count,
                )
                % {"count": self.gap_count}
            )
        if not reasons:
            return gettext("No need for action recognised")
        return gettext("Need for action: %(reasons)s") % {"reasons": ", ".join(reasons)}


def matrix_choices() -> tuple[list[FunctionArea], list[Partner]]:
    """All areas (with their functions) and the active territorial partners: the
    matrix's blocks and columns, and the filter form's choices. Three queries."""
    areas = list(
        FunctionArea.objects.order_by("position", "name").prefetch_related(
            Prefetch("functions", CentralFunction.objects.order_by("position", "name"))
        )
    )
    partners = list(Partner.objects.active().territorial().in_display_order())
    return areas, partners


def function_matrix(
    user, *, areas: list[FunctionArea], partners: list[Partner]
) -> list[MatrixArea]:
    """Central functions (rows, grouped by area) x partners (columns), with the
    number of facilities and of findings the user may see in each cell, and each
    area's need for action.

    `areas` and `partners` come from `matrix_choices()` (filtered by the caller).
    Three queries whatever the number of facilities and findings: facility counts
    per (function, partner), visible findings per (function, partner) from the
    findings' partner table, and open obstacles/recommendations per area.
    """
    counts, totals = facility_counts()
    visible = visible_findings(user)

    # Obstacles and recommendations shared for discussion or agreed are "open": they
    # call for action in their area until the board takes them up.
    open_findings: dict[tuple[int, str], int] = {
        (row["function_area_id"], row["type"]): row["n"]
        for row in visible.filter(
            status__in=(FindingStatus.DISCUSSION, FindingStatus.AGREED),
            type__in=(FindingType.OBSTACLE, FindingType.RECOMMENDATION),
        )
        .values("function_area_id", "type")
        .annotate(n=Count("pk"))
        .order_by()
    }

    return assemble_matrix(
        areas,
        partners,
        counts=counts,
        totals=totals,
        finding_counts=cell_finding_counts(visible),
        area_counts=open_findings,
    )


def cell_finding_counts(findings) -> dict[tuple[int, int], int]:
    """The number of `findings` (a Finding queryset: the visible or the published ones)
    per (central function pk, partner pk): a finding counts in every cell of its
    central function and of a partner it concerns; findings without a central
    function are in no cell. One query, whatever the number of findings, that reads the
    findings once (joined to the partners they concern, not a list of their keys
    matched against the partner table: that read the wide findings table twice)."""
    return {
        (row["central_function_id"], row["partners"]): row["n"]
        for row in findings.filter(central_function__isnull=False, partners__isnull=False)
        .values("central_function_id", "partners")
        .annotate(n=Count("pk"))
        .order_by()
    }


def facility_counts() -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """Facilities per (function, partner) and per function, from one query."""
    counts = {
        (row["central_function_id"], row["partner_id"]): row["n"]
        for row in Facility.objects.values("central_function_id", "partner_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    totals: dict[int, int] = defaultdict(int)
    for (function_id, _partner_id), n in counts.items():
        totals[function_id] += n
    return counts, totals


def assemble_matrix(
    areas,
    partners,
    *,
    counts,
    totals,
    area_counts,
    finding_counts=None,
    cell_findings=None,
) -> list[MatrixArea]:
    """The matrix's rows and cells from data already read (no queries): facility counts
    per (function, partner), the findings per cell, and obstacles/recommendations per
    (area, type) for the need-for-action mark. `areas` carry their functions prefetched.

    The findings per cell are given either as counts (`finding_counts`, from
    `cell_finding_counts`: the matrix pages) or as lists (`cell_findings`: the council
    report, which names them); a cell's `finding_count` is then the list's length."""
    cell_findings = cell_findings or {}
    if finding_counts is None:
        finding_counts = {key: len(found) for key, found in cell_findings.items()}
    matrix = []
    for area in areas:
        rows = []
        for function in area.functions.all():
            cells = [
                MatrixCell(
                    p,
                    counts.get((function.pk, p.pk), 0),
                    cell_findings.get((function.pk, p.pk)) or [],
                    finding_counts.get((function.pk, p.pk), 0),
                )
                for p in partners
            ]
            rows.append(MatrixRow(function, cells, totals.get(function.pk, 0)))
        matrix.append(
            MatrixArea(
                area,
                rows,
                obstacles=area_counts.get((area.pk, FindingType.OBSTACLE), 0),
                recommendations=area_counts.get((area.pk, FindingType.RECOMMENDATION), 0),
            )
        )
    return matrix
