"""Django settings for Payung, read from the environment so one file serves every installation.

| variable             | default                        | meaning                                 |
|----------------------|--------------------------------|-----------------------------------------|
| DATABASE_URL         | sqlite:///<var>/payung.sqlite3 | the database (PostgreSQL in production) |
| PAYUNG_VAR_DIR       | ./var                          | database, secret key, collected statics |
| PAYUNG_SECRET_KEY    | generated once into <var>      | Django's signing key                    |
| PAYUNG_DEBUG         | 0                              | 1 for development only                  |
| PAYUNG_ALLOWED_HOSTS | 127.0.0.1,localhost            | comma-separated host names              |
| PAYUNG_HTTPS         | 0                              | 1 behind TLS: secure cookies, HSTS      |
| PAYUNG_TRUSTED_PROXY | (none)                         | the TLS proxy `payung serve` believes   |
| PAYUNG_IMPORT_PROCESSES | the machine's cores         | processes checking a large import's rows |
| PAYUNG_SERVE_PROCESSES | 1                            | `payung serve`'s processes (ADR 0049)   |
| PAYUNG_CACHE_URL     | (none: each process its own)   | redis://host:port/db, shared by all     |
| PAYUNG_HOLIDAYS_FILE | <var>/holidays.json if there | the regency's holidays (payung.holidays) |
| PAYUNG_COMPLAINT_RESPOND_DAYS | 5                     | working days to acknowledge a complaint |
| PAYUNG_COMPLAINT_ANSWER_DAYS  | 14                    | working days to answer a complaint      |
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PAYUNG_VAR_DIR", Path.cwd() / "var")).resolve()


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("PAYUNG_SECRET_KEY"):
        return key
    # A single-office install has nobody to set an environment variable: keep a generated key
    # beside the database, readable only by the owner.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _flag("PAYUNG_DEBUG")
# Who runs background jobs: "thread" (in the web process; single-office default), "worker"
# (separate `payung worker` processes; production) or "inline" (tests). See ADR 0012.
PAYUNG_JOBS = os.environ.get("PAYUNG_JOBS", "thread")
# Worker processes that check the rows of a large import (imports/rowcheck.py); 1 checks them in
# the importing process itself.
IMPORT_PROCESSES = max(
    1, int(os.environ.get("PAYUNG_IMPORT_PROCESSES", "0")) or os.cpu_count() or 1
)
# The regency's own holidays, added to the shipped national list (payung/holidays.py, ADR 0042).
# Named: it must exist. Not named: <var>/holidays.json is read when it exists.
HOLIDAYS_FILE = os.environ.get("PAYUNG_HOLIDAYS_FILE", "").strip()
# A complaint's time limits in working days from its filing (payung/complaints, ADR 0043).
PAYUNG_COMPLAINT_RESPOND_DAYS = int(os.environ.get("PAYUNG_COMPLAINT_RESPOND_DAYS", "5"))
PAYUNG_COMPLAINT_ANSWER_DAYS = int(os.environ.get("PAYUNG_COMPLAINT_ANSWER_DAYS", "14"))
# Key for NIK / No. KK encryption and blind indexes (base64 of 32 bytes); see registry/crypto.py.
PAYUNG_DATA_KEY = os.environ.get("PAYUNG_DATA_KEY", "")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("PAYUNG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "payung.accounts",
    "payung.regions",
    "payung.audit",
    "payung.programmes",
    "payung.registry",
    "payung.imports",
    "payung.dedupe",
    "payung.budgets",
    "payung.screening",
    "payung.enrolment",
    "payung.finance",
    "payung.claims",
    "payung.complaints",
    "payung.reports",
    "payung.jobs",
    "payung.web",
    "payung.demo",
    "payung.accounts.admin_apps.PayungAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the user's chosen language, never the browser's (payung.edge.language)
    "payung.edge.language.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "payung.urls"
WSGI_APPLICATION = "payung.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "payung.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'payung.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue instead of failing half-way with "database is locked". A 64 MB page
    # cache (SQLite's default is 2 MB) keeps the indexes a 100,000-row import writes in memory.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
    }
    # Tests run on a file too (not shared-cache memory), so WAL and the busy timeout behave as
    # in an office install when a background job and a request write at the same time.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-payung.sqlite3")}
    if not DATABASES["default"]["NAME"].startswith(":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): 5 failures for one username from one address lock it for
# 15 minutes; a success resets the count. Shared village-office addresses are not locked whole.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Sessions end after an hour without activity and when the browser closes.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused token answers JSON under /api/ and Django's page elsewhere (ADR 0026).
CSRF_FAILURE_VIEW = "payung.web.errors.csrf_failure"
HTTPS = _flag("PAYUNG_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
# The address of the TLS proxy in front of `payung serve`: waitress believes its
# X-Forwarded-Proto / X-Forwarded-For and drops those headers from every other peer (ADR 0026).
TRUSTED_PROXY = os.environ.get("PAYUNG_TRUSTED_PROXY", "").strip()

# `payung serve --processes` (ADR 0049): several processes serve one address; their cache is
# shared when PAYUNG_CACHE_URL names a Redis, else each keeps its own (still correct: every kept
# figure carries the data version in its key, ADR 0048).
SERVE_PROCESSES = max(1, int(os.environ.get("PAYUNG_SERVE_PROCESSES", "1") or 1))
CACHE_URL = os.environ.get("PAYUNG_CACHE_URL", "").strip()
CACHE_SHARED = CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
if CACHE_URL and not CACHE_SHARED:
    raise ImproperlyConfigured(
        f"PAYUNG_CACHE_URL must be redis://, rediss:// or unix:// (got {CACHE_URL[:20]!r})"
    )
if CACHE_SHARED:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "payung",
        }
    }
if HTTPS:
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    # For another WSGI server behind a proxy that sets it; under `payung serve` waitress has
    # already removed the header unless it came from the trusted proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the installed packages too, so a forgotten collectstatic never leaves a
# village office with an unstyled page.
WHITENOISE_USE_FINDERS = True

# Logs carry request paths and codes, never personal data: Payung's URLs hold no NIK or name.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"payung": {"level": "INFO"}},
}
