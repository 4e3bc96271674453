"""Embedded defaults: one machine, nothing to set up."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

STATIC_ROOT = VAR_DIR / "static"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="kaitong-local-development-key-not-for-production-use-000")
if not FIELD_ENCRYPTION_KEYS:  # noqa: F405
    # A fixed local key keeps the dev database readable across restarts;
    # production requires its own.
    FIELD_ENCRYPTION_KEYS = ["bG9jYWwtZGV2LWtleS1rYWl0b25nLWZlcm5ldC0wMDA="]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
for _folder in ("static", "outbox", "private", "broker/in", "broker/processed", "cache"):
    (VAR_DIR / _folder).mkdir(parents=True, exist_ok=True)
