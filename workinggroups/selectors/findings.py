"""Reads for the findings pages; drafts are filtered through `visible_findings`."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from cooperation.models import Partner
from core.publication import published_flag
from functions.models import CentralFunction, Facility, FunctionArea

from ..models import Finding, FindingAttachment, FindingComment, WorkingGroup
from ..permissions import visible_findings


def finding_rows(qs):
    return qs.select_related("group__body", "function_area", "central_function", "author")


def finding_list(
    user, *, group=None, type=None, status=None, area=None, function=None, partner=None
):
    """The findings the user may see, filtered; `function` is the central function,
    `partner` a partner the finding concerns (the matrix cell's link sets both)."""
    qs = finding_rows(visible_findings(user))
    if group is not None:
        qs = qs.filter(group=group)
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    if area is not None:
        qs = qs.filter(function_area=area)
    if function is not None:
        qs = qs.filter(central_function=function)
    if partner is not None:
        # A finding concerns a partner once at most: no duplicate rows.
        qs = qs.filter(partners=partner)
    return qs.order_by("-modified", "-pk")


def finding_filter_choices() -> dict:
    """The filters' choices: groups, areas with their functions, partners. Four queries."""
    return {
        "groups": list(WorkingGroup.objects.select_related("body").order_by("body__name")),
        "areas": list(
            FunctionArea.objects.order_by("position", "name").prefetch_related(
                Prefetch("functions", CentralFunction.objects.order_by("position", "name"))
            )
        ),
        "partners": list(Partner.objects.in_display_order()),
    }


def finding_detail_queryset():
    """The finding page's finding with what it shows. Whether it has any attachments is
    asked in the finding's own row: most have none, and then they are not read."""
    return Finding.objects.annotate(
        is_published=published_flag(Finding),
        has_attachments=Exists(FindingAttachment.objects.filter(finding=OuterRef("pk"))),
    ).select_related(
        "group__body", "group__lead_partner", "function_area", "central_function", "author"
    )


def finding_page_rows(finding: Finding) -> list[FindingAttachment]:
    """Read the facilities, partners and comments of `finding` (from
    `finding_detail_queryset`) into its caches; its attachments, returned, only if it
    has any."""
    prefetch_related_objects(
        [finding],
        Prefetch(
            "facilities",
            Facility.objects.select_related("partner", "central_function").order_by("name", "pk"),
        ),
        Prefetch("partners", Partner.objects.in_display_order()),
        Prefetch("comments", FindingComment.objects.select_related("author")),
    )
    if not finding.has_attachments:
        return []
    return list(finding.attachments.select_related("uploaded_by"))


def facility_choices():
    """Facilities for the finding form, grouped by central-place function."""
    return Facility.objects.select_related("partner", "central_function__area").order_by(
        "central_function__area__position",
        "central_function__position",
        "central_function__name",
        "name",
        "pk",
    )


def central_function_choices():
    return CentralFunction.objects.select_related("area").order_by(
        "area__position", "position", "name"
    )
