from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class ChosenLanguageMiddleware(LocaleMiddleware):
    """German unless the user chose another language with the switch in the footer.

    Django's LocaleMiddleware also follows the browser's Accept-Language header;
    a German administration portal should not turn English because a browser is
    set up in English, so only the language cookie (set by `set_language`) counts.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateCacheMiddleware:
    """Pages for a logged-in user are theirs alone: no shared cache (a proxy) and no
    browser cache (the back button after logging out on a shared office computer) may
    keep them. A view that chose its own Cache-Control (a file download, the calendar
    feed) keeps it.

    An answer that never looked at the session (as Django's `Vary: Cookie` also says)
    does not depend on who is logged in; the user is then not loaded just to ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class NoSharedCookieMiddleware:
    """Just outside the session middleware: an answer marked public that sets a cookie
    (a session or CSRF cookie set on the way out) is made private, so that no shared
    cache can hand one visitor's cookie to the next. The public pages are built to set
    none (`core.caching`); this is the guard if one ever does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            del response.headers["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header from `settings.PERMISSIONS_POLICY` (feature →
    allowed origins; an empty list switches the feature off), which Django's
    SecurityMiddleware does not send. Built once; a view that set its own keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
