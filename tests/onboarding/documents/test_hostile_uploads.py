"""Hostile and broken files through the upload endpoints: each gets its exact outcome.

None causes a 500, none is stored under a public path, and the merchant's other documents
and profile stay as they were.
"""

from __future__ import annotations

import re
import resource
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image

from onboarding.models import Document, DocumentStatus
from tests.onboarding.documents.helpers import (
    api_upload,
    check_reasons,
    only_document,
    photo,
    upload,
)
from tests.onboarding.verification import corpus

pytestmark = pytest.mark.django_db
KEY = re.compile(r"^documents/\d+/[0-9a-f]{32}\.upload$")


def png() -> bytes:
    return corpus.png_bytes(corpus.textured_photo((1600, 1200)))


@dataclass(frozen=True)
class Case:
    name: str  # the user's filename
    data: Callable[[], bytes]
    status: str
    decisive: tuple[str, str, str]  # (check, outcome, reason)


CASES = {
    "20000x20000-png": Case(
        "huge.png", corpus.bomb_png, "unreadable", ("decode", "fail", "pixel_budget")
    ),
    "truncated-jpeg": Case(
        "photo.jpg", corpus.truncated_jpeg, "unreadable", ("decode", "fail", "damaged")
    ),
    "png-named-pdf": Case(
        "statement.pdf", png, "unreadable", ("content_type", "fail", "extension_mismatch")
    ),
    "png-header-then-html": Case(
        "licence.png",
        corpus.png_header_then_html,
        "unreadable",
        ("content_type", "fail", "markup_in_image"),
    ),
    "svg": Case(
        "logo.svg",
        lambda: corpus.SVG,
        "unreadable",
        ("content_type", "fail", "extension_not_allowed"),
    ),
    "html": Case(
        "index.html",
        lambda: corpus.HTML,
        "unreadable",
        ("content_type", "fail", "extension_not_allowed"),
    ),
    "pdf-javascript-openaction": Case(
        "invoice.pdf",
        corpus.pdf_with_javascript_open_action,
        "unreadable",
        ("decode", "fail", "active_content"),
    ),
    "jpeg-gps-orientation-6": Case(
        "photo.jpg",
        lambda: corpus.jpeg_bytes(corpus.orientation_probe(), exif=corpus.gps_exif(6)),
        "passed",
        ("rendition", "pass", "ok"),
    ),
    "path-traversal-name": Case("../../x.png", png, "passed", ("content_type", "pass", "ok")),
    "double-extension": Case(
        "a.jpg.php", photo, "unreadable", ("content_type", "fail", "extension_not_allowed")
    ),
    "300-char-unicode-name": Case(
        "营业执照" * 74 + "扫描件.pdf", corpus.three_page_pdf, "passed", ("decode", "pass", "ok")
    ),
}


@pytest.fixture
def owner_with_a_good_document(us_owner, auth_client, django_capture_on_commit_callbacks):
    client = auth_client(us_owner)
    upload(
        client,
        {"company_registration__": ("registration.jpg", photo(seed=9))},
        capture=django_capture_on_commit_callbacks,
    )
    good = only_document(us_owner, "company_registration")
    assert good.status == DocumentStatus.PASSED
    return us_owner, client, good


def _snapshot(document: Document) -> tuple:
    document.refresh_from_db()
    merchant = document.merchant
    merchant.refresh_from_db()
    checks = sorted(document.checks.values_list("name", "outcome"))
    return (
        document.status,
        document.sha256,
        document.rendition_key,
        checks,
        merchant.legal_name,
        merchant.registration_number,
    )


def _assert_private(key: str) -> None:
    assert KEY.match(key), key
    path = Path(storages["private"].path(key)).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(settings.PRIVATE_STORAGE_DIR).resolve())
    for public in (Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)):
        assert not path.is_relative_to(public.resolve())


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_file_uploaded_through_the_page_gets_its_exact_outcome(
    case: Case, owner_with_a_good_document, django_capture_on_commit_callbacks, client
):
    owner, client, good = owner_with_a_good_document
    before = _snapshot(good)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = upload(
        client,
        {"bank_account_proof__": (case.name, case.data())},
        capture=django_capture_on_commit_callbacks,
    )
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert response.status_code == 302
    document = only_document(owner, "bank_account_proof")
    check, outcome, reason = case.decisive
    assert document.status == case.status
    assert check_reasons(document)[check] == (outcome, reason)
    assert "/" not in document.original_filename and len(document.original_filename) <= 255
    _assert_private(document.storage_key)
    assert client.get(f"/static/{document.storage_key}").status_code == 404
    assert _snapshot(good) == before
    assert grown_mb < 200
    if case.status == "unreadable":
        assert document.rendition_key == "" and document.thumbnail_key == ""
        assert client.get(reverse("document_file", args=[document.pk])).status_code == 404


