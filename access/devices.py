"""A short device description from a user agent, e.g. "Firefox unter Windows".

Deliberately small: the page "Meine Anmeldungen" only has to help a person recognise
their own browsers, not to identify every device. Order matters: Edge and Opera
announce themselves as Chrome too, Chrome as Safari, Android as Linux.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

BROWSERS = [
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def _first(agent: str, table) -> str | None:
    return next((name for marker, name in table if marker in agent), None)


def describe_device(user_agent: str) -> str:
    agent = user_agent or ""
    browser = _first(agent, BROWSERS)
    system = _first(agent, SYSTEMS)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser:
        return browser
    if system:
        return _("Browser on %(system)s") % {"system": system}
    return _("Unknown device")
