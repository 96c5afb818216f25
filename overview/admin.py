from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ConceptChapter


@admin.register(ConceptChapter)
class ConceptChapterAdmin(SimpleHistoryAdmin):
    list_display = ("position", "title", "version", "modified")
    list_display_links = ("title",)
    search_fields = ("title", "text")
    filter_horizontal = ("function_areas", "findings")
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        # Keep the version the portal's editors rely on in step with admin edits.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
