"""The password-reset page (with limits on how many e-mails it sends) and the pages of
the second factor and of lock-outs."""

from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from access.net import client_address
from access.services import password_changed, password_reset_requested
from core.permissions import is_member, is_participant_account
from core.ratelimit import digest, within_limit
from core.views import ServiceFormView

from .. import lockout, second_factor, selectors
from ..forms import EnrolForm, PasswordResetForm, ReasonForm, TokenForm, UserSearchForm
from ..middleware import second_factor_exempt
from ..mixins import FreshSecondFactorMixin

TOO_MANY = _(
    "Too many requests to reset a password. Please wait an hour and try again, or ask "
    "the office for help."
)


def _address_key(email: str) -> str:
    return f"password-reset:address:{digest(email.strip().lower())}"


class LoginView(auth_views.LoginView):
    """Django's view. A participant account (settings.PARTICIPANT_GROUP, no member of
    the cooperation) lands on its procedures instead of the dashboard."""

    def get_default_redirect_url(self):
        user = self.request.user
        if user.is_authenticated and not is_member(user) and is_participant_account(user):
            return resolve_url(settings.PARTICIPANT_LOGIN_REDIRECT_URL)
        return super().get_default_redirect_url()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, limited per address and per client address (cache-backed).

    Requests are counted whether or not an account has the address, and the answer
    over a limit is the same for both: the page never tells whether an account exists.
    The mail itself is sent by the worker (`PasswordResetForm`), so neither does the
    time the answer takes.
    """

    form_class = PasswordResetForm

    def form_valid(self, form):
        ip = client_address(self.request)
        allowed = within_limit(
            f"password-reset:ip:{digest(ip)}", settings.PASSWORD_RESET_LIMIT_PER_IP
        )
        # An address is counted only for requests that could send to it.
        if allowed:
            allowed = within_limit(
                _address_key(form.cleaned_data["email"]),
                settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            )
        password_reset_requested(self.request, form.cleaned_data["email"], refused=not allowed)
        if not allowed:
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; a changed password ends the user's other sessions (access log)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(self.request, form.user, reset=False)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password by mail ends every session of the user."""

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(self.request, form.user, reset=True)
        return response


# --- Second factor ---------------------------------------------------------------------


def _next_url(request, default="overview:dashboard") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


class SecondFactorFormView(LoginRequiredMixin, ServiceFormView):
    """A form of the person's own second factor: the target is the logged-in account."""

    def get_target(self):
        return self.request.user

    def get_cancel_url(self, user) -> str:
        return ""


