from accounts.middleware import SecondFactorMiddleware as BaseSecondFactorMiddleware

from .permissions import remembered_bodies, second_factor_required


class SecondFactorMiddleware(BaseSecondFactorMiddleware):
    """The second factor as the cooperation requires it: by role (permissions.py)."""

    def requires_second_factor(self, user) -> bool:
        return second_factor_required(user)


class RememberedBodiesMiddleware:
    """After AuthenticationMiddleware: a request reads the user's bodies once per
    permission, however many gates ask (`permissions.remembered_bodies`), and every
    statement gated by them carries a list of ids instead of permission subqueries
    (which PostgreSQL would otherwise plan again in every statement)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with remembered_bodies():
            return self.get_response(request)
