"""The second factor (django-otp): enrolment, verification, recovery codes and resets.

A person enrols one TOTP device (an authenticator app) and gets ten recovery codes (a
django-otp static device), each valid once. After the password the session is
unverified until a code from either is entered (`verify`); the time of the last check
is kept in the session, so that sensitive actions can ask again when it is older than
OTP_FRESH_SECONDS (accounts.mixins.FreshSecondFactorMixin).
"""

from __future__ import annotations

import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from django_otp.util import hex_validator

from . import signals
from .models import SecondFactorReset

VERIFIED_AT_SESSION_KEY = "otp_verified_at"
SETUP_KEY_SESSION_KEY = "otp_setup_key"
NEW_CODES_SESSION_KEY = "otp_new_recovery_codes"
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator-App"
RECOVERY_NAME = "Wiederherstellungscodes"


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mark_verified(request, device) -> None:
    """The session has passed the second factor now (login step 2 or a fresh check).
    The session gets a new key: the one issued after the password alone never carries
    the verified state."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[VERIFIED_AT_SESSION_KEY] = time.time()


def is_fresh(request) -> bool:
    """Whether the session's last second-factor check is recent enough for a sensitive
    action (OTP_FRESH_SECONDS)."""
    user = request.user
    if not (user.is_authenticated and user.is_verified()):
        return False
    verified_at = request.session.get(VERIFIED_AT_SESSION_KEY)
    if not isinstance(verified_at, int | float):
        return False
    return 0 <= time.time() - verified_at <= settings.OTP_FRESH_SECONDS


# --- Enrolment ------------------------------------------------------------------------


def setup_key(request) -> str:
    """The secret offered for enrolment, kept in the session until it is confirmed (so
    that reloading the page does not change the QR code and nothing is stored before)."""
    key = request.session.get(SETUP_KEY_SESSION_KEY)
    try:
        hex_validator(20)(key or "")
    except ValidationError:
        key = default_key()
        request.session[SETUP_KEY_SESSION_KEY] = key
    return key


def provisioning_device(user, key: str) -> TOTPDevice:
    """An unsaved device with `key`, for its otpauth:// address and the QR code."""
    return TOTPDevice(user=user, key=key, name=TOTP_NAME)


def qr_code_svg(uri: str) -> str:
    """The QR code of `uri` as an SVG path, rendered here: no outside service sees it.
    The output holds only path data and the fixed attributes of qrcode's SVG factory."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def enrol(*, request, key: str, token: str) -> list[str]:
    """Confirm the authenticator app with a code it shows; returns the recovery codes
    (shown once). Raises ValidationError on a wrong code."""
    user = request.user
    if is_enrolled(user):
        raise ValidationError(_("A second factor is already set up."), code="enrolled")
    candidate = provisioning_device(user, key)
    totp = TOTP(candidate.bin_key, candidate.step, candidate.t0, candidate.digits, candidate.drift)
    totp.time = time.time()
    if not _matches(totp, token, candidate.tolerance):
        raise ValidationError(
            _("The code is not correct. Enter the current six-digit code of the app."),
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, key=key, name=TOTP_NAME, confirmed=True, last_t=totp.t()
    )
    codes = _new_recovery_codes(user)
    request.session.pop(SETUP_KEY_SESSION_KEY, None)
    mark_verified(request, device)
    transaction.on_commit(
        lambda: signals.second_factor_enrolled.send(
            sender=TOTPDevice, user=user, actor=user, request=request
        )
    )
    return codes


def _matches(totp: TOTP, token: str, tolerance: int) -> bool:
    token = (token or "").strip().replace(" ", "")
    if not token.isdigit() or len(token) > 10:
        return False
    return totp.verify(int(token), tolerance)


# --- Verification ---------------------------------------------------------------------


def verify(*, request, token: str) -> bool:
    """Check a code from the app or an unused recovery code (which is then used up) and
    mark the session verified. django-otp throttles each device after failures."""
    user = request.user
    token = (token or "").strip().replace(" ", "").lower()
    if not token or len(token) > 16:
        return False
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if device.verify_token(token):
                mark_verified(request, device)
                signals.second_factor_verified.send(
                    sender=model, user=user, actor=user, request=request
                )
                return True
    return False


@transaction.atomic
def recovery_codes_regenerate(*, request) -> list[str]:
    """New recovery codes for the (verified) user; the old ones stop working."""
    user = request.user
    if not is_enrolled(user):
        raise PermissionDenied
    codes = _new_recovery_codes(user)
    transaction.on_commit(
        lambda: signals.recovery_codes_regenerated.send(
            sender=StaticDevice, user=user, actor=user, request=request
        )
    )
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Reset by the office --------------------------------------------------------------


@transaction.atomic
def second_factor_reset(*, user, actor, reason: str, request=None) -> SecondFactorReset:
    """Remove every device of `user` (the app and the recovery codes), recorded with the
    reason. The person enrols again at the next login; a session they verified with a
    removed device is unverified from its next request on (django-otp checks the
    device on each request). Nobody resets their own second factor this way."""
    if not actor.has_perm("accounts.add_secondfactorreset"):
        raise PermissionDenied
    if actor.pk == user.pk:
        raise PermissionDenied(_("You cannot reset your own second factor."))
    record = SecondFactorReset(user=user, actor=actor, reason=(reason or "").strip())
    record.full_clean()
    record._history_user = actor
    record.save()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    transaction.on_commit(
        lambda: signals.second_factor_reset.send(
            sender=SecondFactorReset, user=user, actor=actor, request=request, reason=record.reason
        )
    )
    return record
