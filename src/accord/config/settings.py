"""Accord settings: configuration comes from the environment only.

Every variable is documented in the README. With none set, Accord runs on
SQLite under the data directory with the in-memory channel layer.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accord.config.settings_paths import data_dir

BASE_DIR = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = data_dir()
DEBUG = _flag("ACCORD_DEBUG")
TESTING = _flag("ACCORD_TESTING")

SECRET_KEY_FILE = DATA_DIR / "secret_key"
SECRET_KEY = os.environ.get("ACCORD_SECRET_KEY", "")
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    # Written by `accord demo` for a laptop installation; a server sets the variable.
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "accord-development-only-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "ACCORD_SECRET_KEY is not set. Set it to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set ACCORD_DEBUG=1 for local development."
        )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ACCORD_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("ACCORD_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "channels",
    "ninja",  # serves the API docs' assets locally instead of from a CDN
    "accord.core",
    "accord.accounts",
    "accord.processes",
    "accord.meetings",
    "accord.documents",
    "accord.record",
    "accord.negotiation",
    "accord.live",
    "accord.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accord.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accord.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out sign-in
]

ROOT_URLCONF = "accord.config.urls"
ASGI_APPLICATION = "accord.config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "string_if_invalid": "INVALID[%s]" if TESTING else "",
        },
    }
]

if os.environ.get("ACCORD_DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["ACCORD_DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "accord.sqlite3"),
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so two
                # writers queue instead of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

REDIS_CONNECTION_DEFAULTS = {
    # Longer than channels-redis's blocking receive (5 s): with the client's
    # default of 5 s a receive could time out on the client side and close a
    # delegate's websocket under load.
    "socket_timeout": 15,
    "socket_connect_timeout": 5,
    # channels-redis's default of 100 per process runs out when hundreds of
    # websockets on one node close at once.
    "max_connections": 1000,
    "health_check_interval": 30,
}


def redis_channel_host(url: str) -> dict[str, object]:
    """The channel layer's Redis connection: `url` with Accord's defaults;
    options in the URL's query (`?socket_timeout=30`) win, as redis-py reads
    them after the keyword arguments."""
    return {"address": url, **REDIS_CONNECTION_DEFAULTS}


if os.environ.get("ACCORD_REDIS_URL"):
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_channel_host(os.environ["ACCORD_REDIS_URL"])]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login throttling (django-axes): after ACCORD_LOGIN_FAILURE_LIMIT failed
# sign-ins for one username from one address, that pair is refused for
# ACCORD_LOGIN_COOLOFF_MINUTES; a success resets the count. Attempts are kept
# in the database, so every server process sees them.
AXES_FAILURE_LIMIT = int(os.environ.get("ACCORD_LOGIN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ACCORD_LOGIN_COOLOFF_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accord.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of every sign-in
AXES_VERBOSE = False

# Two-factor sign-in (accord.accounts.two_factor): who must give a code from an
# authenticator app after the password. `staff` are the admin site's users.
ACCORD_TWO_FACTOR_ROLES = [
    role.strip()
    for role in os.environ.get("ACCORD_TWO_FACTOR_ROLES", "secretariat,signatory,staff").split(",")
    if role.strip()
]
OTP_TOTP_ISSUER = "Accord"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "processes:index"
LOGOUT_REDIRECT_URL = "processes:index"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from the app folders, so `accord serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("ACCORD_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Imports (Akoma Ntoso, Word, Markdown): files above this size are refused unread.
ACCORD_IMPORT_MAX_BYTES = int(os.environ.get("ACCORD_IMPORT_MAX_BYTES") or 10 * 1024 * 1024)
# The country part of Akoma Ntoso FRBR identifiers ("un" for international instruments).
ACCORD_AKN_COUNTRY = os.environ.get("ACCORD_AKN_COUNTRY") or "un"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
