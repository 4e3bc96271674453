"""Run every check on one stored upload, in order, and hand back what storage needs.

Pure apart from reading the original file and running Tesseract: no ORM, no settings. The
caller (a Celery task) turns the outcome into check rows and stored renditions; the
duplicate lookup, a database query, comes in as a function.

When a check leaves nothing for the next ones to work on (an unaccepted type, a file that
does not decode, a rendition that could not be made) the remaining checks are returned as
"skipped" with the reason, so every document always lists the same checks.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from onboarding.verification import expiry as expiry_check
from onboarding.verification.base import (
    CHECK_ORDER,
    CheckResult,
    IdentityDocument,
    ItemSpec,
    Outcome,
    VerificationInput,
    skipped,
)
from onboarding.verification.content_type import check_content_type
from onboarding.verification.decoding import (
    DEFAULT_MAX_PDF_PAGES,
    DEFAULT_PIXEL_BUDGET,
    DecodedImage,
    DecodedPdf,
    check_decode,
)
from onboarding.verification.duplicates import (
    PHASH_MAX_DISTANCE,
    DuplicateCandidate,
    decide_duplicates,
    perceptual_hash,
)
from onboarding.verification.identifiers import check_identifiers
from onboarding.verification.imaging import eight_bit, reduced, upright
from onboarding.verification.legibility import (
    DEFAULT_THRESHOLDS,
    PREVIEW_LONG_SIDE,
    LegibilityThresholds,
    check_legibility,
    grey_preview,
)
from onboarding.verification.ocr import (
    OcrConfig,
    OcrRun,
    ScannedPdf,
    read_image_text,
    read_pdf_text,
)
from onboarding.verification.pdf_pages import PdfRenderer
from onboarding.verification.rendition import Rendition, render_image, render_pdf

# Called with (sha256, phash or None); returns the other stored documents that share the
# sha256 or whose phash is worth comparing. The caller excludes the document itself.
type DuplicateLookup = Callable[[str, str | None], Iterable[DuplicateCandidate]]


class Verdict(StrEnum):
    """The document status the results imply (DESIGN.md: passed | flagged | unreadable)."""

    PASSED = "passed"  # nothing failed; warnings are shown but do not block submission
    FLAGGED = "flagged"  # a check failed: the merchant must act
    UNREADABLE = "unreadable"  # the file itself was refused or did not decode


@dataclass(frozen=True, slots=True)
class VerificationOptions:
    """Tunables, filled from Django settings by the caller."""

    pixel_budget: int = DEFAULT_PIXEL_BUDGET
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES
    legibility: LegibilityThresholds = DEFAULT_THRESHOLDS
    phash_max_distance: int = PHASH_MAX_DISTANCE
    expiry_warn_within_days: int = expiry_check.DEFAULT_WARN_WITHIN_DAYS
    ocr: OcrConfig | None = field(default_factory=OcrConfig)  # None: OCR turned off
    # pdftoppm, for PDF thumbnails and OCR of scanned PDFs; None: PDFs are not rendered.
    pdf_renderer: PdfRenderer | None = field(default_factory=PdfRenderer)


@dataclass(frozen=True, slots=True)
class VerificationOutcome:
    results: tuple[CheckResult, ...]  # in CHECK_ORDER, only the checks planned for the item
    sha256: str  # of the original bytes, always (also for refused files)
    phash: str | None  # images that decoded only
    rendition: Rendition | None  # the only bytes ever shown to anyone
    thumbnail: Rendition | None  # JPEG; None for refused files (and PDFs without pdftoppm)
    ocr_text: str  # "" when nothing was read
    timings_ms: dict[str, float]  # per stage, for the benchmark and logs

    @property
    def verdict(self) -> Verdict:
        by_check = {r.check: r.outcome for r in self.results}
        if Outcome.FAIL in (by_check.get("content_type"), by_check.get("decode")):
            return Verdict.UNREADABLE
        if any(r.outcome is Outcome.FAIL for r in self.results):
            return Verdict.FLAGGED
        return Verdict.PASSED


def planned_checks(item: ItemSpec) -> tuple[str, ...]:
    """The check names a document for this item will get, in order (for progress display)."""
    identity = {
        IdentityDocument.NONE: (),
        IdentityDocument.CN_RESIDENT_ID: ("id_number",),
        IdentityDocument.CN_BUSINESS_LICENCE: ("registration_number", "company_name"),
        IdentityDocument.COMPANY_REGISTRATION: ("registration_number", "company_name"),
    }[item.identity]
    optional = {"registration_number", "company_name", "id_number"}
    return tuple(name for name in CHECK_ORDER if name not in optional or name in identity)


class _Run:
    """Collects results and per-stage timings while the checks run."""

    def __init__(
        self, planned: tuple[str, ...], on_result: Callable[[CheckResult], None] | None
    ) -> None:
        self.planned = planned
        self.on_result = on_result
        self.results: list[CheckResult] = []
        self.timings_ms: dict[str, float] = {}

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings_ms[stage] = (time.perf_counter() - started) * 1000

    def add(self, *results: CheckResult) -> None:
        self.results.extend(results)
        if self.on_result is not None:
            for result in results:
                self.on_result(result)

    def skip_rest(self, reason: str) -> None:
        done = {r.check for r in self.results}
        message = {
            "unreadable": _("Not checked: the file could not be opened."),
            "no_rendition": _("Not checked: no clean copy of the file could be made."),
        }[reason]
        self.add(*(skipped(name, message, reason) for name in self.planned if name not in done))

    def ordered(self) -> tuple[CheckResult, ...]:
        position = {name: index for index, name in enumerate(CHECK_ORDER)}
        return tuple(sorted(self.results, key=lambda r: position[r.check]))


def verify_document(
    document: VerificationInput,
    *,
    today: date | None = None,
    options: VerificationOptions | None = None,
    find_duplicates: DuplicateLookup | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
) -> VerificationOutcome:
    """Verify one upload. `today` should be the local date of the merchant's market
    (`django.utils.timezone.localdate()`); `find_duplicates` None records that check as
    skipped, since only the caller can query other documents. `on_result` is called with
    each result as soon as it is known, so the caller can show progress while OCR runs."""
    options = options or VerificationOptions()
    today = today or date.today()
    item = document.item
    run = _Run(planned_checks(item), on_result)

    def finish(
        sha256: str,
        phash: str | None = None,
        rendition: Rendition | None = None,
        thumbnail: Rendition | None = None,
        text: str = "",
    ) -> VerificationOutcome:
        return VerificationOutcome(
            run.ordered(), sha256, phash, rendition, thumbnail, text, run.timings_ms
        )

    with run.timed("read"):
        size = document.original_path.stat().st_size
        if size > item.max_bytes:
            # Refused unread; the hash is still recorded, streamed rather than loaded.
            with document.original_path.open("rb") as handle:
                sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
            data = b""
        else:
            data = document.original_path.read_bytes()
            sha256 = hashlib.sha256(data).hexdigest()

    with run.timed("content_type"):
        result, file_format = check_content_type(
            data=data, size=size, declared_filename=document.declared_filename, item=item
        )
    run.add(result)
    if file_format is None:
        run.skip_rest("unreadable")
        return finish(sha256)

    with run.timed("decode"):
        result, decoded = check_decode(
            data=data,
            file_format=file_format,
            pixel_budget=options.pixel_budget,
            max_pdf_pages=options.max_pdf_pages,
        )
    run.add(result)
    if decoded is None:
        run.skip_rest("unreadable")
        return finish(sha256)

    phash: str | None = None
    thumbnail: Rendition | None = None
    if isinstance(decoded, DecodedImage):
        with run.timed("legibility"):
            upright_image = upright(eight_bit(decoded.image))
            small = reduced(upright_image, PREVIEW_LONG_SIDE)
            grey = grey_preview(small)
            run.add(
                *check_legibility(
                    image=upright_image, grey=grey, item=item, thresholds=options.legibility
                )
            )
        with run.timed("rendition"):
            result, rendition, thumbnail = render_image(
                original=decoded.image,
                upright_image=upright_image,
                file_format=file_format,
                preview=small,
            )
        with run.timed("phash"):
            phash = perceptual_hash(grey)
    else:
        run.add(*_pdf_not_measured())
        with run.timed("rendition"):
            result, rendition, thumbnail = render_pdf(decoded.reader, options.pdf_renderer)
    run.add(result)
    if rendition is None:
        run.skip_rest("no_rendition")
        return finish(sha256, phash)

    with run.timed("duplicates"):
        if find_duplicates is None:
            run.add(
                skipped(
                    "duplicates",
                    _("Not compared with other documents."),
                    "no_lookup",
                    sha256=sha256,
                    phash=phash,
                )
            )
        else:
            run.add(
                decide_duplicates(
                    sha256=sha256,
                    phash=phash,
                    item=item.document_type,
                    candidates=find_duplicates(sha256, phash),
                    max_distance=options.phash_max_distance,
                )
            )

    text_expected = item.identity is not IdentityDocument.NONE or item.expiry_required
    with run.timed("ocr"):
        ocr = _read_text(decoded, rendition, options, text_expected)
    run.add(ocr.result)
    text = ocr.text if ocr.result.outcome is Outcome.PASS or ocr.text else None

    with run.timed("identifiers"):
        run.add(*check_identifiers(item=item, merchant=document.merchant, text=text))
    with run.timed("expiry"):
        run.add(
            expiry_check.check_expiry(
                entered=document.entered_expiry,
                text=text,
                today=today,
                required=item.expiry_required,
                warn_within_days=options.expiry_warn_within_days,
            )
        )
    return finish(sha256, phash, rendition, thumbnail, ocr.text)


def _pdf_not_measured() -> tuple[CheckResult, ...]:
    message = _("Not measured: PDF pages are not turned into images here; a reviewer looks.")
    return tuple(skipped(name, message, "pdf") for name in ("resolution", "sharpness", "exposure"))


def _read_text(
    decoded: DecodedImage | DecodedPdf,
    rendition: Rendition,
    options: VerificationOptions,
    text_expected: bool,
) -> OcrRun:
    if isinstance(decoded, DecodedPdf):
        scan = ScannedPdf(rendition.content, options.ocr, options.pdf_renderer)
        return read_pdf_text(decoded.reader, text_expected=text_expected, scan=scan)
    if options.ocr is None:
        return OcrRun(skipped("ocr", _("Skipped: OCR is turned off."), "disabled"), "")
    return read_image_text(rendition.content, options.ocr, text_expected=text_expected)
