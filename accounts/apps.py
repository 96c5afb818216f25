from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The access log hears the account security events (second factor, lock-outs) and
        # django-axes' lock-outs by the signals' names (access/receivers.py).
        from axes import signals as axes_signals

        from access.receivers import connect_by_name

        from . import signals

        connect_by_name(signals)
        connect_by_name(axes_signals)
