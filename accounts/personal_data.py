"""The account's part of "Meine Daten" and of anonymisation (see core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import User

PROFILE_FIELDS = (
    "username",
    "display_name",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "date_joined",
    "last_login",
)
# What the history of the user row keeps about the person (the password hash, login
# times and the calendar token are not in the history at all).
PERSONAL_HISTORY_FIELDS = ("username", "display_name", "first_name", "last_name", "email")


def export_account(user) -> dict:
    profile = User.objects.filter(pk=user.pk).values(*PROFILE_FIELDS).get()
    history = take(
        User.history.filter(id=user.pk)
        .order_by("history_date", "history_id")
        .values(
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__display_name",
            *PERSONAL_HISTORY_FIELDS,
        )
    )
    return {"profile": profile, "profile_history": history}


def scrub_user_history(user, values: dict) -> int:
    """Overwrite the personal fields in every history row of `user` with `values` (the
    anonymised ones): the old names and addresses leave the history, the dates and
    the other fields (active, staff) stay. Returns the number of rows rewritten."""
    values = {name: values[name] for name in PERSONAL_HISTORY_FIELDS}
    return User.history.filter(id=user.pk).update(**values)


register("account", export_account, title=_("Your account"), order=10)
