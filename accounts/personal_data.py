"""The account's part of "Meine Daten" and of anonymisation (see core/personal_data.py)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from core.personal_data import person_anonymised, register, take

from .models import LockoutLift, User

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


@receiver(person_anonymised, dispatch_uid="accounts.remove_login_factors")
def remove_login_factors(sender, user, former_identifiers, **kwargs):
    """The person's second-factor devices, django-axes' records of their old user name
    (in any capitals), and that name in the office's lock-out lifts and their history."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    old = former_identifiers["username"]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=old).delete()
    new = user.get_username()
    LockoutLift.objects.filter(username__iexact=old).update(username=new)
    LockoutLift.history.filter(username__iexact=old).update(username=new)


register("account", export_account, title=_("Your account"), order=10)