@method_decorator(second_factor_exempt, name="dispatch")
class SecondFactorSetupView(SecondFactorFormView):
    """Enrolment: scan the QR code (or type the key), confirm with a code; then the
    recovery codes are shown once."""

    template_name = "accounts/second_factor_setup.html"
    form_class = EnrolForm
    success_message = _("Your second factor is set up.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and second_factor.is_enrolled(request.user):
            messages.info(request, _("Your second factor is already set up."))
            return redirect("second_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_context(self, user):
        device = second_factor.provisioning_device(user, second_factor.setup_key(self.request))
        return {"secret": b32encode(device.bin_key).decode(), "next": _next_url(self.request)}

    def perform(self, form, user):
        try:
            codes = second_factor.enrol(
                request=self.request,
                key=second_factor.setup_key(self.request),
                token=form.cleaned_data["otp_token"],
            )
        except ValidationError as error:
            raise ValidationError({"otp_token": error.error_list}) from error
        self.request.session[second_factor.NEW_CODES_SESSION_KEY] = codes
        # The codes first; their page then leads on to where the person was going (an
        # invitation's page, the page that asked for the set-up).
        query = urlencode({"next": _next_url(self.request)})
        return f"{reverse('second_factor_recovery_codes')}?{query}"


@method_decorator(second_factor_exempt, name="dispatch")
class SecondFactorQRCodeView(LoginRequiredMixin, View):
    """The QR code of the enrolment page as an image of its own (drawn here, from the key
    kept in the session: no outside service sees it), so that the page embeds no markup
    built from the account's data."""

    def get(self, request):
        if second_factor.is_enrolled(request.user):
            raise Http404
        device = second_factor.provisioning_device(request.user, second_factor.setup_key(request))
        return HttpResponse(
            second_factor.qr_code_svg(device.config_url), content_type="image/svg+xml"
        )


@method_decorator(second_factor_exempt, name="dispatch")
class SecondFactorVerifyView(SecondFactorFormView):
    """Login step 2, and the fresh check before a sensitive action."""

    template_name = "accounts/second_factor_verify.html"
    form_class = TokenForm

    def get(self, request, *args, **kwargs):
        if not second_factor.is_enrolled(request.user):
            return redirect(
                f"{reverse('second_factor_setup')}?{urlencode({'next': _next_url(request)})}"
            )
        if second_factor.is_fresh(request) and not request.GET.get("fresh"):
            return redirect(_next_url(request))
        return super().get(request, *args, **kwargs)

    def get_context(self, user):
        return {"next": _next_url(self.request), "fresh": user.is_verified()}

    def perform(self, form, user):
        if not second_factor.verify(request=self.request, token=form.cleaned_data["otp_token"]):
            raise ValidationError(
                {
                    "otp_token": _(
                        "The code is not correct or has been used already. After several "
                        "wrong codes, wait a little before trying again."
                    )
                },
                code="wrong_code",
            )
        return _next_url(self.request)


class SecondFactorView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/second_factor.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "enrolled": second_factor.is_enrolled(user),
            "remaining_codes": second_factor.remaining_recovery_codes(user),
        }


class RecoveryCodesView(FreshSecondFactorMixin, LoginRequiredMixin, View):
    """The new recovery codes, shown once after enrolment or regeneration."""

    template_name = "accounts/recovery_codes.html"

    def get(self, request):
        if not second_factor.is_enrolled(request.user):
            return redirect("second_factor_setup")
        codes = request.session.pop(second_factor.NEW_CODES_SESSION_KEY, None)
        if not isinstance(codes, list):
            codes = []
        return render(request, self.template_name, {"codes": codes, "next": _next_url(request)})

    def post(self, request):
        codes = second_factor.recovery_codes_regenerate(request=request)
        request.session[second_factor.NEW_CODES_SESSION_KEY] = codes
        messages.success(
            request, _("New recovery codes have been made; the old ones no longer work.")
        )
        return redirect("second_factor_recovery_codes")


# --- The office: second-factor resets and lock-outs -------------------------------------


class OfficePermissionMixin(LoginRequiredMixin):
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SecondFactorResetListView(OfficePermissionMixin, View):
    permission = "accounts.add_secondfactorreset"
    template_name = "accounts/second_factor_reset_list.html"

    def get(self, request):
        form = UserSearchForm(request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        users = selectors.users_with_second_factor(query=query)
        page = Paginator(users, 50).get_page(request.GET.get("seite"))
        context = {
            "form": form,
            "page": page,
            "query": urlencode({"q": query}) if query else "",
            "resets": selectors.recent_second_factor_resets(),
        }
        return render(request, self.template_name, context)


class SecondFactorResetView(FreshSecondFactorMixin, OfficePermissionMixin, ServiceFormView):
    permission = "accounts.add_secondfactorreset"
    template_name = "accounts/second_factor_reset.html"
    form_class = ReasonForm

    def get_target(self):
        person = selectors.user_for_reset(self.kwargs["pk"])
        if person.pk == self.request.user.pk:
            raise PermissionDenied
        return person

    def get_context(self, person):
        return {"person": person}

    def get_cancel_url(self, person) -> str:
        return reverse("second_factor_reset_list")

    def get_success_message(self, form, person) -> str:
        return _(
            "The second factor of %(person)s has been reset. They set it up again at "
            "their next login."
        ) % {"person": person}

    def perform(self, form, person):
        second_factor.second_factor_reset(
            user=person,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return reverse("second_factor_reset_list")


class LockoutListView(OfficePermissionMixin, View):
    permission = "accounts.add_lockoutlift"
    template_name = "accounts/lockout_list.html"

    def get(self, request):
        page = Paginator(lockout.locked_attempts(), 50).get_page(request.GET.get("seite"))
        context = {"page": page, "lifts": selectors.recent_lockout_lifts()}
        return render(request, self.template_name, context)


class LockoutLiftView(FreshSecondFactorMixin, OfficePermissionMixin, ServiceFormView):
    permission = "accounts.add_lockoutlift"
    template_name = "accounts/lockout_lift.html"
    form_class = ReasonForm
    success_message = _("The lock-out has been lifted.")

    def get_target(self):
        return lockout.locked_attempt(self.kwargs["pk"])

    def get_context(self, attempt):
        return {"attempt": attempt}

    def get_cancel_url(self, attempt) -> str:
        return reverse("lockout_list")

    def perform(self, form, attempt):
        lockout.lockout_lift(
            attempt=attempt,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return reverse("lockout_list")
