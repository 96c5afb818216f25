from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Finding, FindingAttachment, FindingComment, WorkingGroup, WorkingGroupReport


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ("body", "function_area", "lead_partner")
    list_select_related = ("body", "function_area", "lead_partner")


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "group", "type", "status", "function_area", "author")
    list_filter = ("type", "status", "function_area")
    list_select_related = ("group__body", "function_area", "author")
    search_fields = ("title", "text")
    readonly_fields = ("version",)
    filter_horizontal = ("facilities", "partners")


@admin.register(FindingComment)
class FindingCommentAdmin(SimpleHistoryAdmin):
    list_display = ("finding", "author", "created")
    list_select_related = ("finding", "author")
    raw_id_fields = ("finding",)


@admin.register(FindingAttachment)
class FindingAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "finding", "content_type", "size", "uploaded_by")
    list_select_related = ("finding", "uploaded_by")
    raw_id_fields = ("finding",)


@admin.register(WorkingGroupReport)
class WorkingGroupReportAdmin(SimpleHistoryAdmin):
    list_display = ("group", "version", "period_from", "period_until", "submitted_at")
    list_select_related = ("group__body",)
    raw_id_fields = ("agenda_item", "paper")
    filter_horizontal = ("findings",)
