"""German login, logout, password change and reset pages (Django's own views).

The URL names are Django's (`login`, `password_reset_done`, …) so that the auth
views find each other without further configuration.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import LoginForm
from .views import PasswordChangeView, PasswordResetConfirmView, PasswordResetView
from .views_personal_data import MyDataDownloadView, MyDataView

urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
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
    path("meine-daten/", MyDataView.as_view(), name="my_data"),
    path("meine-daten/herunterladen/", MyDataDownloadView.as_view(), name="my_data_download"),
]
