"""Who may do what: derived from memberships and staff links, never set by hand.

One service, `sync_user_permissions()`, turns a user's current memberships and
staff links into

* membership of two role groups with model-level permissions:
  - MEMBERS_GROUP: every active member of the cooperation (a current membership
    in an active body or a staff link to an active partner) views the shared
    record;
  - OFFICE_GROUP: the office (Geschäftsstelle: the office role on the board)
    changes bodies, memberships, the contract, the phase and partners;
* django-guardian object permissions (direct foreign-key tables):
  - a partner administrator: `change_partner` and `manage_facilities` on
    their partner;
  - every current member of a body: `act_as_member` on the body;
  - an office member of a body: `change_body` on that body.

The services that change memberships, staff links, partners or bodies call it
for the users concerned; `manage.py sync_permissions` (daily) and each login
catch memberships that started or ended by date. Views ask the gates below.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access.services import record_right_change
from core.backends import forget_permissions, held_object_permissions
from core.permissions import has_perm_for, is_member

from .models import (
    Body,
    BodyGroupObjectPermission,
    BodyKind,
    BodyUserObjectPermission,
    Membership,
    Partner,
    PartnerGroupObjectPermission,
    PartnerStaff,
    PartnerUserObjectPermission,
    Role,
    SpatialPlanningContract,
)

MEMBERS_GROUP = "IMPULS: Mitglieder der Kooperation"
OFFICE_GROUP = "IMPULS: Geschäftsstelle"

# The permission that marks a member of the cooperation: whoever has it may read
# the shared record (partners, contract, bodies, functions, facilities). Named in
# the settings, so that core's MemberRequiredMixin can ask for it.
VIEW_SHARED_RECORD = settings.MEMBER_PERMISSION

SHARED_MODELS = [
    "cooperation.partner",
    "cooperation.partnerstaff",
    "cooperation.spatialplanningcontract",
    "cooperation.contractclause",
    "cooperation.contractamendment",
    "cooperation.body",
    "cooperation.membership",
    "cooperation.cooperationphase",
    "functions.functionarea",
    "functions.centralfunction",
    "functions.facility",
    "workinggroups.workinggroup",
    "meetings.meeting",
    "meetings.decision",
    "overview.conceptchapter",
    "documents.document",
    "priorities.priorityround",
    "participation.participationprocedure",
]
OFFICE_MODELS = [
    "cooperation.body",
    "cooperation.membership",
    "cooperation.spatialplanningcontract",
    "cooperation.contractclause",
    "cooperation.contractamendment",
    "cooperation.cooperationphase",
    "workinggroups.workinggroup",
    "overview.conceptchapter",
    "documents.document",
    "priorities.priorityround",
    "participation.participationprocedure",
]

ROLE_GROUP_PERMISSIONS = {
    MEMBERS_GROUP: [f"{m.split('.')[0]}.view_{m.split('.')[1]}" for m in SHARED_MODELS],
    OFFICE_GROUP: [
        *(f"{m.split('.')[0]}.view_{m.split('.')[1]}" for m in SHARED_MODELS),
        *(
            f"{m.split('.')[0]}.{action}_{m.split('.')[1]}"
            for m in OFFICE_MODELS
            for action in ("add", "change", "delete")
        ),
        "cooperation.add_partner",
        "cooperation.change_partner",
        "meetings.view_confidential_agendaitem",
        "access.view_accessevent",  # the office reads the access log
        # The office resets a lost second factor and lifts lock-outs (recorded).
        "accounts.add_secondfactorreset",
        "accounts.add_lockoutlift",
        # The office edits the legal texts and reads and answers feedback on barriers.
        "legal.view_legaltext",
        "legal.change_legaltext",
        "legal.view_accessibilityfeedback",
        "legal.change_accessibilityfeedback",
        # The office weighs the statements of a participation procedure.
        "participation.weigh_statement",
    ],
    # Participant accounts of a participation procedure: no permission at all (so no
    # internal page opens); participation's gates let them see their own procedures.
    settings.PARTICIPANT_GROUP: [],
}

PARTNER_ADMIN_CODENAMES = ("change_partner", "manage_facilities")
CHAIR_ROLES = {Role.CHAIR, Role.DEPUTY_CHAIR}


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = list(
        Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
    )
    found = [p for p in found if (p.content_type.app_label, p.codename) in wanted]
    if len(found) != len(wanted):
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        raise ImproperlyConfigured(f"Permissions missing (migrate first): {sorted(missing)}")
    return found


def ensure_role_groups() -> dict[str, Group]:
    """Create the role groups and give them exactly the permissions defined here."""
    groups = {}
    for name, perm_names in ROLE_GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(perm_names))
        groups[name] = group
    return groups


def _set_group(user, group: Group, member: bool, current_ids: set[int], actor=None) -> None:
    # Write only differences, so that an unchanged sync leaves no trace.
    if member and group.pk not in current_ids:
        user.groups.add(group)
        record_right_change(user=user, granted=True, right=group.name, actor=actor)
    elif not member and group.pk in current_ids:
        user.groups.remove(group)
        record_right_change(user=user, granted=False, right=group.name, actor=actor)


def _sync_object_permissions(model, target_model, user, wanted: set[tuple[str, int]], actor):
    existing = {
        (row.permission.codename, row.content_object_id): row
        for row in model.objects.filter(user=user).select_related("permission")
    }
    to_add = wanted - existing.keys()
    if to_add:
        perms = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label=target_model._meta.app_label,
                content_type__model=target_model._meta.model_name,
                codename__in={codename for codename, _ in to_add},
            )
        }
        for codename, object_id in sorted(to_add):
            row = model(user=user, permission=perms[codename], content_object_id=object_id)
            row._history_user = actor
            row.save()
            _record_object_right(user, row, target_model, granted=True, actor=actor)
    for key in existing.keys() - wanted:
        row = existing[key]
        row._history_user = actor
        row.delete()
        _record_object_right(user, row, target_model, granted=False, actor=actor)


def _record_object_right(user, row, target_model, *, granted: bool, actor) -> None:
    """The access log names the right and the object by their keys (no extra query)."""
    record_right_change(
        user=user,
        granted=granted,
        right=f"{target_model._meta.app_label}.{row.permission.codename}",
        target=target_model(pk=row.content_object_id),
        actor=actor,
    )


@transaction.atomic
def sync_user_permissions(user, *, actor=None, on=None) -> None:
    """Bring the user's groups and object permissions in line with their roles."""
    on = on or timezone.localdate()
    groups = ensure_role_groups()
    memberships = []
    staff_links = []
    if user.is_active:
        memberships = list(
            Membership.objects.current(on)
            .filter(user=user, body__is_active=True)
            .select_related("body")
        )
        staff_links = list(PartnerStaff.objects.filter(user=user, partner__is_active=True))

    group_ids = set(user.groups.values_list("pk", flat=True))
    _set_group(user, groups[MEMBERS_GROUP], bool(memberships or staff_links), group_ids, actor)
    _set_group(
        user,
        groups[OFFICE_GROUP],
        any(m.role == Role.OFFICE and m.body.is_board for m in memberships),
        group_ids,
        actor,
    )
    _sync_object_permissions(
        PartnerUserObjectPermission,
        Partner,
        user,
        {
            (codename, link.partner_id)
            for link in staff_links
            if link.is_admin
            for codename in PARTNER_ADMIN_CODENAMES
        },
        actor,
    )
    _sync_object_permissions(
        BodyUserObjectPermission,
        Body,
        user,
        {("act_as_member", m.body_id) for m in memberships}
        | {("change_body", m.body_id) for m in memberships if m.role == Role.OFFICE}
        | {("chair_body", m.body_id) for m in memberships if m.role in CHAIR_ROLES}
        | {("lead_body", m.body_id) for m in memberships if m.role == Role.LEAD},
        actor,
    )
    # Django and the object-permission backend cache permissions on the user object;
    # the request remembers the user's bodies.
    forget_permissions(user)
    forget_remembered_bodies(user)


