"""Celery's configuration, imported lazily by Celery after Django's settings are loaded."""

from django.conf import settings


def _transport_options() -> dict:
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        folder = settings.CELERY_BROKER_DIR
        for sub in ("queue", "processed", "control"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        return {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
            # The default one-second poll would cap a worker near 60 tasks a minute.
            "polling_interval": 0.1,
        }
    # A task not acked within visibility_timeout is redelivered: keep it above the hard limit.
    return {"visibility_timeout": settings.CELERY_TASK_TIME_LIMIT * 2 + 60}


broker_url = settings.CELERY_BROKER_URL
broker_transport_options = _transport_options()
broker_connection_retry_on_startup = True
task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
task_ignore_result = True
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_soft_time_limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
task_time_limit = settings.CELERY_TASK_TIME_LIMIT
task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
worker_hijack_root_logger = False
timezone = settings.TIME_ZONE
beat_schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", {})
