"""Small helpers shared by every app's permission gates, and the membership mixin."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render

from .backends import PARTICIPANT_CACHE


def has_perm_for(user, perm: str, obj) -> bool:
    """True when the user holds `perm` for the whole model (through a role group)
    or for this one object (a django-guardian object permission).

    Django's ModelBackend answers model-level questions only and guardian's
    backend object-level ones only, so a gate asks both.
    """
    return user.has_perm(perm) or user.has_perm(perm, obj)


def is_member(user) -> bool:
    """A member of the cooperation: someone with any role.

    Every role grants `settings.MEMBER_PERMISSION` (the members' role group of
    `cooperation.permissions.sync_user_permissions`); core names it only as a setting
    so that it imports nothing of the apps above it."""
    return user.is_authenticated and user.has_perm(settings.MEMBER_PERMISSION)


def is_participant_account(user) -> bool:
    """An account in `settings.PARTICIPANT_GROUP`: an organisation invited to
    participation procedures. Asked once per request (kept on the user object like its
    permissions; `core.backends.forget_permissions` drops it)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, PARTICIPANT_CACHE, None)
    if cached is None:
        cached = user.groups.filter(name=settings.PARTICIPANT_GROUP).exists()
        setattr(user, PARTICIPANT_CACHE, cached)
    return cached


def no_access_response(request, status=403):
    return render(request, "no_access.html", status=status)


class MemberRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to login; users without any role see the no-access page (403).

    Put it first among a view's bases: it answers before the view's own gate runs."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_member(request.user):
            return no_access_response(request)
        return super().dispatch(request, *args, **kwargs)
