from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import AccountInvitation, LockoutLift, SecondFactorReset, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "display_name", "email", "is_active", "is_staff")
    search_fields = ("username", "display_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets[:1],
        (_("Personal info"), {"fields": ("display_name", "first_name", "last_name", "email")}),
        *BaseUserAdmin.fieldsets[2:],
    )


class RecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: the office's recorded actions are made on its pages, never edited."""


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(RecordAdmin):
    list_display = ("created", "user", "actor")
    list_select_related = ("user", "actor")


@admin.register(LockoutLift)
class LockoutLiftAdmin(RecordAdmin):
    list_display = ("created", "username", "ip_address", "actor")
    list_select_related = ("actor",)


@admin.register(AccountInvitation)
class AccountInvitationAdmin(RecordAdmin):
    """Read only: invitations are made by the services (the hash is no use to anyone)."""

    list_display = ("created", "user", "created_by", "expires_at", "used_at")
    list_select_related = ("user", "created_by")
    exclude = ("token_hash",)
