"""Who may read and keep a partner's needs, offers, strengths and weaknesses.

Every member of the cooperation reads them (they are what the partners tell each
other). Only the partner's own administrators keep them: the object permission
`cooperation.change_partner` that `cooperation.permissions.sync_user_permissions`
grants for a staff link with `is_admin`. The office's model-level `change_partner`
(status, kind, activity of partners) does not reach them on purpose: a partner's
needs and offers are its own word. `winwin.change_profileentry` at model level
(technical administrators only) does.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cooperation.models import Partner
from cooperation.permissions import get_partner_for_user
from functions.models import FunctionArea

from .models import ProfileEntry

MODEL_PERM = "winwin.change_profileentry"


def can_keep_profile(user, partner: Partner) -> bool:
    # `user.has_perm(perm, obj)` asks the object-permission backend only (Django's
    # ModelBackend answers False for an object), so the office's model-level
    # `change_partner` does not count here.
    return user.has_perm(MODEL_PERM) or user.has_perm("cooperation.change_partner", partner)


def get_profile_partner_for_user(user, pk, *, perm="view", queryset=None) -> Partner:
    """The partner whose profile is asked for: 404 for who may not see partners, 403
    for who may see but not keep it."""
    partner = get_partner_for_user(user, pk, queryset=queryset)
    if perm == "change" and not can_keep_profile(user, partner):
        raise PermissionDenied
    return partner


def get_entry_for_user(user, pk, *, perm="view", queryset=None) -> ProfileEntry:
    qs = queryset if queryset is not None else ProfileEntry.objects.select_related("partner")
    entry = get_object_or_404(qs, pk=pk)
    if not user.has_perm("cooperation.view_partner"):
        raise Http404
    if perm == "change" and not can_keep_profile(user, entry.partner):
        raise PermissionDenied
    return entry


def get_area_for_user(user, pk) -> FunctionArea:
    area = get_object_or_404(FunctionArea, pk=pk)
    if not user.has_perm("functions.view_functionarea"):
        raise Http404
    return area
