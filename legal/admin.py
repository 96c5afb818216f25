from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessibilityFeedback, LegalText


@admin.register(LegalText)
class LegalTextAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "title", "version", "modified")
    list_display_links = ("title",)
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        # Keep the version the portal's editor relies on in step with admin edits.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "created", "name", "page_address", "answered_at", "answered_by")
    list_select_related = ("answered_by",)
    readonly_fields = ("answered_at", "answered_by")
    list_filter = ("answered_at",)
