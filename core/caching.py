"""Pages that a shared cache (a proxy in front of the portal) may keep: the public pages.

One mechanism for every such page (`PublicCacheMixin`): the answer is rendered in the
portal's language (German, Berlin time) whatever language cookie the visitor sends, so
that a logged-in member and an anonymous visitor get the same bytes; it carries
`Cache-Control: public, max-age=PUBLIC_MAX_AGE` and an ETag, and a conditional GET with a
matching `If-None-Match` is answered 304 without a body. Only successful answers are
marked public: a 404 (something not published, or no longer) keeps the portal's default,
so a proxy never keeps the refusal of something that is published a minute later nor,
the other way round, a withdrawn page for longer than `PUBLIC_MAX_AGE`.

Five minutes: long enough for a proxy to absorb a rush (a council meeting's agenda
linked from a newspaper), short enough that a paper the office withholds, or minutes
corrected, are gone from every cache soon after.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control

from .i18n import portal_language

PUBLIC_MAX_AGE = 300


def content_etag(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:40]}"'


def make_public(request, response, *, etag: str | None = None, max_age: int = PUBLIC_MAX_AGE):
    """Mark a successful answer as publicly cacheable with an ETag (of the content, unless
    given, which a streamed file must be) and answer a matching conditional GET with 304."""
    if response.status_code != 200:
        return response
    if etag is None:
        etag = content_etag(response.content)
    response["ETag"] = etag
    response["Content-Language"] = settings.LANGUAGE_CODE
    # Replaces what was there: a file download arrives "private, no-store" from
    # `uploaded_file_response`, which is right for every file but a published one.
    if response.has_header("Cache-Control"):
        del response.headers["Cache-Control"]
    patch_cache_control(response, public=True, max_age=max_age)
    return get_conditional_response(request, etag=etag, response=response)


class PublicCacheMixin:
    """For views whose answer is the same for everybody (no user, no CSRF token, no
    messages): German rendering, `Cache-Control: public`, ETag and 304 (see the module).

    A view that streams a file gives its ETag with `get_etag()` (e.g. the file's
    checksum); for everything else it is the hash of the rendered page."""

    http_method_names = ["get", "head"]
    max_age = PUBLIC_MAX_AGE

    def get_etag(self, response) -> str | None:
        return None

    def dispatch(self, request, *args, **kwargs):
        with portal_language():
            response = super().dispatch(request, *args, **kwargs)
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                response = render() or response
        if response.status_code != 200:
            return response
        return make_public(request, response, etag=self.get_etag(response), max_age=self.max_age)
