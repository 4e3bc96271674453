"""Verifying a stored document in a worker: claim, run the pipeline, store, decide.

Idempotent and safe to deliver twice:
- claim: a conditional update (status uploaded) that counts the attempt and records a fresh
  claim token; a second delivery of the same message finds nothing to claim and returns.
- progress: each check is stored as it arrives (the merchant's page polls), while the claim
  is still ours.
- finish: one transaction, only if the claim is still ours: check rows replaced (unique per
  document and check), hashes and renditions recorded, the status set through transition().
- an error after the claim releases it (back to uploaded, or unreadable when the attempts
  are used up); a worker killed outright leaves it claimed, and the sweeper takes it back.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from onboarding.models import Document, DocumentCheck, DocumentStatus, Membership, Role
from onboarding.requirements.texts import ITEM_TEXTS
from onboarding.services.documents import (
    delete_stored_files,
    enqueue_verification,
    item_definition,
    private_storage,
)
from onboarding.services.emails import email_render_and_enqueue
from onboarding.transitions import transition
from onboarding.verification.base import (
    CheckResult,
    ItemSpec,
    MerchantFacts,
    Outcome,
    VerificationInput,
)
from onboarding.verification.duplicates import DuplicateCandidate, phash_distance
from onboarding.verification.ocr import OcrConfig
from onboarding.verification.pipeline import (
    Verdict,
    VerificationOptions,
    VerificationOutcome,
    verify_document,
)
from onboarding.verification.rendition import Rendition

logger = logging.getLogger(__name__)

VERDICT_STATUS = {
    Verdict.PASSED: DocumentStatus.PASSED,
    Verdict.FLAGGED: DocumentStatus.FLAGGED,
    Verdict.UNREADABLE: DocumentStatus.UNREADABLE,
}


def verification_options() -> VerificationOptions:
    ocr = OcrConfig(timeout_s=settings.DOCUMENT_OCR_TIMEOUT) if settings.DOCUMENT_OCR else None
    return VerificationOptions(
        pixel_budget=settings.DOCUMENT_PIXEL_BUDGET,
        max_pdf_pages=settings.DOCUMENT_MAX_PDF_PAGES,
        expiry_warn_within_days=settings.DOCUMENT_EXPIRY_WARN_DAYS,
        ocr=ocr,
    )


def item_spec(document: Document) -> ItemSpec:
    item = item_definition(document.requirement)
    if item is None:  # an item since removed from rules.json: the generic checks still apply
        return ItemSpec(document_type=document.requirement, max_bytes=settings.DOCUMENT_MAX_BYTES)
    return item.spec(document.side, max_bytes=settings.DOCUMENT_MAX_BYTES)


def document_verify(*, document_id: int) -> str:
    """Run every check on one document once. Returns what happened, for the task's log."""
    token = uuid.uuid4()
    document = _claim(document_id, token)
    if document is None:
        return "not_claimed"
    written: list[str] = []
    try:
        with _local_copy(document.storage_key) as path:
            outcome = verify_document(
                _input(document, path),
                today=timezone.localdate(),
                options=verification_options(),
                find_duplicates=_duplicate_lookup(document),
                on_result=_progress(document.pk, token),
            )
        written = _write_renditions(document, outcome)
        return _finish(document, token, outcome, written)
    except BaseException as exc:  # SoftTimeLimitExceeded included: give the claim back
        delete_stored_files(written)
        _release(document.pk, token, error=type(exc).__name__)
        raise


