"""Lock-out after failed logins (django-axes, database handler).

AXES_FAILURE_LIMIT failed logins for one user name, or from one client address, lock
further attempts for that name or address: the sixth attempt is refused even with the
right password. The lock lasts LOCKOUT_MINUTES and doubles with every further lock-out
of the same name or address within a day (up to LOCKOUT_MAX_HOURS). Names that belong
to no account are counted and locked exactly like real ones, and the refusal is one
German page without the name: it does not tell whether the account exists.
"""

from __future__ import annotations

import datetime

from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import signals
from .models import LockoutLift

HISTORY_WINDOW = datetime.timedelta(days=1)


def cool_off(request=None) -> datetime.timedelta:
    """How long a lock-out lasts (AXES_COOLOFF_TIME): doubled for each earlier lock-out
    of the name or the address in the last day (counted from axes' failure log)."""
    base = datetime.timedelta(minutes=settings.LOCKOUT_MINUTES)
    if request is None:
        return base
    username = get_client_username(request) or ""
    address = getattr(request, "axes_ip_address", None)
    if not username and not address:
        return base
    match = Q()
    if username:
        match |= Q(username=username)
    if address:
        match |= Q(ip_address=address)
    failures = AccessFailureLog.objects.filter(
        match, attempt_time__gte=timezone.now() - HISTORY_WINDOW
    ).count()
    earlier_lockouts = max(0, failures // max(settings.AXES_FAILURE_LIMIT, 1) - 1)
    longest = datetime.timedelta(hours=settings.LOCKOUT_MAX_HOURS)
    return min(base * 2 ** min(earlier_lockouts, 16), longest)


def lockout_response(request, original_response=None, credentials=None):
    """The refusal of a locked-out login: the same page for every name and address."""
    return render(request, "accounts/locked_out.html", status=429)


def locked_attempt(pk):
    """One listed lock-out, or 404 (it has been lifted or has run out meanwhile)."""
    return get_object_or_404(locked_attempts(), pk=pk)


def locked_attempts():
    """Lock-outs, newest first: the attempts of every name, and of every address, whose
    failures reached the limit within the longest cool-off (LOCKOUT_MAX_HOURS), so that
    every grown lock is listed. axes keeps one row per name and address and counts a
    name's failures over all its addresses (and an address's over all names): a lock
    spread over several addresses is listed with each of its rows, and lifting one
    lifts it. A lock that has run out by itself may be listed until axes clears it."""
    since = timezone.now() - datetime.timedelta(minutes=settings.LOCKOUT_MINUTES)
    longest = timezone.now() - datetime.timedelta(hours=settings.LOCKOUT_MAX_HOURS)
    recent = AccessAttempt.objects.filter(attempt_time__gte=min(since, longest))

    def reaching_the_limit(key):
        return (
            recent.exclude(**{f"{key}__isnull": True})
            .values(key)
            .annotate(total=Sum("failures_since_start"))
            .filter(total__gte=settings.AXES_FAILURE_LIMIT)
            .values(key)
        )

    return (
        recent.filter(
            Q(username__in=reaching_the_limit("username"))
            | Q(ip_address__in=reaching_the_limit("ip_address"))
        )
        .only("pk", "username", "ip_address", "attempt_time", "failures_since_start")
        .order_by("-attempt_time", "-pk")
    )


@transaction.atomic
def lockout_lift(*, attempt: AccessAttempt, actor, reason: str, request=None) -> LockoutLift:
    """End a lock-out now: the counted attempts of its name and of its address are
    dropped; recorded with the reason."""
    if not actor.has_perm("accounts.add_lockoutlift"):
        raise PermissionDenied
    record = LockoutLift(
        username=attempt.username or "",
        ip_address=attempt.ip_address,
        actor=actor,
        reason=(reason or "").strip(),
    )
    record.full_clean()
    record._history_user = actor
    record.save()
    match = Q(pk=attempt.pk)
    if attempt.username:
        match |= Q(username=attempt.username)
    if attempt.ip_address:
        match |= Q(ip_address=attempt.ip_address)
    AccessAttempt.objects.filter(match).delete()
    # axes' failure log stays: it is the record of the attempts, and the next lock-out
    # within a day still lasts longer.
    transaction.on_commit(
        lambda: signals.lockout_lifted.send(
            sender=LockoutLift,
            username=record.username,
            ip_address=record.ip_address,
            actor=actor,
            request=request,
            reason=record.reason,
        )
    )
    return record
