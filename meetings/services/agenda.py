"""Writes for the agenda: items and their order, and the members' proposals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.services import apply_changes, save_tracked

from ..models import AgendaItem, AgendaProposal, Meeting, ProposalStatus
from . import invitations
from .meetings import notify_update, refuse_if_closed


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, title: str, actor, **data) -> AgendaItem:
    refuse_if_closed(meeting)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, title=title, position=last + 1, **data)
    save_tracked(item, actor=actor)
    notify_update(meeting, actor)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, data: dict, actor) -> AgendaItem:
    refuse_if_closed(item.meeting)
    changed = apply_changes(item, data)
    if changed:
        save_tracked(item, actor=actor, update_fields=changed)
        notify_update(item.meeting, actor)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool, actor) -> AgendaItem:
    """Move an item one place up or down (swap with its neighbour)."""
    meeting = item.meeting
    refuse_if_closed(meeting)
    items = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            if other.position != position:
                other.position = position
                other._history_user = actor
                other.save(update_fields=["position", "modified"])
        notify_update(meeting, actor)
    item.refresh_from_db()
    return item


@transaction.atomic
def proposal_create(*, meeting: Meeting, proposed_by, title: str, actor, **data) -> AgendaProposal:
    refuse_if_closed(meeting)
    if not meeting.accepts_proposals:
        raise ValidationError(
            _("The meeting has been held; please propose the item for a later one."), code="held"
        )
    proposal = AgendaProposal(meeting=meeting, proposed_by=proposed_by, title=title, **data)
    save_tracked(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_decide(
    *, proposal: AgendaProposal, accept: bool, reason: str, actor, notify: bool = True
):
    """Accept (the proposal becomes an agenda item) or decline with a reason; the proposer
    is told by e-mail after commit unless `notify` is off (demo data records the past)."""
    if not proposal.is_pending:
        raise ValidationError(_("This proposal has already been decided."), code="decided")
    if not accept and not reason.strip():
        raise ValidationError(
            {"reason": _("Please tell the proposer why the item is declined.")},
            code="reason_missing",
        )
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.reason = reason
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    if accept:
        proposal.agenda_item = agenda_item_create(
            meeting=proposal.meeting,
            title=proposal.title,
            description=proposal.description,
            is_public=proposal.is_public,
            presenter=proposal.proposed_by,
            actor=actor,
        )
    save_tracked(proposal, actor=actor)
    if notify:
        transaction.on_commit(lambda: invitations.send_proposal_outcome(proposal), robust=True)
    return proposal
