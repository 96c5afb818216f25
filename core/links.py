"""Absolute links into the portal, for e-mails, calendar entries, feeds and the OParl API.

They are built from `settings.PORTAL_BASE_URL`, never from the Host header of a request:
a mail sent by the worker has no request, and a forged Host header must not end up in
a link that someone clicks.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def base_url() -> str:
    """The portal's address without a trailing slash, e.g. `https://portal.example`."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` or `get_absolute_url()` return it) on the portal's address."""
    return base_url() + path


def portal_url(name: str, *args) -> str:
    """The absolute address of the URL pattern `name` with positional `args`."""
    return absolute_url(reverse(name, args=args))


_KEY = 2147483647  # stands for a row's key while the address is reversed


def row_address(name: str, *args):
    """A function of a row's key giving the address of URL pattern `name` (with `args`
    before the key): `reverse()` once per table, not once per row."""
    prefix, _, suffix = reverse(name, args=[*args, _KEY]).rpartition(str(_KEY))
    return lambda pk: f"{prefix}{pk}{suffix}"
