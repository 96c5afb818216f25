from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    """Read only: documents are asked for on the portal's pages and built by the worker."""

    list_display = ("title", "kind", "edition", "status", "generated_at", "requested_by")
    list_filter = ("kind", "edition", "status")
    search_fields = ("title", "sha256")
    list_select_related = ("requested_by",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
