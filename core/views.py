from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .errors import is_conflict, is_unavailable
from .history import (
    get_history_record,
    history_entries,
    restore_data,
    restore_preview,
    restore_reason,
)
from .permissions import MemberRequiredMixin
from .uploads import UploadLimitHandler, uploaded_file_response


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


class FilteredListView(View):
    """The one list page with a filter form and numbered pages (`?seite=`).

    Subclasses name the `filter_form_class` (its `selected()` returns the chosen filters
    as keyword arguments of a selector, {} when nothing valid is chosen) and implement
    `get_rows(selected)` (that selector's queryset). An invalid filter answers 400 with
    the form's German messages, showing the unfiltered rows (or none, with
    `rows_when_invalid = False`); a page number out of range shows the last page. Every
    page holds at most `page_size` rows, and the links to the other pages keep the
    filters (`query`).
    """

    template_name = ""
    filter_form_class = None
    page_size = 25
    context_object_name = "rows"
    rows_when_invalid = True

    def get_filter_form_kwargs(self) -> dict:
        return {}

    def get_rows(self, selected: dict):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_context(self, selected: dict) -> dict:
        return {}

    def get_count(self, selected: dict) -> int | None:
        """The number of rows `get_rows(selected)` holds, when the view knows it already
        (from a query it ran anyway); None lets the paginator count them."""
        return None

    def get_template_name(self) -> str:
        return self.template_name

    def get(self, request, *args, **kwargs):
        form = self.filter_form_class(request.GET or None, **self.get_filter_form_kwargs())
        invalid = form.is_bound and not form.is_valid()
        selected = form.selected()
        page = None
        if self.rows_when_invalid or not invalid:
            paginator = Paginator(self.get_rows(selected), self.page_size)
            count = self.get_count(selected)
            if count is not None:
                paginator.count = count  # a cached property: the paginator asks no more
            page = paginator.get_page(request.GET.get("seite"))
        query = request.GET.copy()
        query.pop("seite", None)
        context = {
            "form": form,
            "page": page,
            self.context_object_name: page.object_list if page is not None else [],
            "filtered": bool(selected),
            "query": query.urlencode(),
            **self.get_context(selected),
        }
        return render(request, self.get_template_name(), context, status=400 if invalid else 200)


