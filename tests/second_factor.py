"""Test sessions that have passed the second factor, as the personas' would after login.

`client.force_login` (patched in conftest.py) and the matrix's `log_in` give the user a
confirmed TOTP device (created once) and mark the session verified just now. Tests of the
second factor itself mark themselves `@pytest.mark.unverified_login` to get the bare
password session.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import VERIFIED_AT_SESSION_KEY


def device_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    return device


def verify_session(session, user) -> None:
    session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
    session[VERIFIED_AT_SESSION_KEY] = time.time()
