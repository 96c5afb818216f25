from django.contrib import admin

from core.admin import ReadOnlyAdminMixin

from .models import AccessEvent, Session


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Sessions and access-log entries keep no history of their own."""


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    """Read only: the log is never edited; entries go when their retention ends."""

    list_display = ("time", "kind", "account", "username", "ip_network", "actor")
    list_filter = ("kind", "time")
    search_fields = ("username", "account__username")
    list_select_related = ("account", "actor")
    date_hierarchy = "time"
    exclude = ()


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    """Who is logged in where (the session data itself is not shown)."""

    list_display = ("user", "ip_network", "created", "last_used", "expire_date")
    list_select_related = ("user",)
    exclude = ("session_key", "session_data")
