"""Merchant B can neither list, read, download nor delete merchant A's documents (404)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onboarding.models import Document
from tests.onboarding.documents.helpers import only_document, photo, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_document(us_owner, auth_client, django_capture_on_commit_callbacks):
    upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("alpha-secret-bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    return only_document(us_owner, "bank_account_proof")


@pytest.fixture
def b_client(client, user_factory, merchant_factory):
    owner_b = user_factory(email="bravo@example.com")
    merchant_factory(owner=owner_b, legal_name="Bravo Ltd", country="US")
    client.force_login(owner_b)
    return client


def test_merchant_b_lists_none_of_merchant_as_documents(a_document, b_client):
    page = b_client.get(reverse("documents")).content.decode()
    assert "alpha-secret-bank" not in page
    assert b_client.get(reverse("api_documents")).json() == []
    requirements = b_client.get(reverse("api_requirements")).json()
    assert all(s["document_id"] is None for i in requirements["items"] for s in i["slots"])


@pytest.mark.parametrize(
    ("method", "url_name"),
    [
        ("get", "document_file"),
        ("get", "document_thumbnail"),
        ("post", "document_delete"),
        ("post", "document_expiry"),
        ("get", "api_document"),
        ("delete", "api_document"),
        ("get", "api_document_file"),
        ("get", "staff_document"),
        ("get", "staff_document_file"),
    ],
)
def test_merchant_b_gets_404_for_merchant_as_document_by_any_url(
    a_document, b_client, method, url_name
):
    response = getattr(b_client, method)(reverse(url_name, args=[a_document.pk]))
    assert response.status_code == 404
    body = b"".join(response) if response.streaming else response.content
    assert b"alpha-secret-bank" not in body
    a_document.refresh_from_db()
    assert a_document.status == "passed"


def test_merchant_bs_upload_cannot_touch_merchant_as_slot(a_document, b_client):
    upload(b_client, {"bank_account_proof__": ("b.jpg", photo(seed=2))})
    assert Document.objects.get(pk=a_document.pk).original_filename == "alpha-secret-bank.jpg"
    assert Document.objects.count() == 2