def has_strict_session(user) -> bool:
    """Whether the user's logins get the strict time-outs: the office and everyone with
    a current seat on an active board (chair, members, deputies; guests aside), and
    technical administrators."""
    if user.is_staff or user.is_superuser:
        return True
    return (
        Membership.objects.current()
        .filter(user=user, body__kind=BodyKind.BOARD, body__is_active=True)
        .exclude(role=Role.GUEST)
        .exists()
    )


def sync_all_permissions(*, actor=None) -> int:
    from accounts.models import User

    count = 0
    for user in User.objects.all():
        sync_user_permissions(user, actor=actor)
        count += 1
    return count


# --- Gates: the only way views reach objects -------------------------------------------


# Board roles whose holders must log in with a second factor (guests need not).
SECOND_FACTOR_BOARD_ROLES = {
    Role.CHAIR,
    Role.DEPUTY_CHAIR,
    Role.MEMBER,
    Role.DEPUTY_MEMBER,
    Role.OFFICE,
}


def second_factor_required(user) -> bool:
    """Whether the person must log in with a second factor: a current seat on the board
    (member, deputy, chair, office), the office group, a participant account, a partner
    administrator, or Django staff. Asked only while a session is unverified
    (accounts.middleware)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # The office, and participant accounts (invited from outside the cooperation).
    if user.groups.filter(name__in=[OFFICE_GROUP, settings.PARTICIPANT_GROUP]).exists():
        return True
    if (
        Membership.objects.current()
        .filter(user=user, body__kind=BodyKind.BOARD, role__in=SECOND_FACTOR_BOARD_ROLES)
        .exists()
    ):
        return True
    return PartnerStaff.objects.filter(user=user, is_admin=True).exists()


def is_cooperation_member(user) -> bool:
    return is_member(user)


def can_change_partner(user, partner: Partner) -> bool:
    return has_perm_for(user, "cooperation.change_partner", partner)


def can_manage_cooperation(user) -> bool:
    """The office's model-level rights over partners' status, kind and activity."""
    return user.has_perm("cooperation.change_partner")


def can_change_body(user, body: Body) -> bool:
    return has_perm_for(user, "cooperation.change_body", body)


def can_record_phase(user) -> bool:
    return user.has_perm("cooperation.add_cooperationphase")


def can_change_contract(user, contract: SpatialPlanningContract) -> bool:
    return user.has_perm("cooperation.change_spatialplanningcontract")


def _gate(obj, user, *, view_perm: str, perm: str, can_change) -> object:
    if not has_perm_for(user, view_perm, obj):
        raise Http404
    if perm == "change" and not can_change(user, obj):
        raise PermissionDenied
    return obj


def get_partner_for_user(user, pk, *, perm="view", queryset=None) -> Partner:
    partner = get_object_or_404(queryset if queryset is not None else Partner.objects, pk=pk)
    return _gate(
        partner,
        user,
        view_perm="cooperation.view_partner",
        perm=perm,
        can_change=can_change_partner,
    )


def get_body_for_user(user, pk, *, perm="view", queryset=None) -> Body:
    body = get_object_or_404(queryset if queryset is not None else Body.objects, pk=pk)
    return _gate(
        body, user, view_perm="cooperation.view_body", perm=perm, can_change=can_change_body
    )


def get_contract_for_user(user, pk, *, perm="view", queryset=None) -> SpatialPlanningContract:
    qs = queryset if queryset is not None else SpatialPlanningContract.objects
    contract = get_object_or_404(qs, pk=pk)
    return _gate(
        contract,
        user,
        view_perm="cooperation.view_spatialplanningcontract",
        perm=perm,
        can_change=can_change_contract,
    )


def _objects_with_perm(model, user_table, group_table, user, perm: str):
    """Objects on which the user holds `perm`: all of them for a model-level permission
    (role group, superuser), else those with a direct object permission of the user
    or one of their groups. One query, on guardian's direct foreign-key tables."""
    if user.has_perm(perm):
        return model.objects.all()
    by_user, by_group = _grants(user_table, group_table, user, perm)
    return model.objects.filter(Q(pk__in=by_user) | Q(pk__in=by_group))


