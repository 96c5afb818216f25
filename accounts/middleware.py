"""After the password, the second factor: before any page, an enrolled person enters a
code (login step 2) and a person who must have one enrols first."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import is_enrolled

# An unverified person without a device who need not have one is asked again after this
# long (a new board seat or office role takes effect within it).
POLICY_RECHECK_SECONDS = 300
OPTIONAL_SESSION_KEY = "otp_optional_checked_at"


def second_factor_exempt(view):
    """Mark a view as reachable before the second factor (logout, the enrolment and
    verification pages, the calendar feed opened by its secret address)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Below django-otp's OTPMiddleware. Which people must have a second factor is the
    cooperation's business (their roles): `requires_second_factor` is overridden in
    cooperation.middleware; here only staff and superusers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def requires_second_factor(self, user) -> bool:
        return user.is_staff or user.is_superuser

    @staticmethod
    def is_exempt(request, view_func) -> bool:
        if getattr(view_func, "second_factor_exempt", False):
            return True
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        match = request.resolver_match
        return match is not None and match.view_name in settings.SECOND_FACTOR_EXEMPT_URLS

    @staticmethod
    def _recently_optional(request) -> bool:
        checked = request.session.get(OPTIONAL_SESSION_KEY)
        return (
            isinstance(checked, int | float) and 0 <= time.time() - checked < POLICY_RECHECK_SECONDS
        )

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Exempt views first: they must not load the session's user (the calendar feed).
        if self.is_exempt(request, view_func):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        # A device is looked up on every request (one query): enrolling in another
        # browser asks for the code here at once. Only the role check is cached.
        if is_enrolled(user):
            target = "second_factor_verify"
        elif self._recently_optional(request):
            return None
        elif self.requires_second_factor(user):
            target = "second_factor_setup"
        else:
            request.session[OPTIONAL_SESSION_KEY] = time.time()
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
