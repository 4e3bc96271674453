"""Settings for a Celery worker run as a subprocess by a test: the test's own settings, but
the database, broker folder and private storage the running test uses (from the environment).

On SQLite the test database lives in memory, which another process cannot open, so the test
hands over a file copy (tests/integration/test_document_worker.py); on PostgreSQL it is the
test database itself. Redis, when REDIS_URL is set, is shared as it is.
"""

import os
import shutil
from pathlib import Path

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, STORAGES, VAR_DIR

# test.py made a fresh temporary folder for this process; the test's own folder is used instead.
shutil.rmtree(VAR_DIR, ignore_errors=True)
VAR_DIR = Path(os.environ["KAITONG_SHARED_VAR_DIR"])
OUTBOX_DIR = VAR_DIR / "outbox"
STATIC_ROOT = VAR_DIR / "static"

DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["KAITONG_SHARED_DB_NAME"]}}
CELERY_BROKER_DIR = Path(os.environ["KAITONG_SHARED_BROKER_DIR"])
PRIVATE_STORAGE_DIR = Path(os.environ["KAITONG_SHARED_PRIVATE_DIR"])
_private = {"location": str(PRIVATE_STORAGE_DIR), "base_url": None}
STORAGES = {**STORAGES, "default": {**STORAGES["default"], "OPTIONS": _private}}
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": _private}
CELERY_TASK_ALWAYS_EAGER = False
DOCUMENT_OCR = True