def _grants(user_table, group_table, user, perm: str):
    """The ids of the objects on which `perm` is granted to the user directly and
    through one of their groups (two querysets of `content_object_id`)."""
    app_label, codename = perm.split(".", 1)
    wanted = {
        "permission__codename": codename,
        "permission__content_type__app_label": app_label,
    }
    by_user = user_table.objects.filter(user=user, **wanted)
    by_group = group_table.objects.filter(group__user=user, **wanted)
    return (
        by_user.values_list("content_object_id", flat=True),
        by_group.values_list("content_object_id", flat=True),
    )


def _body_ids_with_perm(user, perm: str) -> list[int]:
    """`bodies_for_user`'s ids in one small query (no scan of the bodies)."""
    if user.has_perm(perm):
        return list(Body.objects.order_by().values_list("pk", flat=True))
    held = held_object_permissions(user, Body)
    if held is not None:
        # Every grant of the user on bodies is read already (for the page's gates):
        # those of `perm`, with no query of their own. A body's grants are permissions
        # of its own content type (guardian checks it), so of this app.
        app_label, codename = perm.split(".", 1)
        if app_label != Body._meta.app_label:
            return []
        return [int(pk) for pk, codenames in held.items() if codename in codenames]
    by_user, by_group = _grants(BodyUserObjectPermission, BodyGroupObjectPermission, user, perm)
    return list(by_user.order_by().union(by_group.order_by()))


def partners_for_user(user, perm: str):
    return _objects_with_perm(
        Partner, PartnerUserObjectPermission, PartnerGroupObjectPermission, user, perm
    )


