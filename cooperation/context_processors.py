from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .permissions import is_cooperation_member


def _is_participant(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=settings.PARTICIPANT_GROUP).exists()


def portal(request):
    """Whether the navigation of the shared record is shown, and whether the account is a
    participant of participation procedures (each evaluated only when used)."""
    return {
        "is_member": SimpleLazyObject(lambda: is_cooperation_member(request.user)),
        "is_participant": SimpleLazyObject(lambda: _is_participant(request.user)),
    }
