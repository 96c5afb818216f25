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
        self._remove_unrecorded_admins()

    @staticmethod
    def _remove_unrecorded_admins():
        """django-otp registers admins for the devices (showing their keys, deleting them
        without a reason, a log entry or an end of the sessions). The office's recorded
        reset is the only way; the admin's autodiscovery (django.contrib.admin, first in
        INSTALLED_APPS) has run by now."""
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
