"""REST API base: deny by default, the caller's own data only, one error shape."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from onboarding.models import ApplicationStatus
from onboarding.transitions import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


@pytest.mark.parametrize("url_name", ["api_me", "api_application"])
def test_anonymous_callers_are_refused_with_a_message(api, url_name):
    response = api.get(reverse(url_name))
    assert response.status_code == 403
    assert response.json() == {
        "message": "Authentication credentials were not provided.",
        "extra": {},
    }


def test_me_returns_user_merchant_and_role(api, owner, merchant):
    api.force_authenticate(owner)
    body = api.get(reverse("api_me")).json()
    assert body["email"] == owner.email
    assert body["role"] == "owner"
    assert body["merchant"]["legal_name"] == merchant.legal_name


def test_application_returns_status_steps_and_history(api, owner, merchant):
    transition(merchant.application, ApplicationStatus.SUBMITTED, actor=owner, note="ready")
    api.force_authenticate(owner)
    body = api.get(reverse("api_application")).json()
    assert body["status"] == "submitted"
    assert [s["key"] for s in body["steps"]] == [
        "business",
        "survey",
        "providers",
        "documents",
        "review",
        "credentials",
        "golive",
    ]
    assert body["steps"][0]["state"] == "done"
    assert body["history"] == [
        {
            "from_status": "draft",
            "to_status": "submitted",
            "actor": owner.email,
            "note": "ready",
            "created_at": body["history"][0]["created_at"],
        }
    ]


def test_user_without_merchant_gets_404_for_application(api, user_factory):
    api.force_authenticate(user_factory())
    response = api.get(reverse("api_application"))
    assert response.status_code == 404
    assert response.json()["message"]


def test_domain_errors_become_400_with_message_and_extra(rf):
    from config.api import exception_handler
    from onboarding.errors import DomainError

    response = exception_handler(DomainError("Nope", extra={"field": "x"}), {})
    assert response.status_code == 400
    assert response.data == {"message": "Nope", "extra": {"field": "x"}}


def test_unsafe_method_without_csrf_token_is_refused_for_session_users(owner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("api_me"), {})
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/application/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()
