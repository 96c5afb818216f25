"""IMPULS settings: one module, driven by environment variables.

Development needs no environment at all (SQLite, DEBUG on, console e-mail).
Production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL;
the safety settings below switch on by themselves when DEBUG is off, so that
`manage.py check --deploy` is clean. `.env.example` lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A refused form gets the portal's German page (403), not Django's English one.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# The portal's public address, for links in e-mails and calendar feeds.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL (search vectors, GIN indexes; core/search.py).
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "guardian",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "core",
    "access",
    "accounts",
    "cooperation",
    "functions",
    "meetings",
    "workinggroups",
    "councils",
    "priorities",
    "overview",
    "documents",
    "winwin",
    "participation",
    "public",
    "oparl",
    "legal",
    "search",
    "demo",
]

MIDDLEWARE = [
    # First, so that every answer carries the security headers: static files, downloads,
    # error pages and the answers of the middleware below (CSRF refusal, bad host).
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session (and CSRF) middleware: sees the cookies they set on the way out.
    "core.middleware.NoSharedCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the second factor (docs/architecture.md).
    "django_otp.middleware.OTPMiddleware",
    "cooperation.middleware.SecondFactorMiddleware",
    # Each permission's bodies read once per request (cooperation.permissions).
    "cooperation.middleware.RememberedBodiesMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: ends timed-out logins with a notice.
    "access.middleware.SessionTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the refusal page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "impuls.urls"
WSGI_APPLICATION = "impuls.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cooperation.context_processors.portal",
            ],
        },
    },
]

# SQLite by default, PostgreSQL (or anything dj-database-url knows) by DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel query workers by default: the portal's statements are small (a
    # search, a list page), where starting workers costs more than it saves, and
    # under load the workers compete with the app servers for the same cores.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('DB_PARALLEL_WORKERS_PER_GATHER', 0)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "core.backends.ObjectPermissionBackend",
]
# guardian's check looks for its own backend by name; core.backends subclasses it.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The covering indexes (`include=`) are PostgreSQL's speed-ups for ten years of data;
    # SQLite, the first run's database, builds them without the extra columns.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password-reset e-mails per hour: per address asked for (whether or not an account
# has it) and per client address. The counters live in the cache, which must be shared
# by every app server process for the limits to hold (e.g. the database cache).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)
# Requests to one-time invitation links (accounts.invitations) per client address and
# hour, valid or not: over it every link answers 429, so tokens cannot be tried out.
INVITATION_LIMIT_PER_IP = env_int("INVITATION_LIMIT_PER_IP", 30)
# The public feedback form on accessibility (legal): messages per client address and
# hour, and addresses that receive every message besides the office and the address
# the accessibility statement publishes.
ACCESSIBILITY_FEEDBACK_LIMIT_PER_IP = env_int("ACCESSIBILITY_FEEDBACK_LIMIT_PER_IP", 10)
ACCESSIBILITY_FEEDBACK_EMAILS = env_list("ACCESSIBILITY_FEEDBACK_EMAILS", [])
# The public statement form of a participation procedure: statements per hour, per
# client address and per e-mail address given (cache-backed, like the reset limits).
PUBLIC_STATEMENT_LIMIT_PER_IP = env_int("PUBLIC_STATEMENT_LIMIT_PER_IP", 10)
PUBLIC_STATEMENT_LIMIT_PER_ADDRESS = env_int("PUBLIC_STATEMENT_LIMIT_PER_ADDRESS", 5)
# Reverse proxies in front of the portal that append to X-Forwarded-For (0: none, the
# client address is REMOTE_ADDR). Behind a proxy, set it, or every visitor shares the
# proxy's address and the per-address limits above.
NUMBER_OF_PROXIES = env_int("NUMBER_OF_PROXIES", 0)
# Sessions (access.session_store): Django's database sessions on access.Session, which
# also records the user, the truncated address and the browser ("Meine Anmeldungen").
# Time-outs by role, fixed at login (cooperation decides the role): the office and the
# board's members get the strict pair. A session is logged out after `idle` seconds
# without a request or `absolute` seconds after the login, whichever comes first.
SESSION_ENGINE = "access.session_store"
SESSION_TIMEOUTS = {
    "strict": {
        "idle": env_int("SESSION_IDLE_MINUTES_STRICT", 30) * 60,
        "absolute": env_int("SESSION_ABSOLUTE_HOURS_STRICT", 8) * 3600,
    },
    "default": {
        "idle": env_int("SESSION_IDLE_MINUTES", 120) * 60,
        "absolute": env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600,
    },
}
for _limits in SESSION_TIMEOUTS.values():
    if min(_limits.values()) <= 0:
        raise ImproperlyConfigured("Session time-outs must be positive.")
# The cookie (and the row) outlive the longest absolute time-out by an hour, so that
# the middleware, not the cookie's expiry, ends the login (and logs it as timed out).
SESSION_COOKIE_AGE = max(limits["absolute"] for limits in SESSION_TIMEOUTS.values()) + 3600
# The access log (access.AccessEvent) keeps entries this many days; `manage.py
# purge_access_log` (nightly) deletes older ones.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 180)
if ACCESS_LOG_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("ACCESS_LOG_RETENTION_DAYS must be at least 1.")
# Second factor (django-otp, TOTP apps and recovery codes). Sensitive actions ask for it
# again when the last check is older than OTP_FRESH_SECONDS.
OTP_FRESH_SECONDS = env_int("OTP_FRESH_SECONDS", 15 * 60)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "IMPULS Kooperationsportal")
# The Django admin never shows a key or a recovery code (accounts.apps also removes the
# libraries' own device and lock-out admins: resets and lifts go through the office's
# recorded pages).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_ENABLE_ADMIN = False
# Reachable before the second factor (besides the views marked second_factor_exempt): the
# calendar feed opens by its secret address, not by the session.
SECOND_FACTOR_EXEMPT_URLS = ["logout", "set_language", "meetings:calendar_feed"]
# Lock-out after failed logins (django-axes, database handler: shared by every app
# server). AXES_FAILURE_LIMIT failures per account or per client address lock it for
# LOCKOUT_MINUTES, doubled with each further lock-out within a day (accounts.lockout).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
LOCKOUT_MINUTES = env_int("LOCKOUT_MINUTES", 15)
LOCKOUT_MAX_HOURS = env_int("LOCKOUT_MAX_HOURS", 24)
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "access.net.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview:dashboard"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: no object permissions for anonymous users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
# The permission every role grants (cooperation's members' group): it makes a user a
# member of the cooperation for core.permissions.MemberRequiredMixin.
MEMBER_PERMISSION = "cooperation.view_partner"
# The group of participant accounts (neighbouring municipalities, public agencies,
# regional actors invited to a participation procedure): they are no members, see only
# the procedures they are invited to and log in with a second factor.
PARTICIPANT_GROUP = "IMPULS: Beteiligte"
# Where a participant account lands after login (instead of LOGIN_REDIRECT_URL).
PARTICIPANT_LOGIN_REDIRECT_URL = "participation:my_procedures"

# django-simple-history
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_DATE_INDEX = "Composite"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Uploaded files live outside the web root and are only served through views
# that check permissions; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The local-memory cache by default (one process). With several processes or app
# servers set CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache and
# CACHE_LOCATION=impuls_cache (then `manage.py createcachetable`), or a shared server.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("CACHE_LOCATION", "impuls"),
    }
}

# Background work (Django's tasks API, `django-tasks` backport): PDFs are rendered by
# `manage.py db_worker` on the "pdf" queue, never in a web request. Tests use the
# immediate backend (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "pdf"],
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IMPULS Kooperationsportal <portal@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): everything from the portal itself, nothing
# inline. The templates have no <script> without src, no <style>, no style= and no on…=
# attributes (tests/core/test_security_headers.py scans them); htmx is told not to
# inject its indicator style nor to evaluate code (the meta tag in base.html). No
# nonces are needed, so the header is the same for every answer.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    }
}
# Browser features the portal never uses, switched off for it and anything it embeds
# (core.middleware.PermissionsPolicyMiddleware; Django has no setting for this header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once": {"()": "core.logging.OncePerProcess"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO; keep its warnings only, each once.
    "loggers": {
        "weasyprint": {"level": "WARNING", "filters": ["once"]},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes reports every failed login at INFO; lock-outs are warnings.
        "axes": {"level": "WARNING"},
    },
}
