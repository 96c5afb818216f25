"""The Django admin for meetings and decisions (history on every model).

The portal's pages are the place to work: they run the services with their rules
(freezing, numbering, quorum). The admin is for the office's corrections; decision
counters are read-only here because they guarantee gapless numbers.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    Decision,
    DecisionCounter,
    DecisionProgress,
    Invitation,
    Meeting,
    Minutes,
    MinutesCorrection,
    Paper,
    ProcedurePaper,
    WrittenProcedure,
    WrittenVote,
)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "body", "starts_at", "status", "minutes_approved_in")
    list_filter = ("status", "body")
    list_select_related = ("body", "minutes_approved_in")
    search_fields = ("title", "location")
    date_hierarchy = "starts_at"
    raw_id_fields = ("minutes_approved_in",)


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "position", "is_public", "presenting_partner", "presenter")
    list_filter = ("is_public",)
    list_select_related = ("meeting", "presenting_partner", "presenter")
    search_fields = ("title",)
    raw_id_fields = ("meeting",)


@admin.register(AgendaProposal)
class AgendaProposalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "proposed_by", "status", "decided_by")
    list_filter = ("status",)
    list_select_related = ("meeting", "proposed_by", "decided_by")
    search_fields = ("title",)
    raw_id_fields = ("meeting", "agenda_item")


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "agenda_item", "content_type", "size", "uploaded_by")
    list_select_related = ("meeting", "agenda_item", "uploaded_by")
    search_fields = ("title", "original_name")
    raw_id_fields = ("meeting", "agenda_item")


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "user", "email", "kind", "sequence", "sent_at")
    list_filter = ("kind",)
    list_select_related = ("meeting", "user")
    raw_id_fields = ("meeting",)


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "membership", "status", "represented_by")
    list_filter = ("status",)
    list_select_related = (
        "meeting",
        "membership__user",
        "membership__body",
        "represented_by__user",
        "represented_by__body",
    )
    raw_id_fields = ("meeting", "membership", "represented_by")


@admin.register(Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ("agenda_item", "status", "version", "modified")
    list_filter = ("status",)
    list_select_related = ("agenda_item",)
    readonly_fields = ("version",)
    raw_id_fields = ("agenda_item",)


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(SimpleHistoryAdmin):
    list_display = ("minutes", "corrected_on", "author")
    list_select_related = ("minutes__agenda_item", "author")
    raw_id_fields = ("minutes",)


@admin.register(DecisionCounter)
class DecisionCounterAdmin(SimpleHistoryAdmin):
    list_display = ("body", "year", "last_number")
    list_select_related = ("body",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("number", "title", "body", "agenda_item", "status", "due_date", "recorded_by")
    list_filter = ("status", "body")
    list_select_related = ("body", "agenda_item", "recorded_by")
    search_fields = ("number", "title")
    raw_id_fields = ("agenda_item",)
    filter_horizontal = ("commissioned_groups",)


@admin.register(DecisionProgress)
class DecisionProgressAdmin(SimpleHistoryAdmin):
    list_display = ("decision", "date", "status", "author")
    list_filter = ("status",)
    list_select_related = ("decision", "author")
    raw_id_fields = ("decision",)


# Written procedures and their votes are made on the portal's pages only (votes under a
# fresh second factor): the admin shows them and their history, never changes them.
@admin.register(WrittenProcedure)
class WrittenProcedureAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "body", "deadline", "status", "decision", "started_by")
    list_filter = ("status", "body")
    list_select_related = ("body", "decision", "started_by")


@admin.register(WrittenVote)
class WrittenVoteAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    # Not how a seat voted: votes are secret until the procedure ends (unless the rules
    # make them open), and the procedure's page is where they are shown then.
    list_display = ("procedure", "seat", "cast_by", "cast_at")
    exclude = ("choice",)
    list_select_related = ("procedure", "seat__user", "seat__body", "cast_by")


@admin.register(ProcedurePaper)
class ProcedurePaperAdmin(SimpleHistoryAdmin):
    list_display = ("title", "procedure", "content_type", "size", "uploaded_by")
    list_select_related = ("procedure", "uploaded_by")
    search_fields = ("title", "original_name")
    raw_id_fields = ("procedure",)
