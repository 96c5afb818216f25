"""Every answer of the portal carries the same security headers: a strict
Content-Security-Policy (no inline script or style, no framing, forms and <base> pinned),
Permissions-Policy, Cross-Origin-Opener-Policy, Referrer-Policy and the two classics.

One URL of every page kind, each as a persona that gets it."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import include, path, reverse

from tests import factories as f

EXPECTED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "base-uri": {"'none'"},
}
EXPECTED_PERMISSIONS_POLICY = {
    "accelerometer=()",
    "camera=()",
    "display-capture=()",
    "geolocation=()",
    "gyroscope=()",
    "magnetometer=()",
    "microphone=()",
    "midi=()",
    "payment=()",
    "usb=()",
}
EXPECTED = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

# Uploaded files are served sandboxed on top of the policy.
# Private files all go out through core.views.PrivateFileDownloadView (sandboxed).
SANDBOXED = {"paper download", "contract download"}


def _boom(request):
    raise RuntimeError("a bug in a view")


# The portal's URLs plus a view that fails, for the 500 page.
urlpatterns = [path("kaputt/", _boom), path("", include("impuls.urls"))]


def parse_csp(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header!r}"
        directives[name] = set(sources)
    return directives


def assert_security_headers(response, what: str) -> None:
    assert "Content-Security-Policy" in response, what
    csp = response["Content-Security-Policy"]
    expected = dict(EXPECTED_CSP)
    if what in SANDBOXED:
        expected["sandbox"] = set()  # no scripts, no origin, should a browser open it
    assert parse_csp(csp) == expected, what
    assert "unsafe" not in csp, what
    assert "Content-Security-Policy-Report-Only" not in response, what
    policy = {item.strip() for item in response.get("Permissions-Policy", "").split(",")}
    assert policy == EXPECTED_PERMISSIONS_POLICY, what
    for name, value in EXPECTED.items():
        assert response.get(name) == value, f"{what}: {name}"


def page_kinds(world):
    """(what, persona or None, method, URL, extra request arguments, expected status)"""
    return [
        ("list", "board_member", "get", reverse("cooperation:partner_list"), {}, 200),
        ("detail", "board_member", "get", world.meeting.get_absolute_url(), {}, 200),
        ("dashboard", "board_member", "get", reverse("overview:dashboard"), {}, 200),
        (
            "form",
            "admin_halberstadt",
            "get",
            reverse("functions:facility_update", args=[world.facility_halberstadt.pk]),
            {},
            200,
        ),
        (
            "form refused with errors",
            "admin_halberstadt",
            "post",
            reverse("functions:facility_update", args=[world.facility_halberstadt.pk]),
            {"data": {"name": ""}},
            400,
        ),
        (
            "paper download",
            "board_member",
            "get",
            reverse("meetings:paper_download", args=[world.public_paper.pk]),
            {},
            200,
        ),
        (
            "contract download",
            "board_member",
            "get",
            reverse("cooperation:contract_document", args=[world.contract.pk]),
            {},
            200,
        ),
        (
            "calendar feed",
            None,
            "get",
            reverse("meetings:calendar_feed", args=[world.board_member.calendar_token]),
            {},
            200,
        ),
        (
            "htmx fragment",
            "board_member",
            "get",
            reverse("meetings:quorum", args=[world.meeting.pk]),
            {"headers": {"HX-Request": "true"}},
            200,
        ),
        (
            "htmx filter",
            "board_member",
            "get",
            reverse("functions:facility_list"),
            {"headers": {"HX-Request": "true"}},
            200,
        ),
        ("login page", None, "get", reverse("login"), {}, 200),
        ("password reset", None, "get", reverse("password_reset"), {}, 200),
        ("login redirect", None, "get", reverse("overview:dashboard"), {}, 302),
        ("no access yet", "no_membership", "get", reverse("cooperation:partner_list"), {}, 403),
        (
            "403",
            "admin_wernigerode",
            "get",
            reverse("cooperation:partner_update", args=[world.halberstadt.pk]),
            {},
            403,
        ),
        ("404", "board_member", "get", "/gibt-es-nicht/", {}, 404),
        ("400", None, "get", reverse("login"), {"headers": {"Host": "evil.example"}}, 400),
        ("admin login", None, "get", reverse("admin:login"), {}, 200),
        (
            "admin list",
            "superuser",
            "get",
            reverse("admin:cooperation_partner_changelist"),
            {},
            200,
        ),
        (
            "admin form",
            "superuser",
            "get",
            reverse(
                "admin:cooperation_membership_change", args=[world.board.memberships.first().pk]
            ),
            {},
            200,
        ),
        (
            "admin form with a selector",
            "superuser",
            "get",
            reverse("admin:cooperation_spatialplanningcontract_change", args=[world.contract.pk]),
            {},
            200,
        ),
        (
            "admin history",
            "superuser",
            "get",
            reverse("admin:cooperation_partner_history", args=[world.halberstadt.pk]),
            {},
            200,
        ),
        ("static file", None, "get", "/static/css/impuls.css", {}, 200),
    ]


@pytest.mark.urls(__name__)
def test_it_sends_the_security_headers_on_every_page_kind(world, settings):
    settings.WHITENOISE_USE_FINDERS = True  # static files as WhiteNoise serves them
    personas = {**world.personas, "superuser": f.UserFactory(is_staff=True, is_superuser=True)}
    seen = set()
    for what, persona, method, url, extra, status in page_kinds(world):
        client = Client()
        if persona:
            client.force_login(personas[persona])
        response = getattr(client, method)(url, **extra)
        assert response.status_code == status, what
        assert_security_headers(response, what)
        if response["Content-Type"].startswith("text/html"):
            # What the page became, the admin's own templates and included partials too.
            assert inline_code(response.content.decode()) == [], what
        seen.add(what)
    assert len(seen) == len(page_kinds(world))


def test_it_sends_them_on_the_csrf_failure_page(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "dora", "password": "x"})

    assert response.status_code == 403
    assert "Formular konnte nicht gesendet werden" in response.content.decode()
    assert_security_headers(response, "CSRF failure")


@pytest.mark.urls(__name__)
def test_it_sends_them_on_the_error_page(world):
    client = Client(raise_request_exception=False)

    response = client.get("/kaputt/")

    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.content.decode()
    assert_security_headers(response, "500")


def test_it_tells_htmx_not_to_inject_its_inline_style_nor_to_evaluate_code(client, world):
    """htmx adds a <style> for its loading indicators and evaluates `hx-on`/`js:`
    attributes unless told not to; the policy would block both (and report them)."""
    client.force_login(world.board_member)

    content = client.get(reverse("overview:dashboard")).content.decode()

    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false, "allowScriptTags": false}\'>'
    ) in content


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# What the policy blocks (or htmx would need 'unsafe-eval' for) in a served template.
FORBIDDEN = {
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE),
    "event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "hx-on attribute": re.compile(r"\s(?:data-)?hx-on", re.IGNORECASE),
    "hx-vars attribute": re.compile(r"\s(?:data-)?hx-vars", re.IGNORECASE),
    "js: value": re.compile(r"\s(?:data-)?hx-vals\s*=\s*[\"']\s*js:", re.IGNORECASE),
    "a PDF template": re.compile(r"{%\s*(?:include|extends)\s+[\"']pdf/"),
}


def inline_code(text: str) -> list[str]:
    return [what for what, pattern in FORBIDDEN.items() if pattern.search(text)]


def served_templates():
    """Every template under templates/ except the WeasyPrint documents (rendered to PDF,
    never served) and the plain-text e-mails."""
    for template in sorted(TEMPLATES.rglob("*")):
        relative = template.relative_to(TEMPLATES)
        if template.is_file() and relative.parts[0] != "pdf" and template.suffix != ".txt":
            yield relative, template.read_text()


@pytest.mark.parametrize(
    "snippet, found",
    [
        ('<p style="color: red">', ["style attribute"]),
        ("<style>p { color: red }</style>", ["<style> element"]),
        ("<script>alert(1)</script>", ["inline <script>"]),
        ('<script type="module">', ["inline <script>"]),
        ('<button onclick="go()">', ["event-handler attribute"]),
        ('<body onload = "go()">', ["event-handler attribute"]),
        ('<a href="javascript:go()">', ["javascript: URL"]),
        ('<form hx-on:submit="go()">', ["hx-on attribute"]),
        ('<div hx-vars="a: b">', ["hx-vars attribute"]),
        ("<div hx-vals='js:{a: b}'>", ["js: value"]),
        ('{% include "pdf/partials/meeting_header.html" %}', ["a PDF template"]),
        ('<script src="/static/app.js" defer></script>', []),
        ('<p class="hint">Sessions on Monday</p>', []),
        ('<div hx-get="/x/" hx-trigger="every 2s">', []),
    ],
)
def test_the_template_scan_finds_inline_code(snippet, found):
    assert inline_code(snippet) == found


def test_no_served_template_has_inline_script_or_style():
    scanned = {str(relative): inline_code(text) for relative, text in served_templates()}

    assert "base.html" in scanned and "meetings/partials/quorum.html" in scanned
    assert not any(name.startswith("pdf/") for name in scanned)
    assert {name: found for name, found in scanned.items() if found} == {}
