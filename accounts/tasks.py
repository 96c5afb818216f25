"""Background tasks of the accounts app (Django's tasks API, "default" queue)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django_tasks import task


@task()
def send_password_reset(email: str) -> None:
    """The reset mail to every active account with this address, if there is one.

    The request only queues this task, for known and unknown addresses alike, so the
    answer takes the same time either way (no account enumeration by timing). Links
    point at the configured PORTAL_BASE_URL, never at the Host header of the request.
    """
    form = DjangoPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    base = urlsplit(settings.PORTAL_BASE_URL)
    form.save(
        domain_override=base.netloc,
        use_https=base.scheme == "https",
        email_template_name="registration/password_reset_email.html",
        subject_template_name="registration/password_reset_subject.txt",
    )
