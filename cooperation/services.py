"""Writes to the cooperation's core data. Views and forms only parse input and call these.

Every service validates with `full_clean()`, runs in a transaction, records the
acting user (and a change reason where it helps a reader of the history) and
keeps permissions in step with memberships and staff links.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.tracking import apply_changes, save_tracked

from .models import (
    Body,
    CooperationPhase,
    Membership,
    Partner,
    PartnerStaff,
    RulesOfProcedure,
    SpatialPlanningContract,
    rules_for,
)
from .permissions import sync_user_permissions


@transaction.atomic
def partner_create(*, actor, **data) -> Partner:
    partner = Partner(**data)
    save_tracked(partner, actor=actor)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, data: dict, actor, reason: str | None = None) -> Partner:
    changed = apply_changes(partner, data)
    if not changed:
        return partner
    save_tracked(partner, actor=actor, reason=reason, update_fields=changed)
    if "is_active" in changed:
        for link in partner.staff.select_related("user"):
            sync_user_permissions(link.user, actor=actor)
    return partner


@transaction.atomic
def contract_update(
    *, contract: SpatialPlanningContract, data: dict, actor, reason: str | None = None
) -> SpatialPlanningContract:
    """Change the contract's fields and its parties (both recorded in the history)."""
    data = dict(data)
    parties = data.pop("parties", None)
    changed = apply_changes(contract, data)
    if changed:
        save_tracked(contract, actor=actor, reason=reason, update_fields=changed)
    if parties is not None:
        wanted = {party.pk for party in parties}
        if set(contract.parties.values_list("pk", flat=True)) != wanted:
            # The history tracks the parties: the change is a record of its own.
            contract._history_user = actor
            if reason:
                contract._change_reason = reason
            contract.parties.set(wanted)
    return contract


@transaction.atomic
def staff_link_set(
    *, user, partner: Partner, actor, is_admin: bool = False, position: str = ""
) -> PartnerStaff:
    """Link a user to a partner (or update the link) and grant what follows from it."""
    link = PartnerStaff.objects.filter(user=user, partner=partner).first()
    if link is None:
        link = PartnerStaff(user=user, partner=partner, is_admin=is_admin, position=position)
        save_tracked(link, actor=actor)
    else:
        changed = apply_changes(link, {"is_admin": is_admin, "position": position})
        if changed:
            save_tracked(link, actor=actor, update_fields=changed)
    sync_user_permissions(user, actor=actor)
    return link


@transaction.atomic
def staff_link_delete(*, link: PartnerStaff, actor) -> None:
    user = link.user
    link._history_user = actor
    link.delete()
    sync_user_permissions(user, actor=actor)


@transaction.atomic
def body_update(*, body: Body, data: dict, actor, reason: str | None = None) -> Body:
    changed = apply_changes(body, data)
    if changed:
        save_tracked(body, actor=actor, reason=reason, update_fields=changed)
        if "is_active" in changed:
            for membership in body.memberships.select_related("user"):
                sync_user_permissions(membership.user, actor=actor)
    return body


@transaction.atomic
def rules_of_procedure_update(*, body: Body, data: dict, actor) -> RulesOfProcedure:
    """Change a body's rules of procedure: the quorum rule on the body, the rest in its
    `RulesOfProcedure` row (created on the first change). Both histories record it
    with the same reason. Decisions already recorded keep the rule they were taken
    under (`Decision.majority`), held meetings their frozen quorum."""
    data = dict(data)
    reason = _("Rules of procedure changed")
    if "quorum_rule" in data:
        body_update(
            body=body, data={"quorum_rule": data.pop("quorum_rule")}, actor=actor, reason=reason
        )
    rules = rules_for(body)
    if rules.pk is None:
        for name, value in data.items():
            setattr(rules, name, value)
        save_tracked(rules, actor=actor, reason=reason)
        return rules
    changed = apply_changes(rules, data)
    if changed:
        save_tracked(rules, actor=actor, reason=reason, update_fields=changed)
    return rules


@transaction.atomic
def membership_create(
    *,
    user,
    body: Body,
    role: str,
    actor,
    partner: Partner | None = None,
    deputy_for: Membership | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Membership:
    membership = Membership(
        user=user,
        body=body,
        role=role,
        partner=partner,
        deputy_for=deputy_for,
        valid_until=valid_until,
    )
    if valid_from is not None:
        membership.valid_from = valid_from
    save_tracked(membership, actor=actor)
    sync_user_permissions(user, actor=actor)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, data: dict, actor) -> Membership:
    changed = apply_changes(membership, data)
    if changed:
        save_tracked(membership, actor=actor, update_fields=changed)
        sync_user_permissions(membership.user, actor=actor)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: datetime.date, actor) -> Membership:
    """End a membership (kept for the record, never deleted)."""
    membership.valid_until = on
    save_tracked(
        membership,
        actor=actor,
        reason=_("Membership ended"),
        update_fields=["valid_until"],
    )
    sync_user_permissions(membership.user, actor=actor)
    return membership


@transaction.atomic
def phase_record(*, phase: str, since: datetime.date, reason: str, actor) -> CooperationPhase:
    entry = CooperationPhase(phase=phase, since=since, reason=reason)
    save_tracked(entry, actor=actor)
    return entry