class ServiceFormView(View):
    """The one form view: GET shows a form, POST parses it and hands it to a service.

    Every page whose POST writes through a service uses it (or a subclass below).
    Subclasses implement `get_target()` (the object the form acts on, through their
    app's permission gate; None for a form that creates something top-level) and
    `perform(form, target)` (calling a service, returning the URL to go to).

    The answers, decided here and nowhere else:

    * invalid input (the form's or a service's ValidationError): the form again with
      the German messages at their fields, status 400, nothing saved;
    * a `core.errors.Conflict` from the service (someone saved in the meantime, the
      record is frozen, cancelled, decided…): the form again with the message and
      what `get_conflict_context()` adds, status 409, nothing saved;
    * `core.errors.Unavailable` (the mail server failed): the form again, 503;
    * PermissionDenied (from the gate or the service) and Http404 are left to
      Django: 403 and 404 pages. Services run in a transaction, so nothing is saved
      either.

    A ModelForm bound to the target has written the refused values onto it; the
    target is read again so that the page shows what is stored.
    """

    template_name = "partials/service_form.html"
    form_class = None
    title = ""
    intro = ""
    submit_label = gettext_lazy("Save")
    success_message = ""

    def get_target(self):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_form_kwargs(self, target) -> dict:
        return {}

    def get_initial(self, target) -> dict:
        return {}

    def get_form(self, target, data=None, files=None):
        if data is None:
            return self.form_class(initial=self.get_initial(target), **self.get_form_kwargs(target))
        return self.form_class(data, files, **self.get_form_kwargs(target))

    def get_context(self, target) -> dict:
        return {}

    def get_cancel_url(self, target) -> str:
        return target.get_absolute_url()

    def get_success_message(self, form, target) -> str:
        return self.success_message

    def perform(self, form, target) -> str:  # pragma: no cover - always overridden
        raise NotImplementedError

    def render_page(self, form, target, *, status=200, **extra):
        context = {
            "form": form,
            "target": target,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            "cancel_url": self.get_cancel_url(target),
            **self.get_context(target),
            **extra,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        target = self.get_target()
        return self.render_page(self.get_form(target), target)

    def post(self, request, *args, **kwargs):
        target = self.get_target()
        form = self.get_form(target, request.POST, request.FILES)
        if not form.is_valid():
            return self.refused(form, target)
        try:
            url = self.perform(form, target)
        except ValidationError as error:
            add_service_errors(form, error)
            if is_conflict(error):
                return self.conflict(form, target, error)
            if is_unavailable(error):
                self._reread(form, target)
                return self.render_page(form, target, status=503)
            return self.refused(form, target)
        message = self.get_success_message(form, target)
        if message:
            messages.success(request, message)
        return redirect(url)

    def _reread(self, form, target):
        instance = getattr(form, "instance", None)
        if instance is not None and instance.pk is not None:
            instance.refresh_from_db()
        elif getattr(target, "pk", None) is not None and hasattr(target, "refresh_from_db"):
            # A service may have set the refused values on it before its check failed.
            target.refresh_from_db()

    def refused(self, form, target):
        """Bad input: 400, the form with its German messages; nothing was saved."""
        self._reread(form, target)
        return self.render_page(form, target, status=400)

    def get_conflict_context(self, form, target, error) -> dict:
        return {}

    def conflict(self, form, target, error):
        """The record's state refused the change: 409, the form with the message."""
        self._reread(form, target)
        extra = self.get_conflict_context(form, target, error)
        return self.render_page(form, target, status=409, **extra)


class VersionedEditView(ServiceFormView):
    """The editor of a text that several people edit (findings, minutes, concept chapters).

    The form carries the version that was read (a hidden `version` field; the
    initial value comes from `get_version(target)`), and the service refuses with
    `Conflict` (code "conflict") when someone else saved since. The answer is 409
    with the user's input kept in the form, the saved version beside it as
    `theirs` (`get_theirs(target)`, read again through the gate), and the form's
    version moved on to theirs: the next save is meant to replace what was shown.
    """

    template_name = ""
    version_field = "version"

    def get_version(self, target) -> int:
        """The version the form starts from (the target's, unless overridden)."""
        return getattr(target, self.version_field)

    def get_form(self, target, data=None, files=None):
        form = super().get_form(target, data, files)
        if data is None:
            form.initial.setdefault(self.version_field, self.get_version(target))
        return form

    def get_theirs(self, target):
        """The version saved now, or None (default: the target read again)."""
        return self.get_target()

    def get_conflict_context(self, form, target, error) -> dict:
        theirs = self.get_theirs(target)
        if theirs is not None:
            form.data = form.data.copy()
            form.data[self.version_field] = getattr(theirs, self.version_field)
        return {"theirs": theirs}


class UploadFormView(ServiceFormView):
    """A ServiceFormView whose form (a `core.forms.UploadForm`) receives files.

    The upload limit handler goes in before the request body is read, so a huge
    file is dropped while it arrives instead of being written to a temporary file
    first; the form then says "too large" at that field. CSRF is therefore checked
    in `post()`, after the handler is in place: the CSRF middleware would
    otherwise read the body first (Django's documented way).
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return csrf_exempt(super().as_view(**initkwargs))

    def post(self, request, *args, **kwargs):
        self.upload_limiter = UploadLimitHandler(request)
        request.upload_handlers.insert(0, self.upload_limiter)
        return self._checked_post(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def _checked_post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_form(self, target, data=None, files=None):
        if data is None:
            return super().get_form(target)
        return self.form_class(
            data,
            files,
            too_large=self.upload_limiter.too_large,
            **self.get_form_kwargs(target),
        )


class PrivateFileDownloadView(View):
    """Serve a private file to those who may see its row; nobody else learns it exists.

    Subclasses implement `get_file_object()` through their app's permission gate
    (Http404 for those who may not see it). By default the row is a
    `core.models.PrivateFile`; `get_download(obj)` names file, name and type otherwise.
    """

    def get_file_object(self):  # pragma: no cover - always overridden
        raise NotImplementedError

    def get_download(self, obj) -> tuple:
        return obj.file, obj.original_name, obj.content_type

    def get(self, request, *args, **kwargs):
        stored_file, filename, content_type = self.get_download(self.get_file_object())
        return uploaded_file_response(stored_file, filename=filename, content_type=content_type)


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


class FloorView(MemberRequiredMixin, View):
    """The cheapest logged-in page: the whole middleware stack and the base template,
    no data of its own. `bench_pages` measures every page against it."""

    template_name = "core/floor.html"

    def get(self, request):
        return render(request, self.template_name)
