"""What the Django admins of every app share (no model of core's own is registered)."""


class ReadOnlyAdminMixin:
    """Rows made on the portal's own pages or derived by the code (a recorded action, a
    synced permission, an access-log entry): the admin shows them, with their history
    where they keep one, and never adds, changes or deletes one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
