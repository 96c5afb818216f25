"""Reading and restoring the change history that django-simple-history keeps.

`history_entries()` turns historical records into what the history section
shows: who changed what when, each field old -> new, with labels and display
values resolved in a fixed number of queries (one for the records, one for the
many-to-many rows of all the fields the model tracks, if any, one per foreign-key
target model whose values the page has not loaded on the object already).
"""

from __future__ import annotations

import datetime
import functools
import inspect
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import IntegerField, Value
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from simple_history.utils import get_app_model_primary_key_name, get_m2m_reverse_field_name

from .choices import choice_labels

# Bookkeeping fields that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"created", "modified", "id"}

HISTORY_TYPE_LABELS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(slots=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass(slots=True)
class HistoryEntry:
    record: models.Model
    user: object
    date: datetime.datetime
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[self.kind]

    @property
    def pk(self):
        return self.record.pk


def _tracked_fields(history_model) -> list[models.Field]:
    return [f for f in history_model.tracked_fields if f.editable and f.name not in IGNORED_FIELDS]


def _m2m_fields(history_model) -> list[models.Field]:
    return list(history_model._history_m2m_fields)


@dataclass(frozen=True)
class _M2M:
    """A tracked many-to-many field: the historical table of its rows and the column of
    the related object's id in it."""

    field: models.Field
    through: type
    column: str


@dataclass(frozen=True)
class _Shape:
    """What the history section reads of a historical model, worked out once per model:
    the fields it shows (the many-to-many ones last) and the tables of the latter."""

    fields: tuple
    m2m: tuple


@functools.cache
def _shape(history_model) -> _Shape:
    m2m = tuple(
        _M2M(
            field=f,
            # The descriptor simple-history puts on the historical model, read without
            # calling it (a call builds a manager class each time).
            through=inspect.getattr_static(history_model, f.name).model,
            column=f"{get_m2m_reverse_field_name(f)}_id",
        )
        for f in _m2m_fields(history_model)
    )
    return _Shape(fields=(*_tracked_fields(history_model), *(m.field for m in m2m)), m2m=m2m)


@functools.cache
def history_model(model) -> type:
    """The historical model of `model` (read off its history descriptor without
    building the manager class that `Model.history` builds on each access: ~0.5 ms).
    Query it through its `_default_manager`, e.g. in a subquery of a hot page."""
    return inspect.getattr_static(model, model._meta.simple_history_manager_attribute).model


@functools.lru_cache(maxsize=1024)
def _label(model_field, language) -> str:
    """A field's verbose name in `language` (the active one, part of the cache key)."""
    return str(model_field.verbose_name)


def _m2m_ids(record, m2m_field) -> frozenset:
    return _m2m_ids_by_record([record], m2m_field)[record.pk]


def _m2m_ids_by_record(records, m2m_field) -> dict:
    """The related ids each historical record kept for `m2m_field`, in one query."""
    m2m = next(m for m in _shape(type(records[0])).m2m if m.field == m2m_field)
    return _m2m_ids_by_field(records, (m2m,))[m2m_field.name]


def _m2m_ids_by_field(records, m2m_fields) -> dict:
    """{field name: {record pk: the related ids the record kept}} for the tracked
    many-to-many fields `m2m_fields` (`_M2M`), all in one query (a UNION of one SELECT
    per field's table)."""
    pks = [record.pk for record in records]
    queries = [
        m2m.through._default_manager.filter(history_id__in=pks)
        .annotate(which=Value(index, output_field=IntegerField()))
        .values_list("which", "history_id", m2m.column)
        .order_by()
        for index, m2m in enumerate(m2m_fields)
    ]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    ids = [{pk: set() for pk in pks} for _m2m in m2m_fields]
    for which, history_id, related_id in rows:
        ids[which][history_id].add(related_id)
    return {
        m2m.field.name: {pk: frozenset(values) for pk, values in by_record.items()}
        for m2m, by_record in zip(m2m_fields, ids, strict=True)
    }


def _display(value, model_field, related_names, language=None) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return related_names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return choice_labels(model_field, language).get(value, str(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, (int, float, Decimal)):
        return formats.localize(value, use_l10n=True)
    if isinstance(value, models.fields.files.FieldFile) or hasattr(value, "name"):
        return str(getattr(value, "name", value)).rsplit("/", 1)[-1] or "—"
    return str(value)


def history_records(obj, *, limit: int = 20) -> list:
    """The newest `limit` records plus one older record to diff the last against."""
    records_model = history_model(type(obj))
    queryset = (
        records_model._default_manager.filter(**{get_app_model_primary_key_name(obj): obj.pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    return list(queryset[: limit + 1])


def _loaded_names(obj, fields) -> dict:
    """The names of the related objects the page has already loaded on `obj` (its
    select_related foreign keys and prefetched many-to-many fields): the values most
    history records hold need no query of their own."""
    names = {}
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    for history_field in fields:
        if not history_field.is_relation:
            continue
        try:
            live = obj._meta.get_field(history_field.name)
        except FieldDoesNotExist:
            continue
        if live.many_to_many:
            related = list(prefetched.get(live.name, ()))
        elif live.many_to_one and live.is_cached(obj):
            related = [live.get_cached_value(obj)]
        else:
            continue
        for item in related:
            # An object read with only some columns might read the rest for its name.
            if item is not None and not item.get_deferred_fields():
                names[(history_field.related_model, item.pk)] = str(item)
    return names


class _Values:
    """Raw values of a list of historical records and how to show them. The names of
    related objects are read when the first one is shown (`names` may be given some
    beforehand, which then need no query)."""

    def __init__(self, records, current=None):
        shape = _shape(type(records[0]))
        self.fields = shape.fields
        self.language = get_language()
        self.labels = [_label(f, self.language) for f in self.fields]
        m2m_ids = _m2m_ids_by_field(records, shape.m2m) if shape.m2m else {}
        tracked = [f.attname for f in self.fields[: len(self.fields) - len(shape.m2m)]]
        self.raw = [
            (
                *[getattr(record, attname) for attname in tracked],
                *[m2m_ids[m.field.name][record.pk] for m in shape.m2m],
            )
            for record in records
        ]
        self.current = current
        self.names: dict = {}
        self._resolved = False

    def column(self, name: str) -> list:
        """The raw values of field `name`, one per record."""
        index = next(i for i, f in enumerate(self.fields) if f.name == name)
        return [values[index] for values in self.raw]

    def _resolve_names(self) -> None:
        self._resolved = True
        wanted: dict[type, set] = {}
        for index, f in enumerate(self.fields):
            if f.is_relation:
                target = wanted.setdefault(f.related_model, set())
                for values in self.raw:
                    value = values[index]
                    if isinstance(value, frozenset):
                        target.update(value)
                    elif value is not None:
                        target.add(value)
        if self.current is not None:
            self.names = {**_loaded_names(self.current, self.fields), **self.names}
        for model, pks in wanted.items():
            pks = {pk for pk in pks if (model, pk) not in self.names}
            if pks:
                for related in model._base_manager.filter(pk__in=pks):
                    self.names[(model, related.pk)] = str(related)

    def show(self, model_field, value) -> str:
        if not self._resolved:
            self._resolve_names()
        if isinstance(value, frozenset):
            names = sorted(
                self.names.get((model_field.related_model, pk), f"#{pk}") for pk in value
            )
            return ", ".join(names) or "—"
        return _display(value, model_field, self.names, self.language)

    def changes(self, new_index: int, old_index: int | None, *, created: bool) -> list:
        result = []
        new_values = self.raw[new_index]
        old_values = self.raw[old_index] if old_index is not None else None
        for index, f in enumerate(self.fields):
            new = new_values[index]
            if old_values is None:
                if not created or new in (None, "", frozenset()):
                    continue
                old_shown = "—"
            else:
                old = old_values[index]
                if old == new:
                    continue
                old_shown = self.show(f, old)
            result.append(FieldChange(f.name, self.labels[index], old_shown, self.show(f, new)))
        return result


class History:
    """The newest `limit` records of `obj`'s history, read (with their many-to-many
    rows) when made; `entries()` shows them."""

    def __init__(self, obj, *, limit: int = 20):
        self.limit = limit
        self.records = history_records(obj, limit=limit)
        self.values = _Values(self.records, current=obj) if self.records else None

    def entries(self) -> list[HistoryEntry]:
        records, values = self.records, self.values
        # The extra oldest record (if the history is longer than `limit`) only serves
        # as a base.
        shown = records[: self.limit]
        return [
            HistoryEntry(
                record,
                record.history_user,
                record.history_date,
                record.history_type,
                record.history_change_reason or "",
                values.changes(
                    index,
                    index + 1 if index + 1 < len(records) else None,
                    created=record.history_type == "+",
                ),
            )
            for index, record in enumerate(shown)
        ]


def history_entries(obj, *, limit: int = 20) -> list[HistoryEntry]:
    return History(obj, limit=limit).entries()


def restore_preview(obj, record, *, fields=None) -> list[FieldChange]:
    """What restoring `record` would change: current value (old) -> restored value (new).

    With `fields` (names), only the changes of those fields.
    """
    latest = history_records(obj, limit=0)
    if not latest or latest[0].pk == record.pk:
        return []
    values = _Values([record, latest[0]])
    changes = values.changes(0, 1, created=False)
    if fields is not None:
        changes = [change for change in changes if change.name in fields]
    return changes


def restore_reason(record) -> str:
    """The change reason of a restore: "Restored the version of <date>"."""
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    return _("Restored the version of %(date)s") % {"date": when}


def restore_data(record, obj, names) -> dict:
    """The values `record` kept for the model fields `names`, as form data.

    Bound to the edit form of the restoring user, they pass the same field
    rights and validation as an edit. A foreign key gives its primary key, a
    tracked many-to-many field the ids the record kept; an untracked one, and a
    file (which no form data can carry), keep the current value of `obj`.
    """
    history_model = type(record)
    tracked_m2m = {f.name: f for f in _m2m_fields(history_model)}
    instance = record.instance
    data = {}
    for name in names:
        try:
            model_field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.many_to_many:
            if name in tracked_m2m:
                data[name] = sorted(_m2m_ids(record, tracked_m2m[name]))
            else:
                data[name] = [related.pk for related in getattr(obj, name).all()]
        elif isinstance(model_field, models.FileField):
            continue
        elif model_field.concrete:
            data[name] = getattr(instance, model_field.attname)
    return data


def get_history_record(obj, history_id):
    """The historical record `history_id` of `obj`, or None."""
    return obj.history.filter(history_id=history_id).select_related("history_user").first()


@transaction.atomic
def history_restore(*, record, actor) -> models.Model:
    """Save every field of `record` as the current state; the restore is itself recorded.

    This bypasses the field rights and side effects of the edit forms and
    services, so it is for trusted code only (a shell, a data repair). Views
    restore through `core.views.HistoryRestoreView`, which binds the restoring
    user's own edit form and calls the edit's service.

    Uses `record.instance` (not `history_object`), which keeps excluded fields,
    and restores tracked many-to-many fields too. Raises ValidationError when the
    old state is no longer valid (e.g. a unique value taken since).
    """
    instance = record.instance
    # The rebuilt instance looks unsaved; mark it as the existing row so that
    # validation (uniqueness) and save() treat it as an update of itself.
    instance._state.adding = False
    instance._state.db = record._state.db
    instance.full_clean()
    reason = restore_reason(record)
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()
    for m2m_field in _m2m_fields(type(record)):
        instance._history_user = actor
        instance._change_reason = reason
        getattr(instance, m2m_field.name).set(_m2m_ids(record, m2m_field))
    return instance
