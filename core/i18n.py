"""The one way to produce text for people outside a page request: in German, Berlin time.

E-mails, PDFs, change reasons written by the worker and messages stored for later
must not depend on the language a user chose in the footer (or on a worker that
has no request at all). Everything that renders such text does it inside
`portal_language()` or through `render_in_portal_language()`.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .timezone import BERLIN


@contextmanager
def portal_language():
    """Translations in the portal's language (settings.LANGUAGE_CODE, German) and
    times in the portal's time zone, whatever the current request chose."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(BERLIN):
        yield


def render_in_portal_language(template_name: str, context: dict) -> str:
    """`render_to_string` inside `portal_language()`."""
    with portal_language():
        return render_to_string(template_name, context)
