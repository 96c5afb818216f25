from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import is_fresh


class FreshSecondFactorMixin:
    """For sensitive actions: asks for the second factor again when the session's last
    check is older than OTP_FRESH_SECONDS, then comes back (a POST is not replayed:
    the person sends the form again). Put it first among a view's bases."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_fresh(request):
            query = urlencode({"next": request.get_full_path(), "fresh": "1"})
            return redirect(f"{reverse('second_factor_verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)
