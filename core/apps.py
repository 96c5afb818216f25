from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import deletion, personal_data

        deletion.connect()
        # Every app's personal_data module registers its export section and its
        # anonymisation receivers (core/personal_data.py).
        personal_data.autodiscover()
