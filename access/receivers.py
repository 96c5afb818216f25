"""What the access log hears.

Django's own signals are connected at start-up (`connect_django_signals`). The
accounts app's signals (second factor, lock-out) are connected by name where they
are defined: `connect_by_name(accounts.signals)` in that app's `ready()`, which takes
whichever of ACCOUNT_SIGNAL_RECEIVERS the module has. Every receiver accepts the
usual keyword arguments and ignores the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from . import services
from .models import EventKind
from .net import request_origin
from .session_store import AGENT_KEY, IP_KEY, LOGIN_AT_KEY

# The flags of a user that are rights in themselves (the Django admin, everything).
RIGHT_FLAGS = ("is_staff", "is_superuser")
EXPIRED_ATTR = "_access_session_expired"


def on_login(sender, request=None, user=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        ip_network, user_agent = request_origin(request)
        request.session[IP_KEY] = ip_network
        request.session[AGENT_KEY] = user_agent
        request.session[LOGIN_AT_KEY] = timezone.now().timestamp()
    services.record_event(EventKind.LOGIN, request=request, account=user)


def on_logout(sender, request=None, user=None, **kwargs):
    if user is None:
        return
    expired = getattr(request, EXPIRED_ATTR, None)
    services.record_event(
        EventKind.SESSION_EXPIRED if expired else EventKind.LOGOUT,
        request=request,
        account=user,
        details={"timeout": expired} if expired else None,
    )


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    credentials = credentials or {}
    model = get_user_model()
    username = str(credentials.get(model.USERNAME_FIELD) or credentials.get("username") or "")
    account = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    services.record_event(
        EventKind.LOGIN_FAILED, request=request, account=account, username=username
    )


def _flags_before_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (
        update_fields is not None and not set(RIGHT_FLAGS) & set(update_fields)
    ):
        instance._access_flags_before = None
        return
    instance._access_flags_before = (
        sender._default_manager.filter(pk=instance.pk).values(*RIGHT_FLAGS).first()
    )


def _flags_after_save(sender, instance, created=False, **kwargs):
    before = getattr(instance, "_access_flags_before", None)
    if created:
        before = dict.fromkeys(RIGHT_FLAGS, False)
    if before is None:
        return
    actor = getattr(instance, "_history_user", None)
    if actor is None:
        from simple_history.models import HistoricalRecords

        request = getattr(HistoricalRecords.context, "request", None)
        actor = getattr(request, "user", None) if request is not None else None
        if actor is not None and not actor.is_authenticated:
            actor = None
    for flag in RIGHT_FLAGS:
        now = bool(getattr(instance, flag))
        if bool(before.get(flag)) != now:
            services.record_right_change(user=instance, granted=now, right=flag, actor=actor)


def connect_django_signals() -> None:
    user_logged_in.connect(on_login, dispatch_uid="access.login")
    user_logged_out.connect(on_logout, dispatch_uid="access.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="access.login_failed")
    pre_save.connect(_flags_before_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="access.f1")
    post_save.connect(_flags_after_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="access.f2")


# --- Receivers for the accounts app's signals (connected there, by name) --------------


def _user_of(kwargs):
    return kwargs.get("user") or kwargs.get("account")


def on_second_factor_enrolled(sender=None, request=None, **kwargs):
    services.record_event(
        EventKind.SECOND_FACTOR_ENROLLED,
        request=request,
        account=_user_of(kwargs),
        details={"device": str(kwargs.get("device", ""))[:100]} if kwargs.get("device") else None,
    )


def on_second_factor_reset(sender=None, request=None, **kwargs):
    """The office reset someone's second factor: log it with the reason and end every
    session of that user (they must enrol again)."""
    user = _user_of(kwargs)
    actor = kwargs.get("actor") or getattr(request, "user", None)
    ended = services.end_other_sessions(user, keep=None, reason="second factor") if user else 0
    services.record_event(
        EventKind.SECOND_FACTOR_RESET,
        request=request,
        account=user,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        details={"reason": str(kwargs.get("reason", ""))[:500], "sessions_ended": ended},
    )


def on_lockout(sender=None, request=None, **kwargs):
    """A lock-out (django-axes' `user_locked_out` sends request, username, ip_address)."""
    username = str(kwargs.get("username") or "")
    model = get_user_model()
    account = kwargs.get("user") or (
        model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
        if username
        else None
    )
    services.record_event(EventKind.LOCKOUT, request=request, account=account, username=username)


def on_lockout_lifted(sender=None, request=None, **kwargs):
    actor = kwargs.get("actor") or getattr(request, "user", None)
    services.record_event(
        EventKind.LOCKOUT_LIFTED,
        request=request,
        account=_user_of(kwargs),
        username=str(kwargs.get("username") or ""),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        details={"reason": str(kwargs.get("reason", ""))[:500]} if kwargs.get("reason") else None,
    )


ACCOUNT_SIGNAL_RECEIVERS = {
    "second_factor_enrolled": on_second_factor_enrolled,
    "second_factor_reset": on_second_factor_reset,
    "user_locked_out": on_lockout,
    "lockout": on_lockout,
    "lockout_lifted": on_lockout_lifted,
}


def connect_by_name(module) -> list[str]:
    """Connect the receivers above to the signals of `module` that carry their names;
    return the names connected."""
    connected = []
    for name, receiver in ACCOUNT_SIGNAL_RECEIVERS.items():
        signal = getattr(module, name, None)
        if signal is not None:
            signal.connect(receiver, dispatch_uid=f"access.{name}", weak=False)
            connected.append(name)
    return connected
