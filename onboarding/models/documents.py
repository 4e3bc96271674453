"""KYC/KYB documents and the checks run on them.

A document fills one slot of the requirements checklist (requirement + side). Its bytes live
in private storage under generated keys; the user's filename is metadata only. Its status
moves only through transitions.py (the machine is registered by services/documents.py).
"""

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .merchants import Merchant


class DocumentStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting to be checked")
    VERIFYING = "verifying", _("Being checked")
    PASSED = "passed", _("Checks passed")
    FLAGGED = "flagged", _("Needs attention")
    UNREADABLE = "unreadable", _("Could not be read")
    ACCEPTED = "accepted", _("Accepted by a reviewer")
    REJECTED = "rejected", _("Rejected by a reviewer")


S = DocumentStatus
# Machine checks: uploaded → verifying → passed | flagged | unreadable. A verification that
# was interrupted goes back to uploaded (the sweeper), or to unreadable when its attempts are
# used up. A checked document goes back to uploaded when the merchant asks for a re-check
# (e.g. after entering its expiry date). Staff decide: accepted | rejected.
DOCUMENT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.UPLOADED: frozenset({S.VERIFYING, S.UNREADABLE}),
    S.VERIFYING: frozenset({S.PASSED, S.FLAGGED, S.UNREADABLE, S.UPLOADED}),
    S.PASSED: frozenset({S.UPLOADED, S.ACCEPTED, S.REJECTED}),
    S.FLAGGED: frozenset({S.UPLOADED, S.ACCEPTED, S.REJECTED}),
    S.UNREADABLE: frozenset({S.UPLOADED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.REJECTED}),
    S.REJECTED: frozenset({S.ACCEPTED}),
}
IN_PROGRESS = frozenset({S.UPLOADED, S.VERIFYING})
GOOD = frozenset({S.PASSED, S.ACCEPTED})


class Document(models.Model):
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="documents")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.CharField(_("document type"), max_length=64)
    side = models.CharField(_("side"), max_length=16, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.UPLOADED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(auto_now_add=True)

    # The upload. The key is generated (never the user's name) and the original is never
    # served: only the rendition made by the verification is.
    storage_key = models.CharField(max_length=200, unique=True, editable=False)
    original_filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    declared_content_type = models.CharField(max_length=100, blank=True)  # the browser's word
    sha256 = models.CharField(max_length=64, db_index=True)  # of the original bytes
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)  # as entered
    language = models.CharField(max_length=16, blank=True)  # of the uploader, for emails
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # What the verification found and made.
    content_type = models.CharField(max_length=100, blank=True)  # sniffed from the bytes
    phash = models.CharField(max_length=16, blank=True)
    rendition_key = models.CharField(max_length=200, blank=True, editable=False)
    rendition_content_type = models.CharField(max_length=100, blank=True)
    thumbnail_key = models.CharField(max_length=200, blank=True, editable=False)
    ocr_text = models.TextField(blank=True)
    valid_until = models.DateField(null=True, blank=True)  # entered, or read by OCR
    verified_at = models.DateTimeField(null=True, blank=True)

    # The verification claim: who holds it, since when, how many times it was tried.
    attempts = models.PositiveSmallIntegerField(default=0)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["requirement", "side", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement", "side"], name="onboarding_document_slot"
            )
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        side = f"/{self.side}" if self.side else ""
        return f"{self.requirement}{side} #{self.pk} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def needs_attention(self) -> bool:
        return self.status in {S.FLAGGED, S.UNREADABLE, S.REJECTED}


class CheckOutcome(models.TextChoices):
    PASS = "pass", _("Passed")
    WARN = "warn", _("Warning")
    FAIL = "fail", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class DocumentCheck(models.Model):
    """One check's result; (document, name) is unique so a re-run updates, never duplicates.

    The detail is stored as its untranslated msgid and params, and rebuilt with
    `verification.base.Detail.restore` in the reader's language.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="checks")
    name = models.CharField(max_length=32)  # a verification.base.CHECK_ORDER name
    position = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=8, choices=CheckOutcome.choices)
    msgid = models.TextField()
    params = models.JSONField(default=dict)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document check")
        verbose_name_plural = _("document checks")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="onboarding_check_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.outcome}"

    @property
    def detail(self) -> str:
        from onboarding.verification.base import Detail

        return str(Detail.restore(self.msgid, self.params))