def _remembered_ids(user, perm: str) -> list[int] | None:
    """The user's body ids for `perm`, read once per `remembered_bodies()` block; None
    outside one (or for an anonymous user)."""
    memo = _remembered.get()
    if memo is None or not user.is_authenticated:
        return None
    key = (user.pk, perm)
    if key not in memo:
        memo[key] = _body_ids_with_perm(user, perm)
    return memo[key]


def bodies_for_user(user, perm: str):
    """The bodies on which `user` holds `perm` (a queryset). Inside
    `remembered_bodies()` each user's bodies per permission are read once and then
    passed as a list of ids, so that statements gating many tables (the search, the
    dashboard) carry no permission subqueries."""
    ids = _remembered_ids(user, perm)
    if ids is None:
        return _objects_with_perm(
            Body, BodyUserObjectPermission, BodyGroupObjectPermission, user, perm
        )
    # No bodies: an empty queryset that says so (`query.is_empty()`) without compiling.
    return Body.objects.filter(pk__in=ids) if ids else Body.objects.none()


def body_ids_for_user(user, perm: str):
    """The primary keys of `bodies_for_user`, for a filter on a body's foreign key
    (`body_id__in=`). Inside `remembered_bodies()` a plain list, so that the statement
    carries neither a subquery nor the work of building one; elsewhere a subquery."""
    ids = _remembered_ids(user, perm)
    return bodies_for_user(user, perm).values("pk") if ids is None else ids


def remember_bodies_for(user, perms) -> None:
    """For a page that asks `bodies_for_user` about several permissions: read the user's
    bodies for all of them at once (one query for those granted body by body, one for
    those held for every body) and remember each as `bodies_for_user` would have read
    it. Only inside a `remembered_bodies()` block; elsewhere it does nothing."""
    memo = _remembered.get()
    if memo is None or not user.is_authenticated:
        return
    wanted = [perm for perm in dict.fromkeys(perms) if (user.pk, perm) not in memo]
    everywhere = [perm for perm in wanted if user.has_perm(perm)]
    if everywhere:
        all_ids = list(Body.objects.order_by().values_list("pk", flat=True))
        for perm in everywhere:
            memo[user.pk, perm] = all_ids
    granted = [perm for perm in wanted if perm not in everywhere]
    if not granted:
        return
    which = Q()
    for perm in granted:
        app_label, codename = perm.split(".", 1)
        which |= Q(permission__codename=codename, permission__content_type__app_label=app_label)
    columns = ("permission__content_type__app_label", "permission__codename", "content_object_id")
    by_user = BodyUserObjectPermission.objects.filter(which, user=user).values_list(*columns)
    by_group = BodyGroupObjectPermission.objects.filter(which, group__user=user).values_list(
        *columns
    )
    ids: dict[str, list[int]] = {perm: [] for perm in granted}
    for app_label, codename, pk in by_user.order_by().union(by_group.order_by()):
        ids[f"{app_label}.{codename}"].append(pk)
    for perm in granted:
        memo[user.pk, perm] = ids[perm]


# (user id, permission) → body ids, for the current request (or block).
_remembered: ContextVar[dict | None] = ContextVar("remembered_bodies", default=None)


@contextmanager
def remembered_bodies():
    """Within the block, `bodies_for_user(user, perm)` reads each user's bodies per
    permission once (one query each, whatever the number of callers). Every request runs
    inside one (`cooperation.middleware.RememberedBodiesMiddleware`); a sync of a user's
    rights forgets what was remembered for them (`forget_remembered_bodies`)."""
    if _remembered.get() is not None:  # nested: the outer block's memory holds
        yield
        return
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def forget_remembered_bodies(user) -> None:
    memo = _remembered.get()
    if memo:
        for key in [key for key in memo if key[0] == user.pk]:
            del memo[key]


def remembered_body_ids(user, perm: str) -> tuple[int, ...]:
    """`bodies_for_user(user, perm)` as sorted ids, remembered like it (inside a
    `remembered_bodies()` block only)."""
    bodies_for_user(user, perm)
    return tuple(sorted(_remembered.get()[user.pk, perm]))


def remembered_grants(user) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Every (permission, sorted body ids) read for `user` in the current block."""
    memo = _remembered.get() or {}
    return tuple(
        sorted((perm, tuple(sorted(ids))) for (pk, perm), ids in memo.items() if pk == user.pk)
    )


def partner_ids_changeable_by(user) -> set[int]:
    return set(partners_for_user(user, "cooperation.change_partner").values_list("pk", flat=True))
