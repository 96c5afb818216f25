"""Writes of the access app: the access log (append only), ending sessions, retention."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import AccessEvent, EventKind, Session
from .net import request_origin
from .session_store import LIMITS_KEY, LOGIN_AT_KEY

USERNAME_MAX = 150


def _account(user):
    return user if user is not None and getattr(user, "pk", None) is not None else None


def record_event(
    kind: str,
    *,
    request=None,
    account=None,
    username: str = "",
    actor=None,
    details: dict | None = None,
) -> AccessEvent:
    """Append one entry to the access log, with the request's truncated IP and agent."""
    ip_network, user_agent = request_origin(request)
    account = _account(account)
    actor = _account(actor)
    if actor is not None and account is not None and actor.pk == account.pk:
        actor = None  # the actor is named only for actions on others' accounts
    if not username and account is not None:
        username = account.get_username()
    return AccessEvent.objects.create(
        kind=EventKind(kind),
        account=account,
        username=str(username)[:USERNAME_MAX],
        ip_network=ip_network,
        user_agent=user_agent,
        actor=actor,
        details=details or {},
    )


def record_export(request, *, what: str, obj=None, **details) -> AccessEvent:
    """Note that the requesting user took data out of the portal (a download, an export).

    `what` says what it was ("document", "personal data", ...); `obj` adds its model
    and primary key. For the GDPR export, the backups and whatever comes next."""
    user = getattr(request, "user", None)
    data = {"what": what, **details}
    if obj is not None:
        data.update(model=obj._meta.label, pk=obj.pk, title=str(obj)[:200])
    return record_event(
        EventKind.EXPORT,
        request=request,
        account=user if getattr(user, "is_authenticated", False) else None,
        details=data,
    )


def record_right_change(*, user, granted: bool, right: str, target=None, actor=None):
    """A right given or taken (a role group, a guardian object permission, a flag)."""
    details = {"right": right}
    if target is not None:
        details.update(model=target._meta.label, pk=target.pk)
    return record_event(
        EventKind.RIGHT_GRANTED if granted else EventKind.RIGHT_REVOKED,
        account=user,
        actor=actor,
        details=details,
    )


# --- Sessions --------------------------------------------------------------------------


def timeouts(*, strict: bool) -> tuple[int, int]:
    """(idle, absolute) in seconds: the strict pair for the office and the board."""
    limits = settings.SESSION_TIMEOUTS["strict" if strict else "default"]
    return int(limits["idle"]), int(limits["absolute"])


def set_session_limits(session, *, strict: bool) -> None:
    """Store the time-outs of the user's role in their new session (at login): the
    middleware enforces what was decided then, whatever the role becomes later."""
    idle, absolute = timeouts(strict=strict)
    session[LIMITS_KEY] = [idle, absolute]


def session_limits(session) -> tuple[int, int]:
    stored = session.get(LIMITS_KEY)
    if isinstance(stored, list | tuple) and len(stored) == 2:
        try:
            return int(stored[0]), int(stored[1])
        except (TypeError, ValueError):
            pass
    return timeouts(strict=False)


def session_started(session):
    """When the login of a session happened (kept across a cycled key), else when its
    row was inserted; None for a session not stored by access.session_store."""
    login_at = session.get(LOGIN_AT_KEY)
    if isinstance(login_at, int | float):
        return datetime.datetime.fromtimestamp(login_at, tz=datetime.UTC)
    return getattr(session, "row_created", None)


def active_sessions(user):
    return Session.objects.filter(user=user, expire_date__gt=timezone.now())


@transaction.atomic
def end_session(*, user, handle, request=None) -> None:
    """End one of the user's own sessions; 404 for anybody else's (or none)."""
    deleted, _ = active_sessions(user).filter(handle=handle).delete()
    if not deleted:
        raise Http404
    record_event(EventKind.SESSION_ENDED, request=request, account=user, details={"ended": 1})


@transaction.atomic
def end_other_sessions(user, keep: str | None = None, *, request=None, reason: str = "") -> int:
    """End every session of `user` except the one with key `keep` (all when None).

    Called after a password change or reset and, for the second factor, by its reset."""
    sessions = Session.objects.filter(user=user)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    deleted, _ = sessions.delete()
    if deleted and request is not None and not reason:
        record_event(
            EventKind.SESSION_ENDED, request=request, account=user, details={"ended": deleted}
        )
    return deleted


def password_reset_requested(request, email: str, *, refused: bool) -> AccessEvent:
    """Log a request for a reset mail, under the account when one active account has
    the address (the log is the office's: it reveals nothing to the one who asked)."""
    model = get_user_model()
    email_field = model.get_email_field_name()
    accounts = list(
        model._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})[:2]
    )
    return record_event(
        EventKind.PASSWORD_RESET_REQUESTED,
        request=request,
        account=accounts[0] if len(accounts) == 1 else None,
        username=email,
        details={"refused": "too many requests"} if refused else None,
    )


def password_changed(request, user, *, reset: bool) -> None:
    """A password change (logged in) or reset (by mail) is done: log it and end every
    other session of the user (after a reset: all of them; the user logs in anew)."""
    keep = None
    if not reset and request is not None and hasattr(request, "session"):
        keep = request.session.session_key
    ended = end_other_sessions(user, keep=keep, reason="password")
    record_event(
        EventKind.PASSWORD_RESET_COMPLETED if reset else EventKind.PASSWORD_CHANGED,
        request=request,
        account=user,
        details={"sessions_ended": ended},
    )


# --- Retention -------------------------------------------------------------------------


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)


def purge_access_log(now: datetime.datetime | None = None) -> int:
    """Delete the entries older than ACCESS_LOG_RETENTION_DAYS; return how many."""
    deleted, _ = AccessEvent.objects.filter(time__lt=retention_cutoff(now)).delete()
    return deleted


def purge_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
