"""Settings for Grassroots: every value that varies between deployments comes from the env."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GRASSROOTS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("GRASSROOTS_PRODUCTION", False):
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "grassroots-insecure-development-key-change-me-in-production-0123456789"
PRODUCTION = env_bool("GRASSROOTS_PRODUCTION", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "treebeard",
    "ninja",
    "django_tasks_db",
    "grassroots.core",
    "grassroots.accounts",
    "grassroots.areas",
    "grassroots.units",
    "grassroots.party",
    "grassroots.people",
    "grassroots.volunteering",
    "grassroots.venues",
    "grassroots.governance",
    "grassroots.dashboards",
    "grassroots.cases",
    "grassroots.offers",
    "grassroots.wishes",
    "grassroots.notifications",
    "grassroots.ledgers",
    "grassroots.open311",
    "grassroots.demo",
    "grassroots.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "grassroots.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "grassroots.accounts.middleware.ApiCallerMiddleware",
    "grassroots.core.idempotency.IdempotencyMiddleware",
    "grassroots.core.middleware.PagesLoginRequiredMiddleware",
    "grassroots.accounts.middleware.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "grassroots.urls"
WSGI_APPLICATION = "grassroots.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "grassroots" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "grassroots.accounts.context_processors.roles",
                "grassroots.notifications.context_processors.unread",
                "grassroots.volunteering.context_processors.organiser",
            ],
        },
    },
]

# Database: embedded SQLite in var/ unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "grassroots.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "grassroots.accounts.backends.UsernameOrMobileBackend",
    # Back-office permissions come from roles (accounts.backoffice); groups and per-user
    # permissions are the superuser's to grant.
    "grassroots.accounts.backoffice.RolePermissions",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("GRASSROOTS_FAST_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login protection: a username+address pair is locked for 30 minutes after 5 failures.
LOGIN_FAILURE_LIMIT = 5
LOGIN_LOCK_MINUTES = 30
# Text messages (one-time codes, invitations) go through accounts.sms.send_sms to the backend
# named here: a dotted path to a class whose instances have `send(mobile, text)`. The default
# keeps each message in the SmsOutbox table and logs it (no message leaves the server); a real
# provider is a class of that shape in the deployment's own package.
GRASSROOTS_SMS_BACKEND = os.environ.get(
    "GRASSROOTS_SMS_BACKEND", "grassroots.accounts.sms.OutboxBackend"
)
# One-time codes: valid 10 minutes (an invitation 7 days); one send per mobile a minute, a few
# an hour, and a cap per address an hour. Wrong tries kill a code at LOGIN_FAILURE_LIMIT.
SMS_CODE_MINUTES = 10
SMS_INVITE_DAYS = 7
SMS_CODE_INTERVAL_SECONDS = 60
SMS_CODES_PER_MOBILE_HOUR = int(os.environ.get("GRASSROOTS_SMS_PER_MOBILE_HOUR", "5"))
SMS_CODES_PER_ADDRESS_HOUR = int(os.environ.get("GRASSROOTS_SMS_PER_ADDRESS_HOUR", "20"))
# The JSON API answers 429 past this many requests per caller (see core/throttle.py).
API_RATE = os.environ.get("GRASSROOTS_API_RATE", "600/min")
# Volunteer star levels: the hours each star needs (one to five stars).
VOLUNTEER_STAR_HOURS = tuple(
    int(h) for h in os.environ.get("GRASSROOTS_STAR_HOURS", "100,300,600,1000,1500").split(",")
)
# A verified 六有 assessment counts for this many months; after that the compound is due for a
# re-check and no longer counts as reaching 六有 until a new assessment is verified.
SIX_HAVE_VALID_MONTHS = int(os.environ.get("GRASSROOTS_SIX_HAVE_VALID_MONTHS", "12"))
# Service-order hours count once the resident rates the case, or this many days after its
# completion with no rating and no objection (a reopen, a withdrawal).
HOURS_SILENCE_DAYS = int(os.environ.get("GRASSROOTS_HOURS_SILENCE_DAYS", "7"))
# Staff sessions expire after 30 idle minutes; residents stay signed in for two weeks.
STAFF_IDLE_SECONDS = 30 * 60
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "grassroots" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "grassroots" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "grassroots.dashboards.finders.PlotlyFinder",  # plotly.js from the installed package
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "grassroots.core.storage.GzipManifestStaticFilesStorage"
        if env_bool("GRASSROOTS_MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# From this many rows an Excel ledger is written by the worker, with a progress page.
LARGE_EXPORT = int(os.environ.get("GRASSROOTS_LARGE_EXPORT", "100000"))

# 吹哨报到: working hours a summoned unit has to report in.
REPORT_IN_HOURS = int(os.environ.get("GRASSROOTS_REPORT_IN_HOURS", "4"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("GRASSROOTS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Strict Content-Security-Policy: our own origin only, no inline scripts, no third-party hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Production: secure cookies, HTTPS redirect and HSTS.
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

_smtp = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = os.environ.get(
    "GRASSROOTS_MAIL_BACKEND",
    _smtp if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _mail_backend,
        "OPTIONS": {
            "host": os.environ.get("SMTP_HOST", "localhost"),
            "port": int(os.environ.get("SMTP_PORT", 25)),
            "username": os.environ.get("SMTP_USER", ""),
            "password": os.environ.get("SMTP_PASSWORD", ""),
            "use_tls": env_bool("SMTP_TLS", False),
        }
        if _mail_backend == _smtp
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "grassroots@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
