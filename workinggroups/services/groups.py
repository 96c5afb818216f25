"""Writes for working groups: a group is a body with a profile."""

from django.db import transaction

from cooperation.models import Body, BodyKind
from cooperation.services import apply_changes, save_tracked

from ..models import WorkingGroup


@transaction.atomic
def working_group_create(
    *, name, short_code, function_area, lead_partner, mandate="", actor, **body_fields
) -> WorkingGroup:
    """Create a working group: its body (for memberships and meetings) and its profile."""
    body = Body(name=name, short_code=short_code, kind=BodyKind.WORKING_GROUP, **body_fields)
    save_tracked(body, actor=actor)
    group = WorkingGroup(
        body=body, function_area=function_area, lead_partner=lead_partner, mandate=mandate
    )
    save_tracked(group, actor=actor)
    return group


@transaction.atomic
def working_group_update(*, group: WorkingGroup, data: dict, actor) -> WorkingGroup:
    changed = apply_changes(group, data)
    if changed:
        save_tracked(group, actor=actor, update_fields=changed)
    return group
