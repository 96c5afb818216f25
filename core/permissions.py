"""Small helpers shared by every app's permission gates."""


def has_perm_for(user, perm: str, obj) -> bool:
    """True when the user holds `perm` for the whole model (through a role group)
    or for this one object (a django-guardian object permission).

    Django's ModelBackend answers model-level questions only and guardian's
    backend object-level ones only, so a gate asks both.
    """
    return user.has_perm(perm) or user.has_perm(perm, obj)
