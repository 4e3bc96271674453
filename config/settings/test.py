"""Test settings: real components where the environment names them (DATABASE_URL, REDIS_URL)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, env

SECRET_KEY = "kaitong-test-secret-key-that-is-long-enough-for-hmac-use"  # noqa: S105
FIELD_ENCRYPTION_KEYS = ["dGVzdC1rZXkta2FpdG9uZy1mZXJuZXQtMDAwMDAwMDA="]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

VAR_DIR = Path(tempfile.mkdtemp(prefix="kaitong-test-"))
PRIVATE_STORAGE_DIR = VAR_DIR / "private"
OUTBOX_DIR = VAR_DIR / "outbox"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir()
# SQLite's in-memory test database is shared between threads in "shared cache" mode, where
# two writers fail at once ("database table is locked") instead of waiting as they do on a
# file: two uploads at the same moment from a browser test then fail where production would
# not. A file database behaves like the one `make run` uses.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CELERY_BROKER_DIR = VAR_DIR / "broker"
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_DIR), "base_url": None},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_DIR), "base_url": None},
    },
}
MAILERS = {"default": {"BACKEND": "onboarding.outbox.OutboxEmailBackend"}}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WORKER_HEARTBEAT_SECONDS = 1
# Unit tests run tasks in-process; integration tests start a real worker and turn this off.
CELERY_TASK_ALWAYS_EAGER = True
