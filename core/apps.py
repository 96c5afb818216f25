from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import deletion, personal_data, search

        deletion.connect()
        # The search vectors' triggers, written from the models' declarations.
        post_migrate.connect(search.install_triggers_after_migrate, sender=self)
        # Every app's personal_data module registers its export section and its
        # anonymisation receivers (core/personal_data.py).
        personal_data.autodiscover()
