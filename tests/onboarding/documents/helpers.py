"""Helpers for the documents tests: generated files and the upload requests."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onboarding.models import Document
from tests.onboarding.verification import corpus

CN_CODE = corpus.make_uscc("91310000MA1FL1XX7")
CN_NAME = "上海开通科技有限公司"
US_EIN = "04-2103594"


def photo(size: tuple[int, int] = (1600, 1200), seed: int = 1) -> bytes:
    return corpus.jpeg_bytes(corpus.textured_photo(size, seed=seed))


def upload(
    client,
    files: Mapping[str, tuple[str, bytes]],
    *,
    expires: Mapping[str, str] | None = None,
    capture=None,
    fragment: bool = False,
):
    """POST files to the web upload view as `{"requirement__side": (filename, bytes)}`."""
    data: dict[str, object] = {
        f"file__{slot}": SimpleUploadedFile(name, content, "application/octet-stream")
        for slot, (name, content) in files.items()
    }
    data.update({f"expires_on__{slot}": value for slot, value in (expires or {}).items()})
    headers = {"HTTP_HX_REQUEST": "true"} if fragment else {}
    if capture is None:
        return client.post(reverse("document_upload"), data, **headers)
    with capture(execute=True):
        return client.post(reverse("document_upload"), data, **headers)


def api_upload(client, requirement: str, *files: tuple[str, bytes], capture=None, **fields):
    data: dict[str, object] = {"requirement": requirement, **fields}
    data["file"] = [SimpleUploadedFile(name, content) for name, content in files]
    url = reverse("api_documents")
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):
        return client.post(url, data)


def only_document(owner, requirement: str, side: str = "") -> Document:
    return Document.objects.get(
        merchant=owner.membership.merchant, requirement=requirement, side=side
    )


def check_reasons(document: Document) -> dict[str, tuple[str, str]]:
    return {c.name: (c.outcome, c.data.get("reason", "")) for c in document.checks.all()}
