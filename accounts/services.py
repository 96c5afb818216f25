"""Writes to user accounts."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .models import new_calendar_token


@transaction.atomic
def calendar_token_renew(*, user, actor) -> str:
    """Give the user a new secret calendar feed address; the old one stops working at once.

    The token itself is kept out of the history (it is a secret); the history
    records that and when it was renewed, and by whom.
    """
    user.calendar_token = new_calendar_token()
    user._history_user = actor
    user._change_reason = _("Calendar feed address renewed")
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
