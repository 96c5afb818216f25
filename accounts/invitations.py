"""One-time invitation links: a new account's first password, then its second factor.

* invitation_create(user, *, actor, next_url="") -> str: the raw token for the link
  (`reverse("invitation_accept", args=[token])`); earlier open invitations of the
  account end.
* invitation_for_token(token) -> AccountInvitation | None: the open invitation of a
  token, or None (unknown, malformed, used, expired, inactive account: one answer).
* invitation_accept(*, token, password, actor=None) -> User: sets the password and uses
  the invitation up, under a row lock, so a link works exactly once.

Only the SHA-256 of the token is stored (the link is in the e-mail alone), so a copy of
the database opens no account. The token has 256 random bits; a hash lookup is enough
(no timing-safe comparison is needed for a value that is itself unguessable). The pages
(accounts.views.invitations) answer every unusable link alike and never name the
account or its address.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict

from .models import AccountInvitation, User

VALID_DAYS = 14
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _well_formed(token) -> bool:
    return isinstance(token, str) and TOKEN_RE.fullmatch(token) is not None


@transaction.atomic
def invitation_create(user, *, actor, next_url: str = "") -> str:
    """A new one-time link for `user` (valid VALID_DAYS days); returns its raw token,
    which is stored nowhere. Earlier links of the account that are still open stop
    working (a resent invitation replaces the old one)."""
    now = timezone.now()
    for earlier in AccountInvitation.objects.select_for_update().filter(
        user=user, used_at=None, expires_at__gt=now
    ):
        earlier.expires_at = now
        earlier._history_user = actor
        earlier._change_reason = "Durch eine neue Einladung ersetzt"
        earlier.save(update_fields=["expires_at"])
    token = secrets.token_urlsafe(32)
    invitation = AccountInvitation(
        user=user,
        token_hash=token_hash(token),
        next_url=next_url,
        expires_at=now + datetime.timedelta(days=VALID_DAYS),
        created_by=actor,
    )
    invitation.full_clean()
    invitation._history_user = actor
    invitation.save()
    return token


def _open_invitations(now=None):
    now = now or timezone.now()
    return AccountInvitation.objects.filter(
        used_at=None, expires_at__gt=now, user__is_active=True
    ).select_related("user")


def invitation_for_token(token) -> AccountInvitation | None:
    if not _well_formed(token):
        return None
    return _open_invitations().filter(token_hash=token_hash(token)).first()


def invalid_link() -> Conflict:
    return Conflict(
        _(
            "This invitation link cannot be used: it is invalid, has expired or has been "
            "used already. Please ask the office for a new invitation."
        ),
        code="invitation_invalid",
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited account's password (already checked by Django's validators in the
    form) and use the invitation up. Two requests with the same link at once: the row
    lock lets exactly one of them through; the other gets `Conflict`."""
    if not _well_formed(token):
        raise invalid_link()
    invitation = (
        AccountInvitation.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(token_hash=token_hash(token))
        .first()
    )
    now = timezone.now()
    if (
        invitation is None
        or invitation.used_at is not None
        or invitation.expires_at <= now
        or not invitation.user.is_active
    ):
        raise invalid_link()
    user = invitation.user
    user.set_password(password)
    user._history_user = user
    user._change_reason = "Kennwort über die Einladung gesetzt"
    user.save(update_fields=["password"])
    invitation.used_at = now
    invitation._history_user = user
    invitation.save(update_fields=["used_at"])
    return user
