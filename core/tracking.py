"""Tracked saves: how every service writes a row (validated, with the actor in its history)."""

from __future__ import annotations


def apply_changes(instance, data: dict) -> list[str]:
    """Set the given attributes; return the names of those that differ from the stored row.

    Compares with the database, not the instance: a bound ModelForm has already
    written its values onto the instance it edits.
    """
    fields = {name: instance._meta.get_field(name) for name in data}
    stored = {}
    if instance.pk is not None:
        stored = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values(*(f.attname for f in fields.values()))
            .first()
            or {}
        )
    changed = []
    for name, value in data.items():
        field = fields[name]
        raw = value.pk if field.is_relation and value is not None else value
        setattr(instance, name, value)
        if field.attname not in stored or stored[field.attname] != raw:
            changed.append(name)
    return changed


def save_tracked(instance, *, actor, reason: str | None = None, update_fields=None) -> None:
    """`full_clean()`, then save with `actor` (and `reason`) in the history row.

    With `update_fields` only those columns (and `modified`) are written."""
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    if update_fields is not None:
        instance.save(update_fields=[*update_fields, "modified"])
    else:
        instance.save()
