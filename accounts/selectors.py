"""Reads for the office's pages on second factors and lock-outs."""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import LockoutLift, SecondFactorReset, User

RECENT = 20


def users_with_second_factor(*, query: str = ""):
    users = User.objects.filter(is_active=True).annotate(
        enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
        )
    return users.only("pk", "username", "display_name", "first_name", "last_name").order_by(
        "display_name", "username", "pk"
    )


def user_for_reset(pk) -> User:
    return get_object_or_404(User.objects.filter(is_active=True), pk=pk)


def recent_second_factor_resets():
    return list(SecondFactorReset.objects.select_related("user", "actor")[:RECENT])


def recent_lockout_lifts():
    return list(LockoutLift.objects.select_related("actor")[:RECENT])
