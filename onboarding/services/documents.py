"""KYC documents: upload (streamed to private storage), replace, delete, re-check.

Documents change only while the application is a draft or changes were requested; the
application row is locked for each change, so a submission and an upload never interleave.
Verification is enqueued after commit; if the broker is down the document simply waits in
"uploaded" and the sweeper (services/verification.py) enqueues it later.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    Document,
    DocumentStatus,
    User,
)
from onboarding.requirements.rules import Expiry, ItemDefinition, load_rules
from onboarding.transitions import transition

logger = logging.getLogger(__name__)


EDITABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED})
MAX_FILENAME = 255


@dataclass(frozen=True, slots=True)
class NewUpload:
    """One file for one checklist slot, as a view or the API hands it over."""

    requirement: str
    side: str
    file: UploadedFile
    expires_on: date | None = None


def parse_expiry(value: str) -> date | None:
    """An expiry date typed by the merchant (ISO, as date inputs send it); "" means none."""
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:  # well-formed but impossible, e.g. 2030-02-30
        parsed = None
    if parsed is None:
        raise DomainError(_("Enter the expiry date as a date, for example 2030-12-31."))
    return parsed


def private_storage() -> Storage:
    return storages["private"]


def item_definition(requirement: str) -> ItemDefinition | None:
    return load_rules().items.get(requirement)


def clean_filename(name: str) -> str:
    """The user's filename as shown back to them: last path part, no control characters,
    at most 255 characters with the extension kept. Never used to build a path."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "document"
    if len(name) > MAX_FILENAME:
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix[:16] if dot else ""
        name = stem[: MAX_FILENAME - len(suffix) - 1] + "." + suffix if suffix else name[:255]
    return name


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def check_file_count(count: int) -> None:
    if not count:
        raise DomainError(_("Choose a file to upload."))
    limit = settings.DOCUMENT_MAX_FILES_PER_REQUEST
    if count > limit:
        raise DomainError(
            _("You can upload at most %(limit)s files at once; you sent %(count)s.")
            % {"limit": limit, "count": count},
            extra={"limit": limit, "count": count},
        )


def _validate(uploads: Sequence[NewUpload]) -> None:
    """Everything that can be refused before a byte is stored; all or nothing."""
    check_file_count(len(uploads))
    slots: set[tuple[str, str]] = set()
    for upload in uploads:
        item = item_definition(upload.requirement)
        if item is None:
            raise DomainError(
                _("Choose which document this file is."), extra={"field": "requirement"}
            )
        if item.side(upload.side) is None:
            raise DomainError(_("Choose which side of the document this file shows."))
        if (upload.requirement, upload.side) in slots:
            raise DomainError(_("Upload one file for each side of a document."))
        slots.add((upload.requirement, upload.side))
        name = clean_filename(upload.file.name or "")
        size = upload.file.size or 0
        if size == 0:
            raise DomainError(
                _("The file “%(name)s” is empty. Choose the file again.") % {"name": name}
            )
        if size > settings.DOCUMENT_MAX_BYTES:
            raise DomainError(
                _(
                    "The file “%(name)s” is larger than %(limit)s MB, the limit per file. "
                    "Upload a smaller file or a scan at a lower resolution."
                )
                % {"name": name, "limit": _megabytes(settings.DOCUMENT_MAX_BYTES)},
                extra={"size": size, "limit_bytes": settings.DOCUMENT_MAX_BYTES},
            )


def _check_editable(application: Application) -> None:
    if application.status not in EDITABLE:
        raise DomainError(
            _(
                "Your application has been submitted, so its documents cannot change until "
                "our team asks for changes."
            )
        )


