import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.backends import forget_permissions
from core.validators import validate_single_line


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def name_of(display_name: str, first_name: str, last_name: str, username: str) -> str:
    """`str(user)` from the four columns it reads (for rows read without the model): the
    office's name, else the full name (`AbstractUser.get_full_name`), else the user name."""
    return display_name or f"{first_name} {last_name}".strip() or username


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

    def refresh_from_db(self, *args, **kwargs):
        """Also forget the permissions cached on this object (Django's and the
        object-permission backend's): after a refresh the rights are read again."""
        super().refresh_from_db(*args, **kwargs)
        forget_permissions(self)

    def __str__(self):
        return name_of(self.display_name, self.first_name, self.last_name, self.username)

    def get_full_name(self):
        return self.display_name or super().get_full_name()


class SecondFactorReset(models.Model):
    """The office removed a person's second factor (lost phone): who, whose, when and why.

    Written once by `accounts.second_factor.second_factor_reset`, never changed; the
    history records the acting user as for every model.
    """

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="second_factor_resets",
    )
    actor = models.ForeignKey(
        User,
        verbose_name=_("reset by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("second-factor reset")
        verbose_name_plural = _("second-factor resets")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.user} ({self.created:%Y-%m-%d})"


class LockoutLift(models.Model):
    """The office lifted a lock-out after failed logins before it ran out."""

    username = models.CharField(_("user name"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("lifted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lifted lock-out")
        verbose_name_plural = _("lifted lock-outs")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.username or self.ip_address} ({self.created:%Y-%m-%d})"


class AccountInvitation(models.Model):
    """A one-time link that lets an invited person set the password of their new
    account (then the second factor). Only the SHA-256 of the link's random token is
    stored: the link itself exists only in the e-mail. It works once and until
    `expires_at`; a new invitation of the same account ends the earlier ones.
    Written by `accounts.invitations` only."""

    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="account_invitations",
    )
    token_hash = models.CharField(_("hash of the token"), max_length=64, unique=True)
    next_url = models.CharField(
        _("page after the set-up"),
        max_length=200,
        blank=True,
        help_text=_("Where the person goes once the password and the second factor are set."),
    )
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # The hash is useless without the token, but it is a credential's trace all the same.
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("account invitation")
        verbose_name_plural = _("account invitations")
        ordering = ("-created", "-pk")

    def __str__(self):
        return f"{self.user} ({self.created:%Y-%m-%d})"
