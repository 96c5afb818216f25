from django.utils.functional import SimpleLazyObject

from .permissions import is_cooperation_member


def portal(request):
    """Whether the navigation of the shared record is shown (evaluated only when used)."""
    return {"is_member": SimpleLazyObject(lambda: is_cooperation_member(request.user))}
