from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        # Permissions are derived from memberships, which accounts knows nothing of:
        # the login sync is connected here, one layer up.
        from . import signals  # noqa: F401
