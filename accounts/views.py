"""The password-reset page, with limits on how many e-mails it sends."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from access.net import client_address
from access.services import password_changed, password_reset_requested

RESET_WINDOW_SECONDS = 60 * 60
TOO_MANY = _(
    "Too many requests to reset a password. Please wait an hour and try again, or ask "
    "the office for help."
)


def _hit(key: str, limit: int) -> bool:
    """Count one request under `key` (a fixed one-hour window from the first) and say
    whether it is within `limit`."""
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def _address_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"password-reset:address:{digest}"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, limited per address and per client address (cache-backed).

    Requests are counted whether or not an account has the address, and the answer
    over a limit is the same for both: the page never tells whether an account exists.
    """

    def form_valid(self, form):
        ip = client_address(self.request)
        allowed = _hit(f"password-reset:ip:{ip}", settings.PASSWORD_RESET_LIMIT_PER_IP)
        # An address is counted only for requests that could send to it.
        if allowed:
            allowed = _hit(
                _address_key(form.cleaned_data["email"]),
                settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            )
        password_reset_requested(self.request, form.cleaned_data["email"], refused=not allowed)
        if not allowed:
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; a changed password ends the user's other sessions (access log)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(self.request, form.user, reset=False)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password by mail ends every session of the user."""

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(self.request, form.user, reset=True)
        return response
