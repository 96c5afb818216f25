import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_single_line


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person who logs in.

    Demo users and functional accounts are named by their office
    ("Oberbürgermeister:in Halberstadt"), so the display name is one free field
    instead of first and last name.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("Shown in the portal, e.g. the office the person holds."),
        validators=[validate_single_line],
    )
    calendar_token = models.CharField(
        _("calendar feed token"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
        help_text=_(
            "Secret part of the personal calendar feed address; renewing it ends the old one."
        ),
    )
    # Password hashes and login times are neither useful nor safe in an audit trail.
    history = HistoricalRecords(excluded_fields=["password", "last_login", "calendar_token"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("display_name", "username")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name()
