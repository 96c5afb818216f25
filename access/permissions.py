"""Gates of the access app."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

# Given to the office's role group by cooperation's permission model.
READ_ACCESS_LOG = "access.view_accessevent"


def can_read_access_log(user) -> bool:
    return user.is_authenticated and user.has_perm(READ_ACCESS_LOG)


class AccessLogReaderMixin(LoginRequiredMixin):
    """Anonymous users go to login; everybody but the office gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_read_access_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
