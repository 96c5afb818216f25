"""django-guardian's object-permission backend, asking the database once per object.

Guardian's own backend builds a new `ObjectPermissionChecker` for every
`user.has_perm(perm, obj)`, so a page that asks three gates about the same body runs
the same two queries three times. This backend keeps one checker on the user object,
like Django's ModelBackend keeps the model-level permissions there (`_perm_cache`):
a request loads its user afresh, so the cache lives for one request. Code that
changes a user's rights and asks again in the same process drops it
(`forget_permissions`), as `cooperation.permissions.sync_user_permissions` does.
"""

from __future__ import annotations

from django.utils.functional import LazyObject, empty
from guardian.backends import ObjectPermissionBackend as GuardianBackend
from guardian.backends import check_support
from guardian.core import ObjectPermissionChecker
from guardian.ctypes import get_content_type
from guardian.exceptions import WrongAppError
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

CHECKER_ATTRIBUTE = "_object_permission_checker"
# Django's caches of the model-level permissions on the user object.
DJANGO_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache")
# Whether the account is a participant account (core.permissions.is_participant_account).
PARTICIPANT_CACHE = "_is_participant_account"


def forget_permissions(user) -> None:
    """Drop every permission cached on `user` (after their rights changed)."""
    for name in (*DJANGO_CACHES, CHECKER_ATTRIBUTE, PARTICIPANT_CACHE):
        user.__dict__.pop(name, None)


class _Checker(ObjectPermissionChecker):
    """Guardian's checker that knows, for the models in `complete` (content type ids),
    every object permission of its user: an object it has no entry for has none, and
    asking about it reads nothing (`prefetch_all_object_permissions`)."""

    def __init__(self, user):
        super().__init__(user)
        self.complete: set[int] = set()

    def get_perms(self, obj) -> list[str]:
        user = self.user
        if self.complete and user is not None and user.is_active and not user.is_superuser:
            ctype_id, pk = self.get_local_cache_key(obj)
            if ctype_id in self.complete:
                return self._obj_perms_cache.get((ctype_id, pk), [])
        return super().get_perms(obj)


def _checker(user) -> _Checker:
    while isinstance(user, LazyObject):  # `request.user` (wrapped by each middleware)
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    checker = user.__dict__.get(CHECKER_ATTRIBUTE)
    if checker is None:
        checker = user.__dict__[CHECKER_ATTRIBUTE] = _Checker(user)
    return checker


def prefetch_object_permissions(user, objects) -> None:
    """Read `user`'s permissions on all `objects` (of one model) in two queries, for the
    gates that ask about them later in the request (instead of two per object)."""
    objects = list({obj.pk: obj for obj in objects if obj is not None}.values())
    if objects and user.is_authenticated and user.is_active:
        checker = _checker(user)
        if get_content_type(objects[0]).id not in checker.complete:
            checker.prefetch_perms(objects)


def prefetch_all_object_permissions(user, model) -> None:
    """Read every object permission `user` holds on any row of `model` (directly or
    through a group; a model with guardian's direct foreign-key tables) in one query,
    for a page that asks about many of its rows and about the rows a permission is
    held on (`held_object_permissions`): afterwards no gate reads anything for them.
    As many rows as the user has grants on the model (their roles), whatever its size.
    Superusers hold every permission without grants: nothing is read for them."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return
    checker = _checker(user)
    ctype = get_content_type(model)
    if ctype.id in checker.complete:
        return
    user_table, group_table = get_user_obj_perms_model(model), get_group_obj_perms_model(model)
    if user_table.objects.is_generic() or group_table.objects.is_generic():
        return  # guardian's generic tables: the gates read per object, as before
    columns = ("content_object_id", "permission__codename")
    by_user = user_table.objects.filter(user=user).values_list(*columns).order_by()
    by_group = group_table.objects.filter(group__user=user).values_list(*columns).order_by()
    cache = checker._obj_perms_cache
    for key in [key for key in cache if key[0] == ctype.id]:
        del cache[key]  # read again below, with the rest
    for pk, codename in by_user.union(by_group, all=True):
        cache.setdefault((ctype.id, str(pk)), []).append(codename)
    checker.complete.add(ctype.id)


def held_object_permissions(user, model) -> dict[str, list[str]] | None:
    """After `prefetch_all_object_permissions(user, model)`: the codenames `user` holds
    as object permissions per key (as text) of `model`'s rows, those with any; else
    None (nothing known)."""
    checker = _checker(user) if user.is_authenticated else None
    if checker is None or not checker.complete:
        return None  # (without looking up the content type)
    ctype_id = get_content_type(model).id
    if ctype_id not in checker.complete:
        return None
    return {pk: perms for (cid, pk), perms in checker._obj_perms_cache.items() if cid == ctype_id}


def object_permissions(user, obj) -> set[str]:
    """The codenames `user` holds on `obj` as object permissions, from the same per-user
    cache as `user.has_perm(perm, obj)` (none for an inactive or anonymous user). Read
    when not cached yet in one statement (guardian reads the user's and the groups'
    in two), so a page that asks about its object first spends one query on it."""
    if not user.is_authenticated or not user.is_active:
        return set()
    checker = _checker(user)
    key = checker.get_local_cache_key(obj)
    # Superusers: guardian answers with every permission of the model, uncached; a
    # model read completely (prefetch_all_object_permissions) is answered from the cache.
    cached = key in checker._obj_perms_cache or key[0] in checker.complete
    if not cached and not user.is_superuser:
        by_user = checker.get_user_perms(obj).order_by()
        by_group = checker.get_group_perms(obj).order_by()
        checker._obj_perms_cache[key] = list(by_user.union(by_group))
    return set(checker.get_perms(obj))


class ObjectPermissionBackend(GuardianBackend):
    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        support, user = check_support(user_obj, obj)
        if not support:
            return False
        app_label = perm.split(".", 1)[0] if "." in perm else None
        if app_label not in (None, obj._meta.app_label, get_content_type(obj).app_label):
            raise WrongAppError(
                f"Permission {perm!r} does not belong to the app of {obj._meta.label}."
            )
        return _checker(user).has_perm(perm, obj)
