from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cooperation.models import Partner
from cooperation.permissions import partners_for_user
from core.permissions import has_perm_for

from .models import Facility


def can_manage_facilities_of(user, partner: Partner) -> bool:
    """A partner's administrators manage the facilities located in that partner."""
    return user.has_perm("functions.change_facility") or has_perm_for(
        user, "cooperation.manage_facilities", partner
    )


def partners_with_facility_rights(user):
    """Territorial partners in which the user may create or change facilities."""
    if user.has_perm("functions.change_facility"):
        partners = Partner.objects.all()
    else:
        partners = partners_for_user(user, "cooperation.manage_facilities")
    return partners.active().territorial().in_display_order()


def can_add_facility(user) -> bool:
    return partners_with_facility_rights(user).exists()


def get_facility_for_user(user, pk, *, perm="view", queryset=None) -> Facility:
    qs = queryset if queryset is not None else Facility.objects.select_related("partner")
    facility = get_object_or_404(qs, pk=pk)
    if not has_perm_for(user, "functions.view_facility", facility):
        raise Http404
    if perm == "change" and not can_manage_facilities_of(user, facility.partner):
        raise PermissionDenied
    return facility
