"""What a deletion (in a service, a cascade or the admin) must not leave behind.

* **Stored files**: a deleted row's files are removed from storage once the
  transaction commits (never before: a rollback keeps the row, so it keeps its file).
* **Tracked many-to-many links** (`HistoricalRecords(m2m_fields=[...])`): deleting
  either side silently drops the link rows, so the object on the other side would
  lose a link without a trace in its history. Each surviving object gets a history
  entry naming the deleted object; where the survivor tracks the field itself, that
  entry also shows the link gone (the through rows are deleted by then).

Signals are connected per model (in `CoreConfig.ready`), never for every sender:
a receiver for all models would stop Django from fast-deleting anything.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_delete
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .i18n import portal_language

logger = logging.getLogger(__name__)

# Models whose files belong to one row alone (random names from `private_upload_to`).
MODELS_WITH_OWN_FILES = [
    "documents.Document",
    "meetings.Paper",
    "workinggroups.FindingAttachment",
    "councils.MinutesExtract",
    "cooperation.SpatialPlanningContract",
    "participation.StatementAttachment",
    "participation.WeighingTable",
]


# --- Stored files ------------------------------------------------------------------------


def _delete_files_after_commit(sender, instance, using=None, **kwargs):
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        stored = getattr(instance, field.attname)
        if not stored or not stored.name:
            continue
        storage, name = stored.storage, stored.name
        transaction.on_commit(lambda s=storage, n=name: s.delete(n), using=using, robust=True)


# --- Tracked many-to-many links ----------------------------------------------------------


def tracked_m2m_fields() -> list[models.ManyToManyField]:
    """Every many-to-many field whose changes a model's history records."""
    fields = []
    for model in apps.get_models():
        manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager_name is None or model._meta.proxy:
            continue
        history_model = getattr(model, manager_name).model
        fields.extend(getattr(history_model, "_history_m2m_fields", ()))
    return fields


@dataclass
class _LostLinks:
    survivor_model: type[models.Model]
    survivor_pks: list
    reason_params: dict


_state = threading.local()


def _being_deleted(origin) -> set:
    """(model, pk) of everything the current deletion removes. Django sends every
    pre_delete of one deletion before its first post_delete, all with the same origin."""
    current = getattr(_state, "current", None)
    if current is None or current[0] is not origin:
        current = _state.current = (origin, set())
    return current[1]


def _key(model, pk):
    return (model._meta.concrete_model, pk)


def _history_tracked(model) -> bool:
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


def _collect_lost_links(sender, instance, origin=None, **kwargs):
    _being_deleted(origin).add(_key(type(instance), instance.pk))
    name = str(instance)
    lost = []
    model = instance._meta.concrete_model
    for field in _OWNED.get(model, ()):
        # The deleted object holds the links: the objects it pointed at survive.
        pks = list(getattr(instance, field.name).values_list("pk", flat=True))
        if pks and _history_tracked(field.related_model):
            lost.append(
                _LostLinks(
                    field.related_model,
                    pks,
                    {"model": instance._meta.verbose_name, "name": name, "field": field},
                )
            )
    for field in _TARGETED.get(model, ()):
        # The deleted object is pointed at: the objects holding the links survive.
        owner = field.model
        pks = list(
            owner._base_manager.filter(**{field.name: instance}).values_list("pk", flat=True)
        )
        if pks:
            lost.append(
                _LostLinks(
                    owner, pks, {"model": instance._meta.verbose_name, "name": name, "field": field}
                )
            )
    if lost:
        instance._lost_links = lost


def _record_lost_links(sender, instance, origin=None, **kwargs):
    lost = instance.__dict__.pop("_lost_links", None)
    if not lost:
        return
    deleting = _being_deleted(origin)
    actor = getattr(instance, "_history_user", None)
    for links in lost:
        params = links.reason_params
        with portal_language():
            reason = _("Link removed: %(model)s “%(name)s” was deleted (%(field)s)") % {
                "model": params["model"],
                "name": params["name"],
                "field": capfirst(params["field"].verbose_name),
            }
        model = links.survivor_model
        has_modified = any(f.name == "modified" for f in model._meta.concrete_fields)
        for survivor in model._base_manager.filter(pk__in=links.survivor_pks):
            if _key(model, survivor.pk) in deleting:
                continue  # goes in the same deletion: its own history says so
            if actor is not None:
                survivor._history_user = actor
            survivor._change_reason = reason
            survivor.save(update_fields=["modified"] if has_modified else None)


# Filled by connect(): concrete model -> the tracked fields it holds / that point at it.
_OWNED: dict[type, set] = {}
_TARGETED: dict[type, set] = {}


def connect() -> None:
    for label in MODELS_WITH_OWN_FILES:
        post_delete.connect(
            _delete_files_after_commit,
            sender=apps.get_model(label),
            dispatch_uid=f"core.deletion.files.{label}",
        )

    for field in tracked_m2m_fields():
        _OWNED.setdefault(field.model._meta.concrete_model, set()).add(field)
        _TARGETED.setdefault(field.related_model._meta.concrete_model, set()).add(field)
    for model in {*_OWNED, *_TARGETED}:
        label = model._meta.label
        pre_delete.connect(
            _collect_lost_links, sender=model, dispatch_uid=f"core.deletion.links.pre.{label}"
        )
        post_delete.connect(
            _record_lost_links, sender=model, dispatch_uid=f"core.deletion.links.post.{label}"
        )
