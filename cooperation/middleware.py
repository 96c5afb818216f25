from accounts.middleware import SecondFactorMiddleware as BaseSecondFactorMiddleware

from .permissions import second_factor_required


class SecondFactorMiddleware(BaseSecondFactorMiddleware):
    """The second factor as the cooperation requires it: by role (permissions.py)."""

    def requires_second_factor(self, user) -> bool:
        return second_factor_required(user)
