"""E-mail stays off while demo data is written."""

from contextlib import contextmanager

from django.conf import settings

DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


@contextmanager
def no_mail():
    """Run the real services (invitations, proposal decisions) without sending e-mail.

    Wrap the whole transaction: services send after commit, so the backend must
    stay switched off until the outermost block has committed.
    """
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = DUMMY_BACKEND
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = previous
