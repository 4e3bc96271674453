"""The documents page: per-item states and what to do, live polling, roles, freezing, files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onboarding.models import AuditEvent, Document, Role
from onboarding.transitions import transition
from tests.onboarding.documents.helpers import only_document, photo, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_of(auth_client):
    def get(user) -> str:
        response = auth_client(user).get(reverse("documents"))
        assert response.status_code == 200
        return response.content.decode()

    return get


def _card(page: str, key: str) -> str:
    start = page.index(f'id="item-{key}"')
    return page[start : page.index("</section>", start)]


def test_checklist_shows_each_item_missing_with_what_to_upload(us_owner, page_of):
    page = page_of(us_owner)
    for key in ("company_registration", "representative_id", "bank_account_proof"):
        card = _card(page, key)
        assert "doc-badge-missing" in card and "Missing" in card and "Required" in card
    assert "A bank letter, account opening permit" in _card(page, "bank_account_proof")
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page
    assert "Upload the chosen files" in page  # the plain form works without JavaScript
    assert "Before you can submit:" in page and "Upload: Bank account proof" in page


def test_a_document_being_checked_polls_until_its_checks_are_done(
    us_owner, auth_client, page_of, django_capture_on_commit_callbacks
):
    client = auth_client(us_owner)
    upload(client, {"bank_account_proof__": ("bank.jpg", photo())})
    card = _card(page_of(us_owner), "bank_account_proof")
    assert 'hx-trigger="every 2s"' in card and "Checking" in card and "Waiting…" in card
    assert "We are checking your file" in card
    document = only_document(us_owner, "bank_account_proof")
    with django_capture_on_commit_callbacks(execute=True):
        from onboarding.services.verification import document_verify

        document_verify(document_id=document.pk)
    response = client.get(
        reverse("document_item", args=["bank_account_proof"]), HTTP_HX_REQUEST="true"
    )
    fragment = response.content.decode()
    assert "every 2s" not in fragment and "doc-badge-passed" in fragment
    assert "Nothing to do: this document passed our checks." in fragment
    assert response["HX-Trigger"] == "documents-changed"


def test_a_flagged_document_says_what_to_fix_and_can_be_replaced(
    us_owner, auth_client, page_of, django_capture_on_commit_callbacks
):
    client = auth_client(us_owner)
    small = photo((640, 480))
    upload(
        client,
        {"bank_account_proof__": ("small.jpg", small)},
        capture=django_capture_on_commit_callbacks,
    )
    card = _card(page_of(us_owner), "bank_account_proof")
    assert "doc-badge-attention" in card and "Needs attention" in card
    assert "doc-check-fail" in card and "Replace with another file" in card
    first = only_document(us_owner, "bank_account_proof")
    upload(
        client,
        {"bank_account_proof__": ("sharp.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    replaced = only_document(us_owner, "bank_account_proof")
    assert replaced.pk != first.pk and replaced.status == "passed"
    assert not Document.objects.filter(pk=first.pk).exists()
    assert AuditEvent.objects.filter(action="document_replaced", subject_id=str(first.pk)).exists()


def test_upload_from_javascript_answers_with_the_updated_cards(us_owner, auth_client):
    response = upload(
        auth_client(us_owner), {"bank_account_proof__": ("bank.jpg", photo())}, fragment=True
    )
    assert response.status_code == 200
    html = response.json()["items"]["bank_account_proof"]
    assert html.startswith('<section class="doc-item doc-state-checking"')
    assert 'hx-trigger="every 2s"' in html


def test_expiry_date_entered_later_is_saved_and_checked_again(
    us_owner, auth_client, django_capture_on_commit_callbacks
):
    client = auth_client(us_owner)
    upload(
        client,
        {"representative_id__": ("passport.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "representative_id")
    assert document.status == "flagged"  # no date entered, none read: the check fails
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document_expiry", args=[document.pk]), {"expires_on": "2031-05-01"})
    document.refresh_from_db()
    assert (document.status, str(document.valid_until), document.attempts) == (
        "passed",
        "2031-05-01",
        2,
    )


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_teammates_read_the_checklist_but_only_the_owner_changes_it(
    role, us_owner, teammate, auth_client, page_of, django_capture_on_commit_callbacks
):
    upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "bank_account_proof")
    member = teammate(us_owner, role)
    page = page_of(member)
    assert "bank.jpg" in page and "Checks passed" in page
    assert 'type="file"' not in page and "Delete bank.jpg" not in page
    assert "Only the owner of the business can submit" not in page  # blockers shown instead
    client = auth_client(member)
    assert upload(client, {"bank_account_proof__": ("x.jpg", photo())}).status_code == 404
    assert client.post(reverse("document_delete", args=[document.pk])).status_code == 404
    assert client.post(reverse("application_submit")).status_code == 404
    file_status = client.get(reverse("document_file", args=[document.pk])).status_code
    assert file_status == (200 if role == Role.VIEWER else 404)
    assert only_document(us_owner, "bank_account_proof").pk == document.pk


def test_file_is_the_sanitised_copy_served_privately(
    us_owner, auth_client, django_capture_on_commit_callbacks
):
    client = auth_client(us_owner)
    original = photo()
    upload(
        client,
        {"bank_account_proof__": ('银行 letter "1".jpg', original)},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "bank_account_proof")
    response = client.get(reverse("document_file", args=[document.pk]))
    body = b"".join(response.streaming_content)
    assert body != original and body[:3] == b"\xff\xd8\xff"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        'inline; filename="letter _1.jpg"; '
        "filename*=UTF-8''%E9%93%B6%E8%A1%8C%20letter%20%221%22.jpg"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    thumb = client.get(reverse("document_thumbnail", args=[document.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"


def test_documents_freeze_after_submission_until_changes_are_requested(
    us_owner, auth_client, page_of, django_capture_on_commit_callbacks
):
    client = auth_client(us_owner)
    upload(
        client,
        {"bank_account_proof__": ("bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "bank_account_proof")
    application = us_owner.membership.merchant.application
    transition(application, "submitted", actor=us_owner)
    client.post(reverse("document_delete", args=[document.pk]))
    upload(client, {"bank_account_proof__": ("other.jpg", photo(seed=4))})
    assert list(Document.objects.all()) == [document]
    page = page_of(us_owner)
    assert "Its documents are locked" in page and 'type="file"' not in page
    transition(application, "in_review", actor=None)
    transition(application, "changes_requested", actor=None)
    client.post(reverse("document_delete", args=[document.pk]))
    assert not Document.objects.exists()


def test_staff_open_the_copy_next_to_the_checks_and_each_view_is_audited(
    us_owner, auth_client, staff_with_mfa, django_capture_on_commit_callbacks
):
    upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "bank_account_proof")
    client = auth_client(staff_with_mfa)
    assert client.get(reverse("staff_documents")).status_code == 200
    page = client.get(reverse("staff_document", args=[document.pk])).content.decode()
    assert reverse("staff_document_file", args=[document.pk]) in page
    assert "The image is sharp." in page
    response = client.get(reverse("staff_document_file", args=[document.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    audited = AuditEvent.objects.filter(
        actor=staff_with_mfa, subject_type="onboarding.document", subject_id=str(document.pk)
    ).values_list("action", flat=True)
    assert list(audited) == ["document_viewed", "file_viewed"]


def test_staff_without_mfa_cannot_open_documents(
    us_owner, auth_client, staff_user, django_capture_on_commit_callbacks
):
    upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(us_owner, "bank_account_proof")
    client = auth_client(staff_user)
    response = client.get(reverse("staff_document_file", args=[document.pk]))
    assert response.status_code == 302 and "2fa" in response["Location"]
    assert client.get(reverse("document_file", args=[document.pk])).status_code == 302
    assert not AuditEvent.objects.filter(actor=staff_user).exists()


def test_dashboard_links_the_documents_step(us_owner, auth_client):
    page = auth_client(us_owner).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("documents")}"' in page


@pytest.mark.parametrize("documents", [0, 3])
def test_documents_page_query_count_does_not_grow_with_documents(
    us_owner,
    auth_client,
    documents,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    client = auth_client(us_owner)
    slots = ["bank_account_proof__", "company_registration__", "representative_id__"]
    for n, slot in enumerate(slots[:documents]):
        upload(
            client, {slot: (f"{n}.jpg", photo(seed=n))}, capture=django_capture_on_commit_callbacks
        )
    with django_assert_max_num_queries(9):
        assert client.get(reverse("documents")).status_code == 200
    with django_assert_max_num_queries(7):
        client.get(reverse("document_item", args=["bank_account_proof"]))
