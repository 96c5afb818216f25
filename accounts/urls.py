"""German login, logout, password change and reset pages (Django's own views).

The URL names are Django's (`login`, `password_reset_done`, …) so that the auth
views find each other without further configuration.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm
from .views import (
    MyDataDownloadView,
    MyDataView,
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
)

urlpatterns = [
    path(
        "anmelden/",
        views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("passwort-vergessen/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # A one-time invitation link (accounts.invitations): the first password, then the
    # second factor.
    path(
        "einladung/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("meine-daten/", MyDataView.as_view(), name="my_data"),
    path("meine-daten/herunterladen/", MyDataDownloadView.as_view(), name="my_data_download"),
    path("zweiter-faktor/", views.SecondFactorView.as_view(), name="second_factor"),
    path(
        "zweiter-faktor/einrichten/",
        views.SecondFactorSetupView.as_view(),
        name="second_factor_setup",
    ),
    path(
        "zweiter-faktor/einrichten/qr-code.svg",
        views.SecondFactorQRCodeView.as_view(),
        name="second_factor_qr",
    ),
    path(
        "zweiter-faktor/pruefen/",
        views.SecondFactorVerifyView.as_view(),
        name="second_factor_verify",
    ),
    path(
        "zweiter-faktor/wiederherstellungscodes/",
        views.RecoveryCodesView.as_view(),
        name="second_factor_recovery_codes",
    ),
    path(
        "verwaltung/zweiter-faktor/",
        views.SecondFactorResetListView.as_view(),
        name="second_factor_reset_list",
    ),
    path(
        "verwaltung/zweiter-faktor/<int:pk>/zuruecksetzen/",
        views.SecondFactorResetView.as_view(),
        name="second_factor_reset",
    ),
    path("verwaltung/sperren/", views.LockoutListView.as_view(), name="lockout_list"),
    path(
        "verwaltung/sperren/<int:pk>/aufheben/",
        views.LockoutLiftView.as_view(),
        name="lockout_lift",
    ),
]
