"""The per-merchant quota: how many files, how many bytes, how many uploads a day."""

from __future__ import annotations

import pytest

from onboarding.models import Document
from tests.onboarding.documents.helpers import only_document, photo, upload

pytestmark = pytest.mark.django_db


def test_a_merchant_keeps_at_most_the_configured_number_of_documents(
    us_owner, auth_client, settings
):
    settings.DOCUMENT_MERCHANT_MAX_FILES = 1
    client = auth_client(us_owner)
    assert upload(client, {"bank_account_proof__": ("a.jpg", photo())}).status_code == 302
    refused = upload(client, {"company_registration__": ("b.jpg", photo())}, fragment=True)
    assert refused.status_code == 400
    assert "at most 1 documents" in refused.json()["message"]
    replaced = upload(client, {"bank_account_proof__": ("c.jpg", photo(seed=2))})
    assert replaced.status_code == 302  # replacing a file does not count twice
    assert only_document(us_owner, "bank_account_proof").original_filename == "c.jpg"


def test_a_merchant_stores_at_most_the_configured_number_of_bytes(us_owner, auth_client, settings):
    data = photo()
    settings.DOCUMENT_MERCHANT_MAX_BYTES = len(data) * 2 - 1
    client = auth_client(us_owner)
    upload(client, {"bank_account_proof__": ("a.jpg", data)})
    refused = upload(client, {"company_registration__": ("b.jpg", data)}, fragment=True)
    assert refused.status_code == 400 and "would take more than" in refused.json()["message"]
    assert Document.objects.count() == 1


def test_uploads_per_day_are_limited_even_when_files_are_deleted(us_owner, auth_client, settings):
    settings.DOCUMENT_MERCHANT_DAILY_UPLOADS = 2
    client = auth_client(us_owner)
    for seed in (1, 2):
        upload(client, {"bank_account_proof__": (f"{seed}.jpg", photo(seed=seed))})
    refused = upload(client, {"bank_account_proof__": ("3.jpg", photo(seed=3))}, fragment=True)
    assert refused.status_code == 400 and "last 24 hours" in refused.json()["message"]
    assert only_document(us_owner, "bank_account_proof").original_filename == "2.jpg"
