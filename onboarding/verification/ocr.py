"""Check 6: read the document's text with Tesseract (eng + chi_sim), for reviewers and for
the identifier and expiry checks.

Tesseract runs as a subprocess (no pytesseract): the image goes in on stdin, text comes out
on stdout, a timeout bounds it. Where the binary or its language data is missing the check
is "skipped: OCR not installed" rather than failed, since it is not the merchant's doing.
PDFs: their text layer is read; a scanned PDF without one has its first page rendered by
poppler's `pdftoppm` (see pdf_pages.py) and read like an image.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from onboarding.verification.base import CheckResult, Outcome, make_result, skipped
from onboarding.verification.pdf_pages import PdfRenderer, RasterFormat, first_page

CHECK = "ocr"
# Enough for any licence or ID; a PDF of many pages of small print is cut here.
MAX_TEXT_CHARS = 50_000
_PDF_TEXT_PAGES = 5


@dataclass(frozen=True, slots=True)
class OcrConfig:
    binary: str = "tesseract"
    languages: tuple[str, ...] = ("eng", "chi_sim")
    timeout_s: float = 60.0
    tessdata_dir: Path | None = None
    # One OpenMP thread: a worker verifies one document per process, and Tesseract's own
    # threads would fight the other workers for the same cores (and run slower overall).
    threads: int = 1


@dataclass(frozen=True, slots=True)
class OcrAvailability:
    binary: str | None  # the resolved path, None when not found
    missing_languages: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return self.binary is not None and not self.missing_languages


@dataclass(frozen=True, slots=True)
class OcrRun:
    result: CheckResult
    text: str  # empty when nothing was read


def _environment(config: OcrConfig) -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": str(config.threads)}


def _tessdata_args(config: OcrConfig) -> list[str]:
    return ["--tessdata-dir", str(config.tessdata_dir)] if config.tessdata_dir else []


@lru_cache(maxsize=8)
def ocr_availability(config: OcrConfig) -> OcrAvailability:
    """Whether Tesseract and every configured language is installed (cached per process:
    installing OCR needs a worker restart to be noticed)."""
    binary = shutil.which(config.binary)
    if binary is None:
        return OcrAvailability(None, config.languages)
    try:
        listing = subprocess.run(  # noqa: S603 - fixed arguments, binary resolved by which()
            [binary, "--list-langs", *_tessdata_args(config)],
            capture_output=True,
            timeout=30,
            check=False,
            env=_environment(config),
        )
    except (OSError, subprocess.TimeoutExpired):
        return OcrAvailability(None, config.languages)
    # The first line is a header ("List of available languages in ..."); one code per line
    # follows. Older versions print the listing on stderr.
    output = (listing.stdout or listing.stderr).decode("utf-8", "replace").splitlines()[1:]
    installed = {line.strip() for line in output}
    return OcrAvailability(
        binary, tuple(lang for lang in config.languages if lang not in installed)
    )


def read_image_text(image_bytes: bytes, config: OcrConfig, *, text_expected: bool) -> OcrRun:
    """OCR an encoded image (the rendition: upright, so Tesseract needs no rotation step).

    `text_expected` is true for documents whose text later checks need (licences, IDs,
    dated documents): finding none there is worth a warning, on a storefront photo it is not.
    """
    availability = ocr_availability(config)
    if availability.binary is None:
        return OcrRun(skipped(CHECK, _("Skipped: OCR not installed."), "not_installed"), "")
    if availability.missing_languages:
        missing = list(availability.missing_languages)
        return OcrRun(
            skipped(
                CHECK,
                _("Skipped: OCR not installed (language data missing)."),
                "not_installed",
                missing_languages=missing,
            ),
            "",
        )
    command = [
        availability.binary,
        "stdin",
        "stdout",
        "-l",
        "+".join(config.languages),
        *_tessdata_args(config),
    ]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, binary resolved by which()
            command,
            input=image_bytes,
            capture_output=True,
            timeout=config.timeout_s,
            check=False,
            env=_environment(config),
        )
    except subprocess.TimeoutExpired:
        return OcrRun(
            make_result(
                CHECK,
                Outcome.WARN,
                _("Reading the text took too long; a reviewer will read the document."),
                reason="timeout",
                timeout_s=config.timeout_s,
            ),
            "",
        )
    if completed.returncode != 0:
        return OcrRun(
            make_result(
                CHECK,
                Outcome.WARN,
                _("The text could not be read; a reviewer will read the document."),
                reason="ocr_error",
                returncode=completed.returncode,
                stderr=completed.stderr.decode("utf-8", "replace")[-500:],
            ),
            "",
        )
    text = completed.stdout.decode("utf-8", "replace")[:MAX_TEXT_CHARS]
    return OcrRun(_text_result(text, "tesseract", text_expected), text)


@dataclass(frozen=True, slots=True)
class ScannedPdf:
    """What it takes to OCR a PDF without a text layer: its (rewritten) bytes, Tesseract and
    pdftoppm; None for either means turned off."""

    content: bytes
    config: OcrConfig | None
    renderer: PdfRenderer | None


def read_pdf_text(
    reader: PdfReader, *, text_expected: bool, scan: ScannedPdf | None = None
) -> OcrRun:
    """The text layer of the first pages; e-licences (电子营业执照) carry one. A scanned PDF
    has none: with `scan` its first page is rendered by pdftoppm and read by Tesseract."""
    parts: list[str] = []
    try:
        for page in reader.pages[:_PDF_TEXT_PAGES]:
            parts.append(page.extract_text() or "")
    except Exception as exc:  # pypdf on odd content streams: keep what was read
        if not parts:
            return OcrRun(
                make_result(
                    CHECK,
                    Outcome.WARN,
                    _("The text could not be read; a reviewer will read the document."),
                    reason="pdf_text_error",
                    error=type(exc).__name__,
                ),
                "",
            )
    text = "\n".join(parts)[:MAX_TEXT_CHARS]
    if not text.strip():
        if scan is not None and scan.config is not None and scan.renderer is not None:
            return _read_first_page(scan.content, scan.config, scan.renderer, text_expected)
        return OcrRun(
            skipped(
                CHECK,
                _("Skipped: this PDF has no text layer, and PDF pages are not read by OCR."),
                "pdf_without_text",
            ),
            "",
        )
    return OcrRun(_text_result(text, "pdf_text_layer", text_expected), text)


def _read_first_page(
    pdf: bytes, config: OcrConfig, renderer: PdfRenderer, text_expected: bool
) -> OcrRun:
    raster = first_page(
        pdf, renderer, dpi=renderer.ocr_dpi, raster_format=RasterFormat.PNG, grey=True
    )
    if raster.content is None:
        if raster.reason == "not_installed":
            return OcrRun(
                skipped(
                    CHECK,
                    _(
                        "Skipped: this PDF has no text layer, and its pages cannot be turned "
                        "into images for OCR (pdftoppm not installed)."
                    ),
                    "pdf_renderer_not_installed",
                ),
                "",
            )
        return OcrRun(
            make_result(
                CHECK,
                Outcome.WARN,
                _("The text could not be read; a reviewer will read the document."),
                reason="pdf_render_error",
                error=raster.reason,
            ),
            "",
        )
    return read_image_text(raster.content, config, text_expected=text_expected)


def _text_result(text: str, source: str, text_expected: bool) -> CheckResult:
    characters = len("".join(text.split()))
    if characters == 0 and text_expected:
        return make_result(
            CHECK,
            Outcome.WARN,
            _("No text could be read. Make sure the whole document is visible and in focus."),
            reason="no_text",
            source=source,
            characters=0,
        )
    return make_result(
        CHECK,
        Outcome.PASS,
        _("Read %(characters)s characters of text.") if characters else _("No text found."),
        {"characters": characters} if characters else None,
        reason="ok",
        source=source,
        characters=characters,
    )
