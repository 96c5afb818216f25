"""Idle and absolute time-outs of a login, by the limits stored in its session."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _

from .receivers import EXPIRED_ATTR
from .services import session_limits, session_started

# The row's "last used" is written at most this often: a fixed number of queries
# per request, and an idle time-out that is exact to the minute.
TOUCH_INTERVAL = datetime.timedelta(seconds=60)


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware. Logs out a session idle longer than its idle limit
    or older than its absolute limit (both set at login from the user's role, see
    `access.services.set_session_limits`), and keeps the row's last use current."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            response = self._check(request, session)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, session):
        created = session_started(session)
        last_used = getattr(session, "row_last_used", None)
        if created is None or last_used is None:
            return None  # another session engine: nothing to go by
        idle, absolute = session_limits(session)
        now = timezone.now()
        expired = None
        if now - created > datetime.timedelta(seconds=absolute):
            expired = "absolute"
        elif now - last_used > datetime.timedelta(seconds=idle):
            expired = "idle"
        if expired is None:
            if now - last_used >= TOUCH_INTERVAL:
                session.touch()
            return None
        setattr(request, EXPIRED_ATTR, expired)
        logout(request)
        messages.info(
            request,
            _(
                "Your session has ended after a time without use or at its maximum "
                "length. Please log in again."
            ),
        )
        return redirect_to_login(request.get_full_path())
