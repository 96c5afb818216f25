"""Who may see and do what with working groups, findings and reports.

Rights come from `cooperation.permissions.sync_user_permissions`: members of the
group's body hold `act_as_member` on it, its lead `lead_body`, its office
`change_body` (the cooperation's office holds `change_body` on every body).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from cooperation.permissions import bodies_for_user
from core.permissions import has_perm_for
from meetings.permissions import can_see_confidential

from .models import Finding, FindingAttachment, FindingStatus, WorkingGroup, WorkingGroupReport

VIEW = "workinggroups.view_workinggroup"


def can_contribute(user, group: WorkingGroup) -> bool:
    """Members of the group write findings and discuss them."""
    return user.has_perm("cooperation.act_as_member", group.body)


def can_lead(user, group: WorkingGroup) -> bool:
    """The lead (or the office) agrees findings and reports to the board."""
    return user.has_perm("cooperation.lead_body", group.body) or has_perm_for(
        user, "cooperation.change_body", group.body
    )


def visible_findings(user, queryset=None):
    """Drafts only for the group's members; everything else for the whole cooperation."""
    queryset = queryset if queryset is not None else Finding.objects.all()
    if not user.has_perm(VIEW):
        return queryset.none()
    member_of = bodies_for_user(user, "cooperation.act_as_member")
    return queryset.filter(~Q(status=FindingStatus.DRAFT) | Q(group__body__in=member_of))


def can_see_finding(user, finding: Finding) -> bool:
    """`visible_findings` for one finding (its group's body loaded), without reading the
    user's bodies: a draft for those who act as members of its group's body (the
    permission for every body or on this one, as `bodies_for_user` grants it), from the
    per-request object-permission cache that the page's other gates share."""
    if not user.has_perm(VIEW):
        return False
    return not finding.is_draft or has_perm_for(
        user, "cooperation.act_as_member", finding.group.body
    )


def visible_group_findings(user, group: WorkingGroup):
    """`visible_findings` of one group's findings, without reading the user's bodies:
    its drafts for those who act as members of its body (the permission for every body
    or on this one, as `bodies_for_user` grants it). The rights on the group's body come
    from the per-request object-permission cache."""
    queryset = group.findings.all()
    if not user.has_perm(VIEW):
        return queryset.none()
    if has_perm_for(user, "cooperation.act_as_member", group.body):
        return queryset
    return queryset.exclude(status=FindingStatus.DRAFT)


def get_group_for_user(user, pk, *, queryset=None) -> WorkingGroup:
    qs = queryset if queryset is not None else WorkingGroup.objects.select_related("body")
    group = get_object_or_404(qs, pk=pk)
    if not user.has_perm(VIEW):
        raise Http404
    return group


def get_finding_for_user(user, pk, *, perm="view", queryset=None) -> Finding:
    """perm: "view", "change" (members of the group) or "lead" (lead or office)."""
    qs = queryset if queryset is not None else Finding.objects.select_related("group__body")
    finding = get_object_or_404(qs, pk=pk)
    if not can_see_finding(user, finding):
        raise Http404  # a draft: do not reveal that it exists
    if perm == "change" and not can_contribute(user, finding.group):
        raise PermissionDenied
    if perm == "lead" and not can_lead(user, finding.group):
        raise PermissionDenied
    return finding


def get_attachment_for_user(user, pk) -> FindingAttachment:
    """An attachment is seen by those who may see its finding; 404 for everyone else."""
    attachment = get_object_or_404(FindingAttachment.objects.select_related("finding"), pk=pk)
    get_finding_for_user(user, attachment.finding_id)
    return attachment


def get_report_for_user(user, pk, *, perm="view") -> WorkingGroupReport:
    report = get_object_or_404(
        WorkingGroupReport.objects.select_related("group__body", "agenda_item__meeting"), pk=pk
    )
    if not user.has_perm(VIEW):
        raise Http404
    group = report.group
    if report.submitted_at is None:
        # Unsubmitted reports are the working material of the group (and its lead/office).
        if not (can_contribute(user, group) or can_lead(user, group)):
            raise Http404
    elif report.agenda_item is not None and not report.agenda_item.is_public:
        # Submitted to a non-public item: as confidential as that item.
        body = report.agenda_item.meeting.body
        if not (can_contribute(user, group) or can_see_confidential(user, body)):
            raise Http404
    if perm == "lead" and not can_lead(user, report.group):
        raise PermissionDenied
    return report
