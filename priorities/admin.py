from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import Ballot, PriorityRound, Topic


@admin.register(PriorityRound)
class PriorityRoundAdmin(SimpleHistoryAdmin):
    list_display = ("title", "board", "deadline", "closed_at", "opened_by")
    list_select_related = ("board", "opened_by")
    search_fields = ("title",)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("title", "round", "position", "function_area")
    list_select_related = ("round", "function_area")


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Ballots are cast on the portal's page only (by the partner's seat)."""

    list_display = ("round", "partner", "cast_by", "as_deputy", "modified")
    list_select_related = ("round", "partner", "cast_by")
