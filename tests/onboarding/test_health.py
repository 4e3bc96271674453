"""/healthz reports database, broker and worker liveness."""

import pytest

from onboarding.health import record_worker_heartbeat

pytestmark = pytest.mark.django_db


def test_health_is_503_naming_the_worker_when_no_worker_has_reported(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "database": "up",
        "broker": "up",
        "worker": "down",
    }


def test_health_is_200_when_a_worker_heartbeat_is_fresh(client):
    record_worker_heartbeat("worker@test")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_health_names_the_broker_when_it_is_unreachable(client, monkeypatch):
    from config.celery_app import app

    record_worker_heartbeat("worker@test")
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.conf, "broker_transport_options", {})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "up"
