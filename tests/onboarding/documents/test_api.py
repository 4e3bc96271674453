"""The documents API: checklist, list/read/upload/delete, the sanitised file, submission."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from onboarding.models import ApplicationStatus, Role
from tests.onboarding.documents.helpers import api_upload, only_document, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(us_owner, auth_client):
    return auth_client(us_owner)


def upload_all_mandatory(client, capture):
    for requirement, name in [
        ("company_registration", "registration.jpg"),
        ("bank_account_proof", "bank.jpg"),
    ]:
        assert (
            api_upload(
                client, requirement, (name, photo(seed=len(name))), capture=capture
            ).status_code
            == 201
        )
    response = api_upload(
        client,
        "representative_id",
        ("passport.jpg", photo(seed=7)),
        capture=capture,
        expires_on="2032-01-31",
    )
    assert response.status_code == 201


def test_requirements_list_each_item_with_its_state_and_slots(owner_client):
    data = owner_client.get(reverse("api_requirements")).json()
    assert (data["application_status"], data["editable"], data["can_submit"]) == (
        "draft",
        True,
        False,
    )
    assert data["max_bytes"] == 10 * 1024 * 1024 and data["rules_version"] >= 1
    item = next(i for i in data["items"] if i["key"] == "representative_id")
    assert item == {
        "key": "representative_id",
        "label": "Representative's photo ID",
        "help": item["help"],
        "mandatory": True,
        "state": "missing",
        "asked_by": [],
        "accepted_formats": "JPEG, PNG, PDF",
        "slots": [
            {
                "side": "",
                "label": None,
                "state": "missing",
                "expiry": "required",
                "document_id": None,
            }
        ],
    }
    assert "Upload: Representative's photo ID" in data["blockers"]


def test_upload_read_and_delete_through_the_api(
    owner_client, us_owner, django_capture_on_commit_callbacks
):
    created = api_upload(
        owner_client,
        "bank_account_proof",
        ("bank.jpg", photo()),
        capture=django_capture_on_commit_callbacks,
    ).json()
    pk = created[0]["id"]
    detail = owner_client.get(reverse("api_document", args=[pk])).json()
    assert (detail["status"], detail["content_type"], detail["original_filename"]) == (
        "passed",
        "image/jpeg",
        "bank.jpg",
    )
    assert [c["name"] for c in detail["checks"]][:3] == ["content_type", "decode", "resolution"]
    assert detail["checks"][0] == {
        "name": "content_type",
        "outcome": "pass",
        "detail": "The file is a JPEG, as its name says.",
    }
    assert detail["file_url"] == reverse("api_document_file", args=[pk])
    file = owner_client.get(detail["file_url"])
    assert file.status_code == 200 and file["X-Content-Type-Options"] == "nosniff"
    assert [d["id"] for d in owner_client.get(reverse("api_documents")).json()] == [pk]
    assert owner_client.delete(reverse("api_document", args=[pk])).status_code == 204
    assert owner_client.get(reverse("api_document", args=[pk])).status_code == 404


def test_two_files_fill_the_front_and_back_of_an_id_card(cn_owner, auth_client):
    client = auth_client(cn_owner)
    response = api_upload(
        client, "legal_rep_id", ("front.jpg", photo(seed=1)), ("back.jpg", photo(seed=2))
    )
    assert response.status_code == 201
    assert [(d["side"], d["original_filename"]) for d in response.json()] == [
        ("front", "front.jpg"),
        ("back", "back.jpg"),
    ]
    one = api_upload(client, "legal_rep_id", ("back2.jpg", photo(seed=3)), side="back")
    assert one.status_code == 201
    assert only_document(cn_owner, "legal_rep_id", "back").original_filename == "back2.jpg"


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_teammates_read_but_cannot_upload_delete_or_submit(
    role, us_owner, teammate, auth_client, owner_client, django_capture_on_commit_callbacks
):
    pk = api_upload(
        owner_client,
        "bank_account_proof",
        ("bank.jpg", photo()),
        capture=django_capture_on_commit_callbacks,
    ).json()[0]["id"]
    client = auth_client(teammate(us_owner, role))
    assert client.get(reverse("api_document", args=[pk])).status_code == 200
    refused = api_upload(client, "bank_account_proof", ("x.jpg", photo()))
    assert refused.status_code == 403
    assert refused.json()["message"] == "Only the owner of the business can change its documents."
    assert client.delete(reverse("api_document", args=[pk])).status_code == 403
    assert client.post(reverse("api_submit")).status_code == 403
    file_status = client.get(reverse("api_document_file", args=[pk])).status_code
    assert file_status == (200 if role == Role.VIEWER else 403)
    detail = client.get(reverse("api_document", args=[pk])).json()
    assert (detail["file_url"] is None) is (role == Role.DEVELOPER)


def test_submission_is_refused_with_the_blockers_then_accepted_when_all_is_in_order(
    owner_client, us_owner, django_capture_on_commit_callbacks
):
    refused = owner_client.post(reverse("api_submit"))
    assert refused.status_code == 400
    assert refused.json()["message"].startswith("Your application cannot be submitted yet")
    assert len(refused.json()["extra"]["blockers"]) == 3
    upload_all_mandatory(owner_client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = owner_client.post(reverse("api_submit"))
    assert accepted.status_code == 200
    assert (accepted.json()["application_status"], accepted.json()["editable"]) == (
        "submitted",
        False,
    )
    us_owner.membership.merchant.application.refresh_from_db()
    assert us_owner.membership.merchant.application.status == ApplicationStatus.SUBMITTED
    assert [m.subject for m in mail.outbox] == [
        "[Kaitong] Kaitong Trading Ltd: your application was submitted"
    ]
    assert "Documents submitted: 3." in mail.outbox[0].body
    frozen = api_upload(owner_client, "bank_account_proof", ("late.jpg", photo(seed=30)))
    assert frozen.status_code == 400 and "cannot change" in frozen.json()["message"]
    pk = only_document(us_owner, "bank_account_proof").pk
    assert owner_client.delete(reverse("api_document", args=[pk])).status_code == 400


def test_submitting_from_the_page_moves_the_application_and_returns_to_the_dashboard(
    owner_client, django_capture_on_commit_callbacks
):
    upload_all_mandatory(owner_client, django_capture_on_commit_callbacks)
    response = owner_client.post(reverse("application_submit"))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "badge-submitted" in dashboard


def test_a_document_still_being_checked_blocks_submission(
    owner_client, django_capture_on_commit_callbacks
):
    upload_all_mandatory(owner_client, django_capture_on_commit_callbacks)
    api_upload(owner_client, "bank_account_proof", ("again.jpg", photo(seed=40)))  # not checked
    blockers = owner_client.get(reverse("api_requirements")).json()["blockers"]
    assert blockers == ["Wait for the checks of: Bank account proof"]


@pytest.mark.parametrize("documents", [0, 3])
def test_documents_api_query_counts_do_not_grow_with_documents(
    owner_client, documents, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    if documents:
        upload_all_mandatory(owner_client, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(5):
        assert owner_client.get(reverse("api_documents")).status_code == 200
    with django_assert_max_num_queries(7):
        assert owner_client.get(reverse("api_requirements")).status_code == 200


def test_schema_documents_every_documents_endpoint(owner_client):
    schema = owner_client.get(reverse("schema"), HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/application/documents/"]) >= {"get", "post"}
    assert set(paths["/api/v1/application/documents/{id}/"]) >= {"get", "delete"}
    assert "get" in paths["/api/v1/application/documents/{id}/file"]
    assert "get" in paths["/api/v1/application/requirements/"]
    assert "post" in paths["/api/v1/application/submit/"]
    upload_body = paths["/api/v1/application/documents/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload_body
