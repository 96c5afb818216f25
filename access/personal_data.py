"""The person's own access log in "Meine Daten" (see core/personal_data.py), and the
export itself recorded in that log."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import person_anonymised, personal_data_exported, register, take

from . import services
from .models import AccessEvent


def export_access_events(user) -> dict:
    return {
        "access_events": take(
            AccessEvent.objects.filter(account=user)
            .order_by("time", "pk")
            .values("time", "kind", "username", "ip_network", "user_agent", "details")
        ),
    }


def record_personal_data_export(sender, user=None, request=None, sections=(), **kwargs):
    services.record_export(request, what="personal data", sections=list(sections))


def end_sessions_of_anonymised_person(sender, user=None, **kwargs):
    """An anonymised person is logged out everywhere at once."""
    services.end_other_sessions(user, reason="anonymised")


register("access", export_access_events, title=_("Logins and access"), order=60)
personal_data_exported.connect(record_personal_data_export, dispatch_uid="access.export")
person_anonymised.connect(end_sessions_of_anonymised_person, dispatch_uid="access.anonymised")
