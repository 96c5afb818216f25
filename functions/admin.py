from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CentralFunction, Facility, FunctionArea


class CentralFunctionInline(admin.TabularInline):
    model = CentralFunction
    extra = 0


@admin.register(FunctionArea)
class FunctionAreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position")
    inlines = (CentralFunctionInline,)


@admin.register(CentralFunction)
class CentralFunctionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "area", "position")
    list_filter = ("area",)
    list_select_related = ("area",)


@admin.register(Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "central_function", "partner", "significance")
    list_filter = ("central_function__area", "partner", "significance")
    list_select_related = ("central_function", "partner")
    search_fields = ("name", "city")
