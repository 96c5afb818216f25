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

CHECKER_ATTRIBUTE = "_object_permission_checker"
# Django's caches of the model-level permissions on the user object.
DJANGO_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache")
# Whether the account is a participant account (core.permissions.is_participant_account).
PARTICIPANT_CACHE = "_is_participant_account"


def forget_permissions(user) -> None:
    """Drop every permission cached on `user` (after their rights changed)."""
    for name in (*DJANGO_CACHES, CHECKER_ATTRIBUTE, PARTICIPANT_CACHE):
        user.__dict__.pop(name, None)


def _checker(user) -> ObjectPermissionChecker:
    while isinstance(user, LazyObject):  # `request.user` (wrapped by each middleware)
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    checker = user.__dict__.get(CHECKER_ATTRIBUTE)
    if checker is None:
        checker = user.__dict__[CHECKER_ATTRIBUTE] = ObjectPermissionChecker(user)
    return checker


def prefetch_object_permissions(user, objects) -> None:
    """Read `user`'s permissions on all `objects` (of one model) in two queries, for the
    gates that ask about them later in the request (instead of two per object)."""
    objects = list({obj.pk: obj for obj in objects if obj is not None}.values())
    if objects and user.is_authenticated and user.is_active:
        _checker(user).prefetch_perms(objects)


def object_permissions(user, obj) -> set[str]:
    """The codenames `user` holds on `obj` as object permissions, from the same per-user
    cache as `user.has_perm(perm, obj)` (none for an inactive or anonymous user). Read
    when not cached yet in one statement (guardian reads the user's and the groups'
    in two), so a page that asks about its object first spends one query on it."""
    if not user.is_authenticated or not user.is_active:
        return set()
    checker = _checker(user)
    key = checker.get_local_cache_key(obj)
    # Superusers: guardian answers with every permission of the model, uncached.
    if key not in checker._obj_perms_cache and not user.is_superuser:
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
