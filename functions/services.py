from django.db import transaction

from core.tracking import apply_changes, save_tracked

from .models import Facility


@transaction.atomic
def facility_create(*, actor, **data) -> Facility:
    facility = Facility(**data)
    save_tracked(facility, actor=actor)
    return facility


@transaction.atomic
def facility_update(
    *, facility: Facility, data: dict, actor, reason: str | None = None
) -> Facility:
    changed = apply_changes(facility, data)
    if changed:
        save_tracked(facility, actor=actor, reason=reason, update_fields=changed)
    return facility
