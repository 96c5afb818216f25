from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Sessions and access log")

    def ready(self):
        # Django's own auth signals (login, logout, failures) and the user's flags.
        from . import receivers

        receivers.connect_django_signals()
