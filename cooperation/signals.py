from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from access.services import set_session_limits

from .permissions import has_strict_session, sync_user_permissions


@receiver(user_logged_in)
def sync_permissions_on_login(sender, user, request=None, **kwargs):
    """Memberships end by date; bring the user's permissions up to date at each login.
    The session's time-outs follow the role: shorter for the office and the board."""
    sync_user_permissions(user)
    if request is not None and hasattr(request, "session"):
        set_session_limits(request.session, strict=has_strict_session(user))
