from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import WorkingGroup


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ("body", "function_area", "lead_partner")
    list_select_related = ("body", "function_area", "lead_partner")
