"""Reads for the function catalogue and the facilities (the matrix: `workinggroups.matrix`)."""

from __future__ import annotations

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
        # Working groups belong to a higher layer, which functions never imports: the
        # reverse relation names their model.
        Prefetch(
            "working_groups",
            FunctionArea._meta.get_field("working_groups").related_model.objects.select_related(
                "body"
            ),
            to_attr="groups",
        ),
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
