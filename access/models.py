"""Sessions that know whose they are, and the access log.

Neither keeps a simple-history trail, on purpose: a session is a short-lived login
(its row goes when it ends), and an access event is itself the record, written once
and never changed (a history of it would only copy every row).
"""

from __future__ import annotations

import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabels

from .devices import describe_device


class Session(AbstractBaseSession):
    """Django's session row plus who it belongs to and where it came from.

    `handle` names the session on the page "Meine Anmeldungen": the session key is
    the login itself and never appears in a page.
    """

    handle = models.UUIDField(_("handle"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_sessions",
    )
    ip_network = models.CharField(_("network (truncated IP address)"), max_length=50, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created = models.DateTimeField(_("started"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), default=timezone.now)

    objects = BaseSessionManager()

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["user", "expire_date"])]

    @classmethod
    def get_session_store_class(cls):
        # By name: the store imports this model, and an app's modules import no cycle.
        return import_module("access.session_store").SessionStore

    @property
    def device(self) -> str:
        return describe_device(self.user_agent)


class EventKind(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    SESSION_EXPIRED = "session_expired", _("Session timed out")
    SESSION_ENDED = "session_ended", _("Session ended")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    PASSWORD_RESET_COMPLETED = "password_reset_completed", _("Password reset completed")
    RIGHT_GRANTED = "right_granted", _("Right granted")
    RIGHT_REVOKED = "right_revoked", _("Right revoked")
    EXPORT = "export", _("Export")
    LOCKOUT = "lockout", _("Lock-out")
    LOCKOUT_LIFTED = "lockout_lifted", _("Lock-out lifted")
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("Second factor enrolled")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Access events are never changed.")

    update.queryset_only = True

    def replace_username(self, username: str) -> int:
        """The one change an entry allows: an anonymised person's old user name or
        address (as typed) is replaced by the anonymised name (GDPR Art. 17); time, kind,
        network and details stay."""
        return models.QuerySet.update(self.order_by(), username=username)


class AccessEvent(ChoiceLabels):
    """One entry of the access log. Written once, never changed; deleted only by the
    retention purge (`access.services.purge_access_log`)."""

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=EventKind.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_events",
    )
    username = models.CharField(
        _("user name given"),
        max_length=150,
        blank=True,
        help_text=_("As typed, for failed logins also when no account has it."),
    )
    ip_network = models.CharField(_("network (truncated IP address)"), max_length=50, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who did it, when it was done to someone else's account."),
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ("-time", "-pk")
        indexes = [
            models.Index(fields=["account", "time"]),
            models.Index(fields=["kind", "time"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username or self.account_id or ''}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Access events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Access events are deleted only when their retention ends.")

    @property
    def device(self) -> str:
        return describe_device(self.user_agent)
