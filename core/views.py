from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from .history import get_history_record, history_entries, history_restore, restore_preview


def history_context(obj, *, can_change: bool, restore_url_name: str) -> dict:
    """What a detail page's history section needs; restoring is offered only to editors."""
    return {
        "can_change": can_change,
        "history": history_entries(obj),
        "restore_url_name": restore_url_name if can_change else None,
    }


class HistoryRestoreView(View):
    """Confirm (GET) and restore (POST) an earlier version of a record.

    Subclasses set `template_name` and implement `get_object()` with their
    app's permission gate asking for the right to change.
    """

    template_name = "partials/history_restore_confirm.html"

    def get_object(self):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_record(self, obj):
        record = get_history_record(obj, self.kwargs["history_id"])
        if record is None:
            raise Http404
        return record

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        record = self.get_record(obj)
        return self._confirm(obj, record)

    def _confirm(self, obj, record, *, errors=None, status=200):
        context = {
            "object": obj,
            "record": record,
            "changes": restore_preview(obj, record),
            "errors": errors or [],
            "cancel_url": obj.get_absolute_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        record = self.get_record(obj)
        try:
            history_restore(record=record, actor=request.user)
        except ValidationError as error:
            return self._confirm(obj, record, errors=error.messages, status=409)
        messages.success(request, _("The earlier version has been restored."))
        return redirect(obj.get_absolute_url())
