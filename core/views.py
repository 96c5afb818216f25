from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .history import (
    get_history_record,
    history_entries,
    restore_data,
    restore_preview,
    restore_reason,
)


def history_context(obj, *, can_change: bool, restore_url_name: str) -> dict:
    """What a detail page's history section needs; restoring is offered only to editors."""
    return {
        "can_change": can_change,
        "history": history_entries(obj),
        "restore_url_name": restore_url_name if can_change else None,
    }


class HistoryRestoreView(View):
    """Confirm (GET) and restore (POST) an earlier version of a record.

    A restore is an edit by the restoring user: the earlier values are bound to
    the form that user's edit page shows (only its fields; everything else keeps
    its current value) and handed to the edit's service, so field rights,
    validation and side effects (e.g. the permission sync) are the same.

    Subclasses implement `get_object()` with their app's permission gate asking
    for the right to change, `get_form(obj, data)` returning the user's edit form
    bound to `data` (and to `obj`), and `perform(form, obj, reason)` calling the
    edit's service with `reason` as the change reason.
    """

    template_name = "partials/history_restore_confirm.html"

    def get_object(self):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_form(self, obj, data):  # pragma: no cover - always overridden
        raise NotImplementedError

    def perform(self, form, obj, reason: str) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_record(self, obj):
        record = get_history_record(obj, self.kwargs["history_id"])
        if record is None:
            raise Http404
        return record

    def editable_fields(self, obj) -> list[str]:
        return list(self.get_form(obj, None).fields)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        record = self.get_record(obj)
        return self._confirm(obj, record)

    def _confirm(self, obj, record, *, errors=None, status=200):
        editable = set(self.editable_fields(obj))
        changes = restore_preview(obj, record)
        context = {
            "object": obj,
            "record": record,
            "changes": [c for c in changes if c.name in editable],
            "kept": [c for c in changes if c.name not in editable],
            "errors": errors or [],
            "cancel_url": obj.get_absolute_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        record = self.get_record(obj)
        names = self.editable_fields(obj)
        changes = restore_preview(obj, record, fields=set(names))
        form = self.get_form(obj, restore_data(record, obj, names))
        try:
            if not form.is_valid():
                raise ValidationError(form_error_messages(form))
            self.perform(form, obj, restore_reason(record))
        except ValidationError as error:
            # A bound model form has written the old values onto the object.
            obj.refresh_from_db()
            return self._confirm(obj, record, errors=error.messages, status=409)
        if changes:
            messages.success(request, _("The earlier version has been restored."))
        else:
            messages.info(
                request,
                _("Nothing was changed: the fields you may edit already have these values."),
            )
        return redirect(obj.get_absolute_url())


def form_error_messages(form) -> list[str]:
    """A form's errors as sentences, each naming its field ("Name: …")."""
    result = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for message in errors:
            result.append(f"{capfirst(label)}: {message}" if label else message)
    return result


class ServiceFormView(View):
    """GET shows a form, POST validates it and hands it to a service.

    Subclasses implement `get_target()` (through their app's permission gate) and
    `perform(form, target)` (calling a service, returning the URL to go to).
    A ValidationError from the service is shown at its field with status 400
    (409 when its code is in `conflict_codes`); nothing is saved then.
    """

    template_name = "partials/service_form.html"
    form_class = None
    title = ""
    intro = ""
    submit_label = gettext_lazy("Save")
    success_message = ""
    conflict_codes = ("conflict", "frozen", "cancelled", "approved", "decided")

    def get_target(self):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_form_kwargs(self, target) -> dict:
        return {}

    def get_initial(self, target) -> dict:
        return {}

    def get_context(self, target) -> dict:
        return {}

    def get_cancel_url(self, target) -> str:
        return target.get_absolute_url()

    def perform(self, form, target) -> str:  # pragma: no cover - always overridden
        raise NotImplementedError

    def render_form(self, form, target, *, status=200):
        context = {
            "form": form,
            "target": target,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            "cancel_url": self.get_cancel_url(target),
            **self.get_context(target),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        target = self.get_target()
        form = self.form_class(initial=self.get_initial(target), **self.get_form_kwargs(target))
        return self.render_form(form, target)

    def post(self, request, *args, **kwargs):
        target = self.get_target()
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs(target))
        if not form.is_valid():
            return self.render_form(form, target, status=400)
        try:
            url = self.perform(form, target)
        except ValidationError as error:
            add_service_errors(form, error)
            codes = error_codes(error)
            status = 409 if codes & set(self.conflict_codes) else 400
            return self.render_form(form, target, status=status)
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(url)


def error_codes(error: ValidationError) -> set:
    """The codes of all messages in a ValidationError, whether per field or not."""
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's errors at the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the refused form in the portal's own words and layout (403).

    The technical reason is logged by Django and not shown: it helps nobody filling in
    a form, and the usual causes (a page open for too long, a login in another tab,
    blocked cookies) are named on the page."""
    return render(request, "403_csrf.html", status=403)
