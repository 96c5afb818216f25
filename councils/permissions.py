"""Who may see and record council consultations.

Seeing follows the decision: whoever may see the decision (every member for a public
item, the body's members and the office for a non-public one) sees its consultations.
Recording a council's consultation is the right of that partner's administrators:
the object permission `cooperation.change_partner` on the partner, which
`cooperation.permissions.sync_user_permissions` grants to every partner
administrator, and the office's model-level `change_partner` (its role group). No
new grant is needed: a new administrator records at once, a removed one no longer.
Requiring councils for a decision is the office's (of the deciding body).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cooperation.permissions import partner_ids_changeable_by
from core.permissions import has_perm_for
from meetings.permissions import can_manage, can_see_decision

from .models import Consultation, MinutesExtract

RECORD = "cooperation.change_partner"


def can_record(user, consultation: Consultation) -> bool:
    """The partner's administrators and the office."""
    return has_perm_for(user, RECORD, consultation.partner)


def can_require_councils(user, decision) -> bool:
    return can_manage(user, decision.body)


def partners_recordable_by(user) -> set[int]:
    """The partners whose consultations the user records (one query; all for the office)."""
    return partner_ids_changeable_by(user)


def consultation_queryset():
    return Consultation.objects.select_related(
        "partner",
        "requirement__decision__body",
        "requirement__decision__agenda_item__meeting",
    )


def get_consultation_for_user(user, pk, *, perm="view", queryset=None) -> Consultation:
    consultation = get_object_or_404(
        queryset if queryset is not None else consultation_queryset(), pk=pk
    )
    if not can_see_decision(user, consultation.requirement.decision):
        raise Http404
    if perm == "change" and not can_record(user, consultation):
        raise PermissionDenied
    return consultation


def get_extract_for_user(user, pk) -> MinutesExtract:
    extract = get_object_or_404(
        MinutesExtract.objects.select_related(
            "consultation__requirement__decision__body",
            "consultation__requirement__decision__agenda_item",
        ),
        pk=pk,
    )
    if not can_see_decision(user, extract.consultation.requirement.decision):
        raise Http404
    return extract
