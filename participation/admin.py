from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Participant,
    ParticipationProcedure,
    ProcedureChapter,
    Statement,
    StatementAttachment,
    Weighing,
    WeighingTable,
)


@admin.register(ParticipationProcedure)
class ParticipationProcedureAdmin(SimpleHistoryAdmin):
    list_display = ("title", "starts_at", "ends_at", "opened_at", "published_at")
    list_select_related = ()
    search_fields = ("title",)


@admin.register(ProcedureChapter)
class ProcedureChapterAdmin(SimpleHistoryAdmin):
    list_display = ("title", "procedure", "position", "chapter_version")
    list_select_related = ("procedure",)


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "kind", "procedure", "user")
    list_select_related = ("procedure", "user")


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "procedure", "participant", "chapter", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("procedure", "participant", "chapter")


@admin.register(StatementAttachment)
class StatementAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "statement", "size")
    list_select_related = ("statement",)


@admin.register(Weighing)
class WeighingAdmin(SimpleHistoryAdmin):
    list_display = ("statement", "outcome", "weighed_by")
    list_select_related = ("statement", "weighed_by")


@admin.register(WeighingTable)
class WeighingTableAdmin(SimpleHistoryAdmin):
    list_display = ("procedure", "status", "created", "finished_at")
    list_select_related = ("procedure",)
