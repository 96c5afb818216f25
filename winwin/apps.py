from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WinwinConfig(AppConfig):
    name = "winwin"
    verbose_name = _("Win-win: needs and offers")
