"""Who may see and do what with meetings and decisions.

Everything derives from the rights `cooperation.permissions.sync_user_permissions`
grants: the shared record (role group), `act_as_member`, `chair_body`,
`lead_body` and `change_body` on bodies (object permissions), and the office's
model-level rights (role group).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cooperation.models import Body
from cooperation.permissions import bodies_for_user
from core.backends import object_permissions
from core.permissions import has_perm_for

from .models import (
    AgendaItem,
    AgendaProposal,
    Decision,
    Meeting,
    Paper,
    ProcedurePaper,
    WrittenProcedure,
)

VIEW = "meetings.view_meeting"
CONFIDENTIAL = "meetings.view_confidential_agendaitem"


@dataclass(frozen=True)
class BodyRights:
    """All of a user's rights on one body, from one object-permission lookup (2 queries)."""

    see_confidential: bool
    manage: bool
    propose: bool
    chair: bool


def body_rights(user, body: Body) -> BodyRights:
    perms = object_permissions(user, body)
    return BodyRights(
        see_confidential=user.has_perm(CONFIDENTIAL) or "act_as_member" in perms,
        manage=user.has_perm("cooperation.change_body") or "change_body" in perms,
        propose="act_as_member" in perms,
        chair="chair_body" in perms,
    )


def can_view_meetings(user) -> bool:
    return user.has_perm(VIEW)


def can_see_confidential(user, body: Body) -> bool:
    """Non-public items, their papers and minutes: the body's members and the office."""
    return user.has_perm(CONFIDENTIAL) or user.has_perm("cooperation.act_as_member", body)


def can_manage(user, body: Body) -> bool:
    """Prepare and record meetings of the body: the office (of the board, or of this body)."""
    return has_perm_for(user, "cooperation.change_body", body)


def can_propose(user, body: Body) -> bool:
    return user.has_perm("cooperation.act_as_member", body)


def can_override_quorum(user, body: Body) -> bool:
    return user.has_perm("cooperation.chair_body", body)


def can_update_decision(user, decision: Decision) -> bool:
    """The office of the deciding body, or the lead of a commissioned working group;
    nobody for a rejected motion (no task, nothing to report)."""
    if decision.is_rejected:
        return False
    if can_manage(user, decision.body):
        return True
    group_bodies = [group.pk for group in decision.commissioned_groups.all()]
    return bool(group_bodies) and (
        bodies_for_user(user, "cooperation.lead_body").filter(pk__in=group_bodies).exists()
    )


def decisions_updatable_by(user, decisions) -> set[int]:
    """`can_update_decision` for a whole list in a fixed number of queries: the ids of
    the decisions the user may update. The rights on the deciding bodies come from the
    per-request object-permission cache; prefetch them for all those bodies at once
    (`core.backends.prefetch_object_permissions`), else it reads two queries per body.
    The commissioned groups are read (one query) only for the decisions the user does
    not manage, and only when the user leads a body: `bodies_for_user(user,
    "cooperation.lead_body")`, the rule of `can_update_decision` (remembered per
    request: nothing is read for a user who leads none)."""
    managed: dict[int, bool] = {}
    updatable = set()
    others = []
    for decision in decisions:
        if decision.is_rejected:
            continue
        if decision.body_id not in managed:
            managed[decision.body_id] = can_manage(user, decision.body)
        if managed[decision.body_id]:
            updatable.add(decision.pk)
        else:
            others.append(decision.pk)
    leads = bodies_for_user(user, "cooperation.lead_body") if others else None
    if leads is not None and not leads.query.is_empty():
        commissions = Decision.commissioned_groups.through.objects.filter(
            decision_id__in=others, body__in=leads
        )
        updatable.update(commissions.values_list("decision_id", flat=True))
    return updatable


def _check(obj, user, body, perm):
    if not can_view_meetings(user):
        raise Http404
    if perm == "change" and not can_manage(user, body):
        raise PermissionDenied
    return obj


def get_meeting_for_user(user, pk, *, perm="view", queryset=None) -> Meeting:
    qs = queryset if queryset is not None else Meeting.objects.select_related("body")
    meeting = get_object_or_404(qs, pk=pk)
    return _check(meeting, user, meeting.body, perm)


def get_agenda_item_for_user(user, pk, *, perm="view") -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    body = item.meeting.body
    if not item.is_public and not can_see_confidential(user, body):
        raise Http404  # do not reveal that a non-public item exists
    return _check(item, user, body, perm)


def get_proposal_for_user(user, pk, *, perm="change") -> AgendaProposal:
    """Deciding on a proposal is the office's: perm "change" on its meeting."""
    proposal = get_object_or_404(
        AgendaProposal.objects.select_related("meeting__body", "proposed_by"), pk=pk
    )
    get_meeting_for_user(user, proposal.meeting_id, perm=perm)
    return proposal


def get_paper_for_user(user, pk, *, perm="view") -> Paper:
    """perm "change": withholding it from publication, the office's (of its body)."""
    paper = get_object_or_404(Paper.objects.select_related("meeting__body", "agenda_item"), pk=pk)
    if not paper.is_public and not can_see_confidential(user, paper.meeting.body):
        raise Http404
    return _check(paper, user, paper.meeting.body, perm)


def can_see_decision(user, decision: Decision) -> bool:
    """A decision on a public item for every member of the cooperation; one on a
    non-public item, or of a written procedure, for the body's members and the office."""
    if not can_view_meetings(user):
        return False
    return decision.is_public or can_see_confidential(user, decision.body)


def get_decision_for_user(user, pk, *, perm="view", queryset=None) -> Decision:
    qs = queryset if queryset is not None else Decision.objects.select_related("body")
    decision = get_object_or_404(qs.select_related("agenda_item"), pk=pk)
    if not can_see_decision(user, decision):
        raise Http404
    if perm == "change" and not can_update_decision(user, decision):
        raise PermissionDenied
    return decision


def get_procedure_for_user(user, pk, *, perm="view", queryset=None) -> WrittenProcedure:
    """A written procedure: seen by the body's members and the office (404 for anyone
    else, like a non-public item); `perm="change"` (close it) for the office only."""
    qs = queryset if queryset is not None else WrittenProcedure.objects.select_related("body")
    procedure = get_object_or_404(qs, pk=pk)
    if not can_view_meetings(user) or not can_see_confidential(user, procedure.body):
        raise Http404
    if perm == "change" and not can_manage(user, procedure.body):
        raise PermissionDenied
    return procedure


def get_procedure_paper_for_user(user, pk) -> ProcedurePaper:
    """A written procedure's paper, for those who see the procedure (404 otherwise)."""
    paper = get_object_or_404(ProcedurePaper.objects.select_related("procedure__body"), pk=pk)
    if not can_view_meetings(user) or not can_see_confidential(user, paper.procedure.body):
        raise Http404
    return paper