def test_gps_photo_is_served_upright_without_its_location(
    owner_with_a_good_document, django_capture_on_commit_callbacks
):
    owner, client, _good = owner_with_a_good_document
    original = CASES["jpeg-gps-orientation-6"].data()
    upload(
        client,
        {"bank_account_proof__": ("photo.jpg", original)},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(owner, "bank_account_proof")
    response = client.get(reverse("document_file", args=[document.pk]))
    served = b"".join(response.streaming_content)
    shown = Image.open(BytesIO(served))
    assert served != original
    assert shown.size == (1200, 1600)  # stored 1600 × 1200 with orientation 6: turned
    assert not shown.getexif() and not shown.getexif().get_ifd(0x8825)


def test_long_unicode_name_is_kept_as_metadata_and_served_rfc6266_encoded(
    owner_with_a_good_document, django_capture_on_commit_callbacks
):
    owner, client, _good = owner_with_a_good_document
    case = CASES["300-char-unicode-name"]
    upload(
        client,
        {"bank_account_proof__": (case.name, case.data())},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(owner, "bank_account_proof")
    assert len(document.original_filename) == 255 and document.original_filename.endswith(".pdf")
    assert document.rendition_content_type == "application/pdf" and document.thumbnail_key
    response = client.get(reverse("document_file", args=[document.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"document.pdf\"; filename*=UTF-8''")
    assert "%E8%90%A5%E4%B8%9A" in disposition  # 营业, percent-encoded UTF-8
    assert response["Content-Type"] == "application/pdf"


def test_zero_byte_file_is_refused_and_nothing_is_stored(owner_with_a_good_document):
    _owner, client, good = owner_with_a_good_document
    response = upload(client, {"bank_account_proof__": ("empty.jpg", b"")}, fragment=True)
    assert response.status_code == 400
    assert "is empty" in response.json()["message"]
    assert list(Document.objects.filter(merchant=good.merchant)) == [good]


def test_file_one_byte_over_the_limit_is_refused_and_one_at_the_limit_accepted(
    owner_with_a_good_document, settings, django_capture_on_commit_callbacks
):
    owner, client, _good = owner_with_a_good_document
    data = photo(seed=3)
    settings.DOCUMENT_MAX_BYTES = len(data) - 1
    refused = upload(client, {"bank_account_proof__": ("bank.jpg", data)}, fragment=True)
    assert refused.status_code == 400
    assert "the limit per file" in refused.json()["message"]
    assert not Document.objects.filter(requirement="bank_account_proof").exists()
    settings.DOCUMENT_MAX_BYTES = len(data)
    accepted = upload(
        client,
        {"bank_account_proof__": ("bank.jpg", data)},
        capture=django_capture_on_commit_callbacks,
    )
    assert accepted.status_code == 302
    assert only_document(owner, "bank_account_proof").status == DocumentStatus.PASSED


def test_eleven_files_in_one_request_are_refused_and_none_is_stored(owner_with_a_good_document):
    _owner, client, good = owner_with_a_good_document
    tiny = corpus.png_bytes(corpus.textured_photo((64, 64)))
    files = {f"bank_account_proof__{n}": (f"{n}.png", tiny) for n in range(11)}
    response = upload(client, files, fragment=True)
    assert response.status_code == 400
    assert "at most 10 files" in response.json()["message"]
    assert list(Document.objects.all()) == [good]
    assert sorted(p.name for p in Path(settings.PRIVATE_STORAGE_DIR).rglob("*.upload")) == [
        Path(good.storage_key).name
    ]


def test_more_files_than_the_parser_accepts_is_a_clean_400(owner_with_a_good_document):
    _owner, client, good = owner_with_a_good_document
    files = {f"bank_account_proof__{n}": (f"{n}.png", b"x") for n in range(21)}
    assert upload(client, files).status_code == 400
    assert list(Document.objects.all()) == [good]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("empty.pdf", b"")], "is empty"),
        ([(f"{n}.png", b"png") for n in range(11)], "at most 10 files"),
        ([("a.png", b"a"), ("b.png", b"b")], "one file for each side"),
    ],
    ids=["zero-byte", "eleven-files", "too-many-for-the-sides"],
)
def test_api_refuses_what_cannot_be_stored_with_a_message(
    owner_with_a_good_document, files, message
):
    _owner, client, good = owner_with_a_good_document
    response = api_upload(client, "bank_account_proof", *files)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert list(Document.objects.all()) == [good]


def test_api_upload_of_an_svg_is_stored_privately_and_found_unreadable(
    owner_with_a_good_document, django_capture_on_commit_callbacks
):
    owner, client, good = owner_with_a_good_document
    before = _snapshot(good)
    response = api_upload(
        client,
        "bank_account_proof",
        ("logo.svg", corpus.SVG),
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 201
    assert response.json()[0]["status"] == "uploaded"
    document = only_document(owner, "bank_account_proof")
    assert document.status == DocumentStatus.UNREADABLE
    assert check_reasons(document)["content_type"] == ("fail", "extension_not_allowed")
    _assert_private(document.storage_key)
    assert _snapshot(good) == before
