"""The Celery app. Its configuration lives in config/celery_config.py, read from Django settings."""

import os

from celery import Celery, bootsteps
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("kaitong")
app.config_from_object("config.celery_config")
app.autodiscover_tasks()


class HeartbeatStep(bootsteps.StartStopStep):
    """Writes a liveness stamp to the shared cache so /healthz can see workers on any broker."""

    requires = {"celery.worker.components:Timer"}

    def start(self, worker):
        from onboarding.health import record_worker_heartbeat

        record_worker_heartbeat(worker.hostname)
        self._timer = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, record_worker_heartbeat, (worker.hostname,)
        )

    def stop(self, worker):
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.cancel()


app.steps["worker"].add(HeartbeatStep)
