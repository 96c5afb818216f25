from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PartnerProfile, ProfileEntry


@admin.register(PartnerProfile)
class PartnerProfileAdmin(SimpleHistoryAdmin):
    list_display = ("partner", "modified")
    list_select_related = ("partner",)


@admin.register(ProfileEntry)
class ProfileEntryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "partner", "central_function", "urgency")
    list_filter = ("kind", "central_function__area", "partner")
    list_select_related = ("partner", "central_function")
    search_fields = ("title",)
