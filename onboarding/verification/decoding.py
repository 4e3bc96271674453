"""Check 2: the file really decodes as what it claims, without letting it cost us memory.

Images: Pillow opens with only the sniffed format allowed, the pixel budget is checked from
the header before any pixel is decoded (a 20000×20000 PNG is ~40 kB on disk and 400 MB in
memory), then the whole image is decoded so a truncated file is caught here.
PDFs: pypdf parses, pages are counted, encryption and active content are refused.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

from onboarding.verification.base import CheckResult, FileFormat, Outcome, make_result
from onboarding.verification.pdf_safety import PdfTooComplex, find_active_content

CHECK = "decode"

# Pillow's own guard only raises at 2 × 89.5 MP and merely warns above 89.5 MP; KYC scans
# need far less, so we refuse well below either. 40 MP fits any phone camera today.
DEFAULT_PIXEL_BUDGET = 40_000_000
DEFAULT_MAX_PDF_PAGES = 20

_PILLOW_FORMATS = {FileFormat.JPEG: "JPEG", FileFormat.PNG: "PNG"}


@dataclass(frozen=True, slots=True)
class DecodedImage:
    image: Image.Image  # fully loaded; EXIF still attached, orientation not yet applied
    format: FileFormat


@dataclass(frozen=True, slots=True)
class DecodedPdf:
    reader: PdfReader
    pages: int


type Decoded = DecodedImage | DecodedPdf


def check_decode(
    *,
    data: bytes,
    file_format: FileFormat,
    pixel_budget: int = DEFAULT_PIXEL_BUDGET,
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES,
) -> tuple[CheckResult, Decoded | None]:
    if file_format is FileFormat.PDF:
        return _decode_pdf(data, max_pdf_pages)
    return _decode_image(data, file_format, pixel_budget)


def _decode_image(
    data: bytes, file_format: FileFormat, pixel_budget: int
) -> tuple[CheckResult, DecodedImage | None]:
    too_many_pixels = _(
        "The image has too many pixels to process safely (limit %(limit_mp)s megapixels). "
        "Upload a normal photo or scan."
    )
    limit = {"limit_mp": pixel_budget // 1_000_000}
    # Turning the warning into an error means Pillow's own check can never be the one that
    # lets a large image through; workers run one document per process, so the (process-wide)
    # warnings filter is not shared with another verification.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=[_PILLOW_FORMATS[file_format]])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return make_result(
                CHECK, Outcome.FAIL, too_many_pixels, limit, reason="pixel_budget"
            ), None
        except Exception as exc:  # hostile input: any parser error means "not this format"
            return _damaged(file_format, exc), None

    width, height = image.size
    if width * height > pixel_budget:
        return make_result(
            CHECK,
            Outcome.FAIL,
            too_many_pixels,
            limit,
            reason="pixel_budget",
            width=width,
            height=height,
        ), None
    try:
        # Relies on ImageFile.LOAD_TRUNCATED_IMAGES staying False (Pillow's default): with it
        # on, a cut-off JPEG would decode with a grey bottom instead of failing here.
        image.load()
    except Exception as exc:  # truncated, corrupt or lying about its size
        return _damaged(file_format, exc), None
    return make_result(
        CHECK,
        Outcome.PASS,
        _("The %(format)s image opened fully (%(width)s × %(height)s pixels)."),
        {"format": file_format.name, "width": width, "height": height},
        reason="ok",
        width=width,
        height=height,
        mode=image.mode,
    ), DecodedImage(image, file_format)


def _damaged(file_format: FileFormat, exc: Exception) -> CheckResult:
    return make_result(
        CHECK,
        Outcome.FAIL,
        _(
            "The %(format)s file is damaged or incomplete and cannot be opened. "
            "Upload the original file again."
        ),
        {"format": file_format.name},
        reason="damaged",
        error=type(exc).__name__,
    )


def _decode_pdf(data: bytes, max_pages: int) -> tuple[CheckResult, DecodedPdf | None]:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            return make_result(
                CHECK,
                Outcome.FAIL,
                _("The PDF is password-protected. Upload a copy without a password."),
                reason="encrypted",
            ), None
        pages = len(reader.pages)
        active = find_active_content(reader.trailer)
    except PdfTooComplex:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("The PDF is too complex to check. Upload a simple scan of the document."),
            reason="too_complex",
        ), None
    except Exception as exc:  # hostile input: pypdf raises many types on broken files
        return _damaged(FileFormat.PDF, exc), None

    if pages == 0:
        return make_result(CHECK, Outcome.FAIL, _("The PDF has no pages."), reason="no_pages"), None
    if pages > max_pages:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("The PDF has %(pages)s pages; at most %(limit)s are accepted."),
            {"pages": pages, "limit": max_pages},
            reason="too_many_pages",
            pages=pages,
        ), None
    if active:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _(
                "The PDF contains scripts, automatic actions or attached files (%(found)s). "
                "Print it to a new PDF or upload a scan instead."
            ),
            {"found": ", ".join(active)},
            reason="active_content",
            found=list(active),
        ), None
    return make_result(
        CHECK,
        Outcome.PASS,
        _("The PDF opened and has %(pages)s page(s)."),
        {"pages": pages},
        reason="ok",
        pages=pages,
    ), DecodedPdf(reader, pages)
