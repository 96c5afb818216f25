"""Reads of the access app: one per page."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from .models import AccessEvent, Session

# A person has a few sessions (ended and expired ones are gone); the page shows at most
# this many, the most recently used, and "end all others" ends every one.
SESSIONS_SHOWN = 50


def _sessions(user):
    return Session.objects.filter(user=user, expire_date__gt=timezone.now()).defer("session_data")


def sessions_of(user) -> list[Session]:
    """The user's unexpired sessions, most recently used first."""
    return list(_sessions(user).order_by("-last_used", "-created")[:SESSIONS_SHOWN])


def session_of(user, handle) -> Session | None:
    """One of the user's own unexpired sessions by its handle, or None."""
    return _sessions(user).filter(handle=handle).first()


def access_events(*, kind=None, account="", since=None, until=None):
    """The access log, newest first, filtered by kind, account (user name as typed or
    the account's) and period (local days, both included)."""
    events = AccessEvent.objects.select_related("account", "actor")
    if kind:
        events = events.filter(kind=kind)
    if account:
        events = events.filter(Q(username__iexact=account) | Q(account__username__iexact=account))
    if since:
        events = events.filter(time__date__gte=since)
    if until:
        events = events.filter(time__date__lte=until)
    return events.order_by("-time", "-pk")
