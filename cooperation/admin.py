from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import (
    Body,
    BodyGroupObjectPermission,
    BodyUserObjectPermission,
    ContractAmendment,
    ContractClause,
    CooperationPhase,
    Membership,
    Partner,
    PartnerGroupObjectPermission,
    PartnerStaff,
    PartnerUserObjectPermission,
    PersonAnonymisation,
    RulesOfProcedure,
    SpatialPlanningContract,
)
from .permissions import sync_user_permissions


class PermissionSyncingAdmin(SimpleHistoryAdmin):
    """Saving a membership or staff link here keeps permissions in step, as the services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_user_permissions(obj.user, actor=request.user)
        if change and "user" in form.changed_data and form.initial.get("user"):
            sync_user_permissions(
                type(obj.user).objects.get(pk=form.initial["user"]), actor=request.user
            )

    def delete_model(self, request, obj):
        user = obj.user
        super().delete_model(request, obj)
        sync_user_permissions(user, actor=request.user)


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "status", "ags", "population", "is_active")
    list_filter = ("kind", "status", "is_active")
    search_fields = ("name", "short_name", "ags")


@admin.register(PartnerStaff)
class PartnerStaffAdmin(PermissionSyncingAdmin):
    list_display = ("user", "partner", "position", "is_admin")
    list_filter = ("is_admin", "partner")
    list_select_related = ("user", "partner")
    autocomplete_fields = ("user", "partner")


class ClauseInline(admin.StackedInline):
    model = ContractClause
    extra = 0


class AmendmentInline(admin.StackedInline):
    model = ContractAmendment
    extra = 0


@admin.register(SpatialPlanningContract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ("title", "signed_on", "valid_from", "valid_until")
    filter_horizontal = ("parties",)
    inlines = (ClauseInline, AmendmentInline)


@admin.register(ContractClause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ("contract", "position", "title")
    list_select_related = ("contract",)


@admin.register(ContractAmendment)
class AmendmentAdmin(SimpleHistoryAdmin):
    list_display = ("contract", "title", "signed_on")
    list_select_related = ("contract",)


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_code", "kind", "quorum_rule", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_code")


@admin.register(RulesOfProcedure)
class RulesOfProcedureAdmin(SimpleHistoryAdmin):
    list_display = ("body", "majority_ordinary", "deputy_rule", "written_procedure_allowed")
    list_select_related = ("body",)


@admin.register(Membership)
class MembershipAdmin(PermissionSyncingAdmin):
    list_display = ("user", "body", "role", "partner", "valid_from", "valid_until")
    list_filter = ("body", "role")
    list_select_related = ("user", "body", "partner")
    autocomplete_fields = ("user", "partner", "deputy_for")
    search_fields = ("user__username", "user__display_name", "body__name")


@admin.register(CooperationPhase)
class CooperationPhaseAdmin(SimpleHistoryAdmin):
    list_display = ("phase", "since")


class DerivedPermissionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Object permissions are derived from memberships and staff links
    (`sync_user_permissions`), never granted by hand: read-only here, with their history."""


@admin.register(PartnerUserObjectPermission)
class PartnerUserObjectPermissionAdmin(DerivedPermissionAdmin):
    list_display = ("user", "permission", "content_object")
    list_select_related = ("user", "permission__content_type", "content_object")


@admin.register(PartnerGroupObjectPermission)
class PartnerGroupObjectPermissionAdmin(DerivedPermissionAdmin):
    list_display = ("group", "permission", "content_object")
    list_select_related = ("group", "permission__content_type", "content_object")


@admin.register(BodyUserObjectPermission)
class BodyUserObjectPermissionAdmin(DerivedPermissionAdmin):
    list_display = ("user", "permission", "content_object")
    list_select_related = ("user", "permission__content_type", "content_object")


@admin.register(BodyGroupObjectPermission)
class BodyGroupObjectPermissionAdmin(DerivedPermissionAdmin):
    list_display = ("group", "permission", "content_object")
    list_select_related = ("group", "permission__content_type", "content_object")


@admin.register(PersonAnonymisation)
class PersonAnonymisationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: an anonymisation is made on the office's page and never undone."""

    list_display = ("former_office", "performed_at", "performed_by")
    list_select_related = ("performed_by",)
