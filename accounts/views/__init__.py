"""Account pages: passwords, second factor and lock-outs in `security`, "Meine Daten" in
`personal_data`."""

from .invitations import InvitationAcceptView
from .personal_data import (
    MyDataDownloadView,
    MyDataView,
)
from .security import (
    LockoutLiftView,
    LockoutListView,
    LoginView,
    OfficePermissionMixin,
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
    RecoveryCodesView,
    SecondFactorFormView,
    SecondFactorQRCodeView,
    SecondFactorResetListView,
    SecondFactorResetView,
    SecondFactorSetupView,
    SecondFactorVerifyView,
    SecondFactorView,
)

__all__ = [
    "InvitationAcceptView",
    "LockoutLiftView",
    "LockoutListView",
    "LoginView",
    "MyDataDownloadView",
    "MyDataView",
    "OfficePermissionMixin",
    "PasswordChangeView",
    "PasswordResetConfirmView",
    "PasswordResetView",
    "RecoveryCodesView",
    "SecondFactorFormView",
    "SecondFactorQRCodeView",
    "SecondFactorResetListView",
    "SecondFactorResetView",
    "SecondFactorSetupView",
    "SecondFactorVerifyView",
    "SecondFactorView",
]
