"""The page of a one-time invitation link: set the password, then the second factor."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache

from access.net import client_address
from access.services import password_changed
from core.errors import is_conflict
from core.ratelimit import digest, within_limit
from core.views import add_service_errors

from .. import invitations, second_factor
from ..middleware import second_factor_exempt

INVALID_TEMPLATE = "accounts/invitation_invalid.html"
FORM_TEMPLATE = "accounts/invitation_accept.html"
TOO_MANY_TEMPLATE = "accounts/invitation_too_many.html"
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@method_decorator([never_cache, second_factor_exempt], name="dispatch")
class InvitationAcceptView(View):
    """GET: the set-password form for an open invitation; POST: set it, use the link up,
    log in and go to the second factor's set-up (then to the invitation's page).

    Every unusable link (unknown, malformed, used, expired, a deactivated account) gets
    the same page with the same status (404), naming neither the account nor its
    address. Requests are counted per client address (a fixed hour, like the password
    reset): over the limit every link is answered 429, so tokens cannot be tried out.
    """

    def dispatch(self, request, *args, **kwargs):
        ip = client_address(request)
        if not within_limit(f"invitation:ip:{digest(ip)}", settings.INVITATION_LIMIT_PER_IP):
            return render(request, TOO_MANY_TEMPLATE, status=429)
        return super().dispatch(request, *args, **kwargs)

    def _invalid(self):
        return render(self.request, INVALID_TEMPLATE, status=404)

    def _form(self, invitation, data=None):
        return auth_forms.SetPasswordForm(invitation.user, data)

    def _page(self, invitation, form, status=200):
        context = {"form": form, "account": invitation.user}
        return render(self.request, FORM_TEMPLATE, context, status=status)

    def get(self, request, token):
        invitation = invitations.invitation_for_token(token)
        if invitation is None:
            return self._invalid()
        return self._page(invitation, self._form(invitation))

    def post(self, request, token):
        invitation = invitations.invitation_for_token(token)
        if invitation is None:
            return self._invalid()
        form = self._form(invitation, request.POST)
        if not form.is_valid():
            return self._page(invitation, form, status=400)
        try:
            user = invitations.invitation_accept(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            if is_conflict(error):  # used up by a request a moment earlier
                return self._invalid()
            add_service_errors(form, error)
            return self._page(invitation, form, status=400)
        # Sessions of the account (there are none before its first password) end; then
        # the person is logged in with the password alone: the second factor is next.
        password_changed(request, user, reset=True)
        login(request, user, backend=LOGIN_BACKEND)
        next_url = invitation.next_url
        if not next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = reverse(settings.LOGIN_REDIRECT_URL)
        target = (
            "second_factor_verify" if second_factor.is_enrolled(user) else "second_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
