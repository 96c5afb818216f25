from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .permissions import sync_user_permissions


@receiver(user_logged_in)
def sync_permissions_on_login(sender, user, **kwargs):
    """Memberships end by date; bring the user's permissions up to date at each login."""
    sync_user_permissions(user)