def _check_quota(application: Application, uploads: Sequence[NewUpload]) -> None:
    replaced = {(application.pk, u.requirement, u.side) for u in uploads}
    existing = Document.objects.filter(merchant_id=application.merchant_id).values_list(
        "application_id", "requirement", "side", "size"
    )
    kept = [
        size
        for app, requirement, side, size in existing
        if (app, requirement, side) not in replaced
    ]
    kept_count, kept_size = len(kept), sum(kept)
    new_size = sum(u.file.size or 0 for u in uploads)
    if kept_count + len(uploads) > settings.DOCUMENT_MERCHANT_MAX_FILES:
        raise DomainError(
            _("Your business can keep at most %(limit)s documents. Delete some you no longer need.")
            % {"limit": settings.DOCUMENT_MERCHANT_MAX_FILES}
        )
    if kept_size + new_size > settings.DOCUMENT_MERCHANT_MAX_BYTES:
        raise DomainError(
            _("Your documents would take more than %(limit)s MB. Upload smaller scans.")
            % {"limit": settings.DOCUMENT_MERCHANT_MAX_BYTES // (1024 * 1024)}
        )
    since = timezone.now() - timedelta(days=1)
    today = AuditEvent.objects.filter(
        merchant_id=application.merchant_id, action="document_uploaded", created_at__gte=since
    ).count()
    if today + len(uploads) > settings.DOCUMENT_MERCHANT_DAILY_UPLOADS:
        raise DomainError(
            _("You have uploaded %(limit)s files in the last 24 hours. Try again tomorrow.")
            % {"limit": settings.DOCUMENT_MERCHANT_DAILY_UPLOADS}
        )


def _store(upload: NewUpload, merchant_id: int) -> tuple[str, str]:
    """Stream the upload to private storage under a generated key; hash it on the way.

    Django has already spooled the upload to a temporary file (FILE_UPLOAD_MAX_MEMORY_SIZE
    is small), so reading it in chunks keeps the web process's memory flat.
    """
    digest = hashlib.sha256()
    for chunk in upload.file.chunks():
        digest.update(chunk)
    upload.file.seek(0)
    key = f"documents/{merchant_id}/{uuid.uuid4().hex}.upload"
    stored = private_storage().save(key, upload.file)
    return stored, digest.hexdigest()


def delete_stored_files(keys: Iterable[str]) -> None:
    storage = private_storage()
    for key in keys:
        if key:
            try:
                storage.delete(key)
            except OSError:
                logger.warning("could not delete stored file", extra={"key": key})


def stored_keys(document: Document) -> list[str]:
    return [k for k in (document.storage_key, document.rendition_key, document.thumbnail_key) if k]


def enqueue_verification(document_id: int) -> bool:
    """Publish the verification task; False (and a log line) when the broker is down: the
    document stays "uploaded" and the sweeper publishes it again later."""
    from onboarding.tasks import verify_uploaded_document

    try:
        verify_uploaded_document.apply_async(
            (document_id,),
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
        )
    except Exception:  # the broker's many connection errors: the sweeper is the fallback
        logger.warning("verification not enqueued", extra={"document_id": document_id})
        return False
    return True


def _audit(document: Document, actor: User | None, action: str, note: str = "") -> None:
    AuditEvent.objects.create(
        merchant_id=document.merchant_id,
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject_type="onboarding.document",
        subject_id=str(document.pk),
        action=action,
        note=note,
    )


def documents_upload(
    *,
    application: Application,
    actor: User,
    uploads: Sequence[NewUpload],
    language: str = "",
) -> list[Document]:
    """Store each file for its slot (replacing what the slot held) and enqueue its checks."""
    _validate(uploads)
    _check_editable(application)
    stored: list[tuple[NewUpload, str, str]] = []
    try:
        for upload in uploads:
            key, sha256 = _store(upload, application.merchant_id)
            stored.append((upload, key, sha256))
        documents, replaced_keys = _record(application, actor, stored, language)
    except BaseException:
        delete_stored_files(key for _u, key, _s in stored)
        raise
    transaction.on_commit(partial(delete_stored_files, replaced_keys))
    for document in documents:
        transaction.on_commit(partial(enqueue_verification, document.pk))
    return documents


def _record(
    application: Application,
    actor: User,
    stored: Sequence[tuple[NewUpload, str, str]],
    language: str,
) -> tuple[list[Document], list[str]]:
    uploads = [upload for upload, _k, _s in stored]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _check_editable(locked)
        _check_quota(locked, uploads)
        documents: list[Document] = []
        replaced_keys: list[str] = []
        for upload, key, sha256 in stored:
            previous = Document.objects.filter(
                application=locked, requirement=upload.requirement, side=upload.side
            ).first()
            if previous is not None:
                replaced_keys += stored_keys(previous)
                _audit(previous, actor, "document_replaced", previous.original_filename)
                previous.delete()
            try:
                with transaction.atomic():
                    document = Document.objects.create(
                        merchant_id=locked.merchant_id,
                        application=locked,
                        requirement=upload.requirement,
                        side=upload.side,
                        storage_key=key,
                        original_filename=clean_filename(upload.file.name or ""),
                        size=upload.file.size or 0,
                        declared_content_type=(upload.file.content_type or "")[:100],
                        sha256=sha256,
                        expires_on=upload.expires_on,
                        language=language[:16],
                        uploaded_by=actor,
                    )
            except IntegrityError:
                raise DomainError(
                    _("Someone else uploaded a file for this document a moment ago. Reload.")
                ) from None
            _audit(document, actor, "document_uploaded", document.original_filename)
            documents.append(document)
    return documents, replaced_keys


def document_delete(*, document: Document, actor: User) -> None:
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=document.application_id)
        _check_editable(locked)
        keys = stored_keys(document)
        _audit(
            document, actor, "document_deleted", f"{document.original_filename} {document.sha256}"
        )
        Document.objects.filter(pk=document.pk).delete()
    transaction.on_commit(lambda: delete_stored_files(keys))


def document_recheck(*, document: Document, actor: User, expires_on: date | None) -> Document:
    """Record the expiry date the merchant entered and run the checks again."""
    item = item_definition(document.requirement)
    side = item.side(document.side) if item else None
    if side is None or side.expiry is Expiry.NONE:
        raise DomainError(_("This document has no expiry date to enter."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=document.application_id)
        _check_editable(locked)
        current = Document.objects.select_for_update().get(pk=document.pk)
        if current.in_progress:
            raise DomainError(_("This document is being checked. Wait a few seconds."))
        Document.objects.filter(pk=current.pk).update(expires_on=expires_on)
        current.expires_on = expires_on
        transition(current, DocumentStatus.UPLOADED, actor=actor, note="re-check: expiry entered")
    transaction.on_commit(lambda: enqueue_verification(current.pk))
    return current
