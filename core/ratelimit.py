"""The one request counter of the public forms and the account pages (password reset,
invitation links, feedback on barriers, statements of the public): a fixed window in
the cache, keyed by a digest of the client address or the e-mail address given, never
the address itself."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def digest(value: str) -> str:
    """What a key holds of an address: its SHA-256, never the address."""
    return hashlib.sha256((value or "-").encode()).hexdigest()


def within_limit(key: str, limit: int, *, window: int = WINDOW_SECONDS) -> bool:
    """Count one request under `key` (a fixed window of `window` seconds from the
    first) and say whether it is within `limit`."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit
