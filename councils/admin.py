"""The Django admin for council consultations (history on every model). The portal's
pages are the place to work: they evaluate the decision's effect after each change."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Consultation, CouncilRequirement, MinutesExtract


@admin.register(CouncilRequirement)
class CouncilRequirementAdmin(SimpleHistoryAdmin):
    list_display = ("decision", "scope", "rule", "required_approvals", "effect")
    list_filter = ("effect", "scope", "rule")
    list_select_related = ("decision",)
    readonly_fields = ("effect",)
    raw_id_fields = ("decision",)


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ("council_name", "requirement", "partner", "planned_date", "status")
    list_filter = ("status",)
    list_select_related = ("requirement__decision", "partner")
    search_fields = ("council_name", "resolution_number")
    raw_id_fields = ("requirement",)


@admin.register(MinutesExtract)
class MinutesExtractAdmin(SimpleHistoryAdmin):
    list_display = ("title", "consultation", "original_name", "size", "uploaded_by")
    list_select_related = ("consultation__requirement__decision", "uploaded_by")
    raw_id_fields = ("consultation",)
