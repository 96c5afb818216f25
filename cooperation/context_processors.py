from django.utils.functional import SimpleLazyObject

from core.permissions import is_participant_account

from .permissions import is_cooperation_member


def portal(request):
    """Whether the navigation of the shared record is shown, and whether the account is a
    participant of participation procedures (each evaluated only when used)."""
    return {
        "is_member": SimpleLazyObject(lambda: is_cooperation_member(request.user)),
        "is_participant": SimpleLazyObject(lambda: is_participant_account(request.user)),
    }