def _claim(document_id: int, token: uuid.UUID) -> Document | None:
    with transaction.atomic():
        claimed = Document.objects.filter(pk=document_id, status=DocumentStatus.UPLOADED).update(
            claim_token=token, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            return None
        document = Document.objects.select_related("merchant").get(pk=document_id)
        # A re-check starts from no results; the unique constraint keeps one row per check.
        DocumentCheck.objects.filter(document_id=document_id).delete()
        transition(
            document, DocumentStatus.VERIFYING, actor=None, note=f"attempt {document.attempts}"
        )
    return document


def _input(document: Document, path: Path) -> VerificationInput:
    merchant = document.merchant
    return VerificationInput(
        original_path=path,
        declared_filename=document.original_filename,
        item=item_spec(document),
        merchant=MerchantFacts(
            country=str(getattr(merchant.country, "code", merchant.country)),
            legal_name=merchant.legal_name,
            registration_number=merchant.registration_number,
        ),
        entered_expiry=document.expires_on,
    )


@contextmanager
def _local_copy(key: str) -> Iterator[Path]:
    """The stored original as a local path: the file itself on disk storage, else a copy."""
    storage = private_storage()
    try:
        local = storage.path(key)
    except NotImplementedError:  # remote storage (S3): copy into a temporary file
        local = ""
    if local:
        yield Path(local)
        return
    with tempfile.NamedTemporaryFile(suffix=".upload") as copy, storage.open(key, "rb") as src:
        shutil.copyfileobj(src, copy)
        copy.flush()
        yield Path(copy.name)


def _duplicate_lookup(document: Document) -> Callable[[str, str | None], list[DuplicateCandidate]]:
    def lookup(sha256: str, phash: str | None) -> list[DuplicateCandidate]:
        others = Document.objects.exclude(pk=document.pk)
        fields = ("pk", "merchant_id", "sha256", "phash", "requirement")
        rows = list(others.filter(sha256=sha256).values_list(*fields))
        if phash:
            # A full scan of 16-character strings: fine into the hundreds of thousands of
            # documents; beyond that, index pHash bands (pigeonhole) instead.
            rows += [
                row
                for row in others.exclude(phash="").exclude(sha256=sha256).values_list(*fields)
                if phash_distance(phash, row[3]) <= verification_options().phash_max_distance
            ]
        return [
            DuplicateCandidate(
                str(pk), sha, ph or None, merchant_id == document.merchant_id, requirement
            )
            for pk, merchant_id, sha, ph, requirement in rows
        ]

    return lookup


def _row(result: CheckResult, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "outcome": str(result.outcome),
        "msgid": result.detail.msgid,
        "params": dict(result.detail.params),
        "data": dict(result.data),
    }


def _progress(document_id: int, token: uuid.UUID) -> Callable[[CheckResult], None]:
    position = iter(range(1000))

    def store(result: CheckResult) -> None:
        with transaction.atomic():
            mine = Document.objects.filter(
                pk=document_id, status=DocumentStatus.VERIFYING, claim_token=token
            )
            if mine.exists():
                DocumentCheck.objects.update_or_create(
                    document_id=document_id,
                    name=result.check,
                    defaults=_row(result, next(position)),
                )

    return store


def _write_renditions(document: Document, outcome: VerificationOutcome) -> list[str]:
    keys: list[str] = []
    for rendition in (outcome.rendition, outcome.thumbnail):
        if rendition is not None:
            keys.append(_save(document.merchant_id, rendition))
    return keys


def _save(merchant_id: int, rendition: Rendition) -> str:
    key = f"renditions/{merchant_id}/{uuid.uuid4().hex}.{rendition.extension}"
    return private_storage().save(key, ContentFile(rendition.content))


def _finish(
    document: Document, token: uuid.UUID, outcome: VerificationOutcome, written: list[str]
) -> str:
    rendition_key = written[0] if outcome.rendition is not None else ""
    thumbnail_key = written[-1] if outcome.thumbnail is not None else ""
    with transaction.atomic():
        current = (
            Document.objects.select_for_update()
            .filter(pk=document.pk, status=DocumentStatus.VERIFYING, claim_token=token)
            .first()
        )
        replaced = (
            _store_outcome(current, outcome, rendition_key, thumbnail_key)
            if current is not None
            else None
        )
    if replaced is None:  # the document was replaced, deleted or taken back meanwhile
        delete_stored_files(written)  # referenced by nothing: no need to wait for a commit
        return "claim_lost"
    transaction.on_commit(lambda: delete_stored_files(replaced))
    return str(VERDICT_STATUS[outcome.verdict])


def _store_outcome(
    current: Document, outcome: VerificationOutcome, rendition_key: str, thumbnail_key: str
) -> list[str]:
    """Record the results on a document whose claim is held; returns the files it replaces."""
    by_check = {r.check: r for r in outcome.results}
    sniffed = by_check.get("content_type")
    DocumentCheck.objects.filter(document=current).delete()
    DocumentCheck.objects.bulk_create(
        DocumentCheck(document=current, name=r.check, **_row(r, i))
        for i, r in enumerate(outcome.results)
    )
    Document.objects.filter(pk=current.pk).update(
        sha256=outcome.sha256,
        phash=outcome.phash or "",
        content_type=str(sniffed.data.get("sniffed", "")) if sniffed else "",
        rendition_key=rendition_key,
        rendition_content_type=outcome.rendition.content_type if outcome.rendition else "",
        thumbnail_key=thumbnail_key,
        ocr_text=outcome.ocr_text,
        valid_until=_valid_until(by_check.get("expiry")),
        verified_at=timezone.now(),
        claim_token=None,
        last_error="",
    )
    verdict = VERDICT_STATUS[outcome.verdict]
    failed = [r for r in outcome.results if r.outcome is Outcome.FAIL]
    transition(current, verdict, actor=None, note=", ".join(r.check for r in failed))
    if verdict != DocumentStatus.PASSED:
        _notify_attention(current, failed)
    return [current.rendition_key, current.thumbnail_key]


def _valid_until(expiry: CheckResult | None) -> str | None:
    if expiry is None or not isinstance(expiry.data.get("expires_on"), str):
        return None
    return str(expiry.data["expires_on"])


def _release(document_id: int, token: uuid.UUID | None, *, error: str) -> bool:
    """Give back a claim that will not finish: retry later, or stop when attempts are used up."""
    with transaction.atomic():
        current = (
            Document.objects.select_for_update()
            .filter(pk=document_id, status=DocumentStatus.VERIFYING, claim_token=token)
            .first()
        )
        if current is None:
            return False
        Document.objects.filter(pk=current.pk).update(claim_token=None, last_error=error[:200])
        if current.attempts >= settings.DOCUMENT_VERIFY_MAX_ATTEMPTS:
            note = f"gave up after {current.attempts} attempts: {error}"
            transition(current, DocumentStatus.UNREADABLE, actor=None, note=note)
            _notify_attention(current, [])
        else:
            transition(current, DocumentStatus.UPLOADED, actor=None, note=f"interrupted: {error}")
    return True


def documents_sweep() -> dict[str, int]:
    """Take back verifications whose worker died; enqueue documents left waiting."""
    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.DOCUMENT_SWEEP_STUCK_AFTER)
    stuck = list(
        Document.objects.filter(
            status=DocumentStatus.VERIFYING, claimed_at__lt=stuck_before
        ).values_list("pk", "claim_token")[:500]
    )
    released = sum(_release(pk, token, error="interrupted") for pk, token in stuck)
    waiting_before = timezone.now() - timedelta(seconds=settings.DOCUMENT_SWEEP_WAITING_AFTER)
    waiting = list(
        Document.objects.filter(
            status=DocumentStatus.UPLOADED, status_changed_at__lte=waiting_before
        ).values_list("pk", flat=True)[:500]
    )
    enqueued = sum(enqueue_verification(pk) for pk in waiting)
    return {"released": released, "enqueued": enqueued, "waiting": len(waiting)}


def _notify_attention(document: Document, failed: list[CheckResult]) -> None:
    """Tell the owner(s) a document needs them; rendered in the uploader's language."""
    texts = ITEM_TEXTS.get(document.requirement)
    owners = Membership.objects.filter(
        merchant_id=document.merchant_id, role=Role.OWNER
    ).select_related("user", "merchant")
    for membership in owners:
        email_render_and_enqueue(
            to=membership.user.email,
            template="document_attention",
            context={
                "merchant_name": membership.merchant.legal_name,
                "document": texts.label if texts else document.requirement,
                "filename": document.original_filename,
                "problems": [r.detail for r in failed],
            },
            language=document.language or None,
        )
