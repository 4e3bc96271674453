"""Settings shared by every environment; every value can come from the environment."""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
env = environ.Env()

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
VAR_DIR = Path(env("KAITONG_VAR_DIR", default=str(BASE_DIR / "var")))
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "onboarding.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "onboarding",
    "payments",
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "onboarding.middleware.StaffMFARequiredMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onboarding.context_processors.journey",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database and cache
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kaitong.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Reusing connections saves a connect (and SQLite's set-up pragmas) on every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A health check costs a round trip ("SELECT 1") on every request; without it the first
# request after a database restart fails once and its broken connection is dropped.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
# The per-request queries (onboarding/prepared.py) are prepared on PostgreSQL; off for
# poolers that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
DB_PREPARED_STATEMENTS = env.bool("DB_PREPARED_STATEMENTS", default=True)
# On SQLite the worker writes check results while the web process writes uploads: a
# deferred transaction that reads and then writes fails at once ("database is locked")
# instead of waiting its turn. IMMEDIATE takes the write lock at BEGIN, so it waits.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")

REDIS_URL = env("REDIS_URL", default="")
# allauth's rate limits are silently off under DummyCache, so some real cache is always set.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_URL.rstrip("/0123456789") + "/1"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# ------------------------------------------------------------------------------
# Celery
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "broker"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=150)
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)

# ------------------------------------------------------------------------------
# Storage: uploads live in a private folder that no URL maps to.
# ------------------------------------------------------------------------------
PRIVATE_STORAGE_DIR = Path(env("PRIVATE_STORAGE_DIR", default=str(VAR_DIR / "private")))
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_DIR), "base_url": None},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_DIR), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ------------------------------------------------------------------------------
# Email: EMAIL_URL picks SMTP (smtp://, smtp+tls://); the default writes a local outbox.
# ------------------------------------------------------------------------------
OUTBOX_DIR = Path(env("OUTBOX_DIR", default=str(VAR_DIR / "outbox")))


def _mailer_from_url(url: str) -> dict:
    parsed = env.email_url_config(url)
    return {
        "BACKEND": parsed["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": parsed.get("EMAIL_HOST", "localhost"),
            "port": parsed.get("EMAIL_PORT") or 25,
            "username": parsed.get("EMAIL_HOST_USER") or None,
            "password": parsed.get("EMAIL_HOST_PASSWORD") or None,
            "use_tls": bool(parsed.get("EMAIL_USE_TLS")),
            "use_ssl": bool(parsed.get("EMAIL_USE_SSL")),
            "timeout": 20,
        },
    }


MAILERS = {
    "default": _mailer_from_url(env("EMAIL_URL"))
    if env("EMAIL_URL", default="")
    else {"BACKEND": "onboarding.outbox.OutboxEmailBackend"}
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kaitong <no-reply@kaitong.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ------------------------------------------------------------------------------
# Secrets at rest (TOTP secrets now, provider credentials later): Fernet keys, newest first.
# ------------------------------------------------------------------------------
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# ------------------------------------------------------------------------------
# Accounts (django-allauth)
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["onboarding.auth_backends.KaitongBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "dashboard"
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "onboarding.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kaitong] "
MFA_ADAPTER = "onboarding.accounts.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kaitong"

# ------------------------------------------------------------------------------
# Security
# ------------------------------------------------------------------------------
# Database sessions read with their user in one query (onboarding/sessions.py).
SESSION_ENGINE = "onboarding.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# ------------------------------------------------------------------------------
# Internationalisation
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True

# ------------------------------------------------------------------------------
# API
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_THROTTLE_RATES": {"anon_quotes": "60/min"},
    # How many proxies stand in front: 0 trusts only REMOTE_ADDR for rate-limit identities.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kaitong API",
    "DESCRIPTION": "Merchant onboarding for digital-wallet payment providers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# ------------------------------------------------------------------------------
# Logging: one JSON object per line, each with the request id.
# ------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_id.RequestIdFilter"}},
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": "INFO"},
    },
}

# ------------------------------------------------------------------------------
# KYC documents: upload limits, quotas, verification (onboarding/services/documents.py)
# ------------------------------------------------------------------------------
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)  # per file
DOCUMENT_MAX_FILES_PER_REQUEST = 10
DOCUMENT_MERCHANT_MAX_FILES = env.int("DOCUMENT_MERCHANT_MAX_FILES", default=40)
DOCUMENT_MERCHANT_MAX_BYTES = env.int("DOCUMENT_MERCHANT_MAX_BYTES", default=200 * 1024 * 1024)
DOCUMENT_MERCHANT_DAILY_UPLOADS = env.int("DOCUMENT_MERCHANT_DAILY_UPLOADS", default=100)
DOCUMENT_EXPIRY_WARN_DAYS = env.int("DOCUMENT_EXPIRY_WARN_DAYS", default=30)
DOCUMENT_PIXEL_BUDGET = env.int("DOCUMENT_PIXEL_BUDGET", default=40_000_000)
DOCUMENT_MAX_PDF_PAGES = env.int("DOCUMENT_MAX_PDF_PAGES", default=20)
DOCUMENT_OCR = env.bool("DOCUMENT_OCR", default=True)  # Tesseract eng+chi_sim when installed
DOCUMENT_OCR_TIMEOUT = env.int("DOCUMENT_OCR_TIMEOUT", default=60)
DOCUMENT_VERIFY_SOFT_TIME_LIMIT = 150
DOCUMENT_VERIFY_TIME_LIMIT = 180  # below the Redis visibility timeout (celery_config.py)
DOCUMENT_VERIFY_MAX_ATTEMPTS = 3
# The sweeper re-enqueues uploads still waiting after this many seconds (broker was down),
# and takes back a verification claimed longer ago than the task's hard limit (worker died).
DOCUMENT_SWEEP_WAITING_AFTER = env.int("DOCUMENT_SWEEP_WAITING_AFTER", default=60)
DOCUMENT_SWEEP_STUCK_AFTER = env.int("DOCUMENT_SWEEP_STUCK_AFTER", default=300)
# Uploads above this stream to a temporary file instead of memory; the storage then moves it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
# The parser's own wall; the friendly per-request limit (10) is checked by the service.
DATA_UPLOAD_MAX_NUMBER_FILES = 2 * DOCUMENT_MAX_FILES_PER_REQUEST
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# ------------------------------------------------------------------------------
# Product settings
# ------------------------------------------------------------------------------
INVITATION_VALID_DAYS = 7
# Where people reach the portal: links in emails sent by workers (which have no request).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE = {
    "sweep-emails": {"task": "onboarding.tasks.sweep_emails", "schedule": 300.0},
    "sweep-documents": {"task": "onboarding.tasks.sweep_documents", "schedule": 60.0},
    "clear-expired-sessions": {
        "task": "onboarding.tasks.clear_expired_sessions",
        "schedule": 3600.0,
    },
}
