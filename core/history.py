"""Reading and restoring the change history that django-simple-history keeps.

`history_entries()` turns historical records into what the history section
shows: who changed what when, each field old -> new, with labels and display
values resolved in a fixed number of queries (one for the records, one for the
many-to-many rows if the model tracks any, one per foreign-key target model whose
values the page has not loaded on the object already).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

# Bookkeeping fields that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"created", "modified", "id"}

HISTORY_TYPE_LABELS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
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


def _m2m_ids(record, m2m_field) -> frozenset:
    return _m2m_ids_by_record([record], m2m_field)[record.pk]


def _m2m_ids_by_record(records, m2m_field) -> dict:
    """The related ids each historical record kept for `m2m_field`, in one query."""
    reverse = get_m2m_reverse_field_name(m2m_field)
    through = getattr(records[0], m2m_field.name).model
    ids = {record.pk: set() for record in records}
    rows = through._default_manager.filter(history__in=[r.pk for r in records]).values_list(
        "history_id", f"{reverse}_id"
    )
    for history_id, related_id in rows:
        ids[history_id].add(related_id)
    return {key: frozenset(value) for key, value in ids.items()}


def _display(value, model_field, related_names) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return related_names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
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
    queryset = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
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
    """Raw values of a list of historical records and how to show them."""

    def __init__(self, records, current=None):
        history_model = type(records[0])
        self.fields = [*_tracked_fields(history_model), *_m2m_fields(history_model)]
        m2m_ids = {f.name: _m2m_ids_by_record(records, f) for f in _m2m_fields(history_model)}
        self.raw = []
        for record in records:
            values = {}
            for f in self.fields:
                if f.name in m2m_ids:
                    values[f.name] = m2m_ids[f.name][record.pk]
                else:
                    values[f.name] = getattr(record, f.attname)
            self.raw.append(values)
        wanted: dict[type, set] = {}
        for f in self.fields:
            if f.is_relation:
                target = wanted.setdefault(f.related_model, set())
                for values in self.raw:
                    value = values[f.name]
                    if isinstance(value, frozenset):
                        target.update(value)
                    elif value is not None:
                        target.add(value)
        self.names = _loaded_names(current, self.fields) if current is not None else {}
        for model, pks in wanted.items():
            pks = {pk for pk in pks if (model, pk) not in self.names}
            if pks:
                for related in model._base_manager.filter(pk__in=pks):
                    self.names[(model, related.pk)] = str(related)

    def show(self, model_field, value) -> str:
        if isinstance(value, frozenset):
            names = sorted(
                self.names.get((model_field.related_model, pk), f"#{pk}") for pk in value
            )
            return ", ".join(names) or "—"
        return _display(value, model_field, self.names)

    def changes(self, new_index: int, old_index: int | None, *, created: bool) -> list:
        result = []
        new_values = self.raw[new_index]
        old_values = self.raw[old_index] if old_index is not None else None
        for f in self.fields:
            new = new_values[f.name]
            if old_values is None:
                if not created or new in (None, "", frozenset()):
                    continue
                old_shown = "—"
            else:
                if old_values[f.name] == new:
                    continue
                old_shown = self.show(f, old_values[f.name])
            result.append(
                FieldChange(
                    name=f.name,
                    label=str(f.verbose_name),
                    old=old_shown,
                    new=self.show(f, new),
                )
            )
        return result


def history_entries(obj, *, limit: int = 20) -> list[HistoryEntry]:
    records = history_records(obj, limit=limit)
    if not records:
        return []
    values = _Values(records, current=obj)
    entries = []
    # The extra oldest record (if the history is longer than `limit`) only serves as a base.
    for index, record in enumerate(records[:limit]):
        older = index + 1 if index + 1 < len(records) else None
        entries.append(
            HistoryEntry(
                record=record,
                user=record.history_user,
                date=record.history_date,
                kind=record.history_type,
                reason=record.history_change_reason or "",
                changes=values.changes(index, older, created=record.history_type == "+"),
            )
        )
    return entries


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
