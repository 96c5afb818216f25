"""The person's own access log in "Meine Daten" (see core/personal_data.py), and the
export itself recorded in that log."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import person_anonymised, personal_data_exported, register, take

from . import services
from .models import AccessEvent, EventKind

# Entries made by whoever typed the person's name or address (failed logins, reset
# requests): their network and browser are not the person's data, so they stay out.
TYPED_BY_ANYONE = (EventKind.LOGIN_FAILED, EventKind.PASSWORD_RESET_REQUESTED)


def export_access_events(user) -> dict:
    rows = take(
        AccessEvent.objects.filter(account=user)
        .order_by("time", "pk")
        .values("time", "kind", "username", "ip_network", "user_agent", "details")
    )
    for row in rows:
        if row["kind"] in TYPED_BY_ANYONE:
            row["ip_network"] = row["user_agent"] = ""
    return {"access_events": rows}


def record_personal_data_export(sender, user=None, request=None, sections=(), **kwargs):
    services.record_export(request, what="personal data", sections=list(sections))


def forget_anonymised_person(sender, user=None, former_identifiers=None, **kwargs):
    """An anonymised person is logged out everywhere at once, and their old user name
    and e-mail address (as typed into the login or the reset form) leave the log."""
    services.end_other_sessions(user, reason="anonymised")
    typed = Q(account=user)
    for value in (former_identifiers or {}).values():
        if value:
            typed |= Q(username__iexact=value)
    AccessEvent.objects.filter(typed).replace_username(user.get_username())


register("access", export_access_events, title=_("Logins and access"), order=60)
personal_data_exported.connect(record_personal_data_export, dispatch_uid="access.export")
person_anonymised.connect(forget_anonymised_person, dispatch_uid="access.anonymised")
