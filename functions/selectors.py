"""Reads for the function catalogue, the facilities and the function matrix."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from cooperation.models import Partner

from .models import CentralFunction, Facility, FunctionArea


def catalogue():
    return FunctionArea.objects.prefetch_related(
        Prefetch(
            "functions",
            CentralFunction.objects.annotate(facility_count=Count("facilities")).order_by(
                "position", "name"
            ),
        ),
        Prefetch("working_groups", to_attr="groups"),
        "working_groups__body",
    )


def facility_list(*, area=None, function=None, partner=None):
    qs = Facility.objects.select_related("central_function__area", "partner").order_by(
        "central_function__area__position", "central_function__position", "name", "pk"
    )
    if area is not None:
        qs = qs.filter(central_function__area=area)
    if function is not None:
        qs = qs.filter(central_function=function)
    if partner is not None:
        qs = qs.filter(partner=partner)
    return qs


def facility_detail_queryset():
    return Facility.objects.select_related("central_function__area", "partner")


def filter_choices():
    return {
        "areas": list(FunctionArea.objects.order_by("position", "name")),
        "functions": list(CentralFunction.objects.select_related("area")),
        "partners": list(Partner.objects.territorial().in_display_order()),
    }


@dataclass
class MatrixCell:
    partner: Partner
    count: int


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

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if row.is_gap)


def function_matrix() -> tuple[list[Partner], list[MatrixArea]]:
    """Central functions (rows, grouped by area) x territorial partners (columns).

    Three queries whatever the number of facilities: areas with functions,
    partners, and the facility counts per (function, partner).
    """
    areas = list(
        FunctionArea.objects.order_by("position", "name").prefetch_related(
            Prefetch("functions", CentralFunction.objects.order_by("position", "name"))
        )
    )
    partners = list(Partner.objects.active().territorial().in_display_order())
    counts = {
        (row["central_function_id"], row["partner_id"]): row["n"]
        for row in Facility.objects.values("central_function_id", "partner_id").annotate(
            n=Count("id")
        )
    }
    matrix = []
    for area in areas:
        rows = []
        for function in area.functions.all():
            cells = [MatrixCell(p, counts.get((function.pk, p.pk), 0)) for p in partners]
            total = sum(n for (fid, _), n in counts.items() if fid == function.pk)
            rows.append(MatrixRow(function, cells, total))
        matrix.append(MatrixArea(area, rows))
    return partners, matrix
