"""Check 4: the sanitised rendition, the only form of the document anyone is ever shown.

Images are turned upright from their EXIF orientation, then re-encoded from pixels alone in
their own format: no EXIF, GPS, ICC profile, XMP, comments or PNG text survive, and any
bytes hidden after the image data are gone. PDFs are rewritten page by page; their thumbnail
is the first page of the rewritten copy, rendered by poppler's `pdftoppm`.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

from onboarding.verification.base import CheckResult, FileFormat, Outcome, make_result
from onboarding.verification.imaging import needs_turn, on_white
from onboarding.verification.pdf_pages import PdfRenderer, RasterFormat, first_page
from onboarding.verification.pdf_safety import find_active_content, rewrite_pdf

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CHECK = "rendition"
THUMBNAIL_BOX = (320, 320)
JPEG_QUALITY = 88  # high enough that small print survives; the original is never served
_GPS_IFD = 0x8825


@dataclass(frozen=True, slots=True)
class Rendition:
    content: bytes
    content_type: str
    extension: str  # for the generated storage key: jpg, png or pdf


def found_metadata(image: Image.Image) -> list[str]:
    """What the original carried that the rendition drops (recorded for reviewers)."""
    found = []
    exif = image.getexif()
    if exif:
        found.append("exif")
    if exif.get_ifd(_GPS_IFD):
        found.append("gps")
    info = image.info
    if "icc_profile" in info:
        found.append("icc_profile")
    if "xmp" in info or "XML:com.adobe.xmp" in info:
        found.append("xmp")
    if "comment" in info:
        found.append("comment")
    if getattr(image, "text", None):
        found.append("text")
    return found


def _pixels_for(image: Image.Image, file_format: FileFormat) -> Image.Image:
    """Convert to a mode the format stores without extra chunks (palettes, transparency keys)."""
    if file_format is FileFormat.JPEG:
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    has_alpha = "transparency" in image.info or image.mode.endswith("A")
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, file_format: FileFormat) -> bytes:
    out = BytesIO()
    # Pillow copies some metadata from `image.info` unless told otherwise (JPEG: the
    # comment; PNG: the ICC profile), so those are overridden with empty values; EXIF, XMP
    # and PNG text are only written when passed, and nothing else is passed.
    if file_format is FileFormat.JPEG:
        image.save(out, "JPEG", quality=JPEG_QUALITY, comment=b"", icc_profile=None)
    else:
        image.save(out, "PNG", icc_profile=None)
    return out.getvalue()


def thumbnail(image: Image.Image) -> Rendition:
    small = image.copy()
    small.thumbnail(THUMBNAIL_BOX)
    out = BytesIO()
    on_white(small).save(out, "JPEG", quality=80)
    return Rendition(out.getvalue(), FileFormat.JPEG.content_type, FileFormat.JPEG.extension)


def render_image(
    *,
    original: Image.Image,
    upright_image: Image.Image,
    file_format: FileFormat,
    preview: Image.Image | None = None,
) -> tuple[CheckResult, Rendition | None, Rendition | None]:
    """`upright_image` is `imaging.upright(original)`, computed once by the pipeline;
    `preview`, a reduced copy of it, makes the thumbnail cheaper when given."""
    removed = found_metadata(original)
    try:
        content = _encode(_pixels_for(upright_image, file_format), file_format)
        small = thumbnail(upright_image if preview is None else preview)
    except (OSError, ValueError) as exc:
        return (
            make_result(
                CHECK,
                Outcome.FAIL,
                _("We could not make a clean copy of the image. Upload it again as JPEG or PNG."),
                reason="encode_failed",
                error=type(exc).__name__,
            ),
            None,
            None,
        )
    rotated = needs_turn(original)
    return (
        make_result(
            CHECK,
            Outcome.PASS,
            _describe_copy(rotated=rotated, removed=bool(removed)),
            reason="ok",
            rotated=rotated,
            removed=removed,
            width=upright_image.width,
            height=upright_image.height,
        ),
        Rendition(content, file_format.content_type, file_format.extension),
        small,
    )


def _describe_copy(*, rotated: bool, removed: bool) -> StrPromise:
    if rotated:
        return _("Made a clean copy for review, turned upright and without hidden photo data.")
    if removed:
        return _("Made a clean copy for review, without hidden photo data such as location.")
    return _("Made a clean copy for review.")


def render_pdf(
    reader: PdfReader, renderer: PdfRenderer | None = None
) -> tuple[CheckResult, Rendition | None, Rendition | None]:
    """The rewritten PDF and, when `pdftoppm` is there, a JPEG thumbnail of its first page
    (rendered from the rewritten copy, never from the upload). `renderer` None: no thumbnail."""
    try:
        content = rewrite_pdf(reader)
        # Defence in depth: the copy is re-read and must come out clean on its own terms.
        leftover = find_active_content(PdfReader(BytesIO(content)).trailer)
    except Exception as exc:  # pypdf on hostile input: any failure means no safe copy
        return (
            make_result(
                CHECK,
                Outcome.FAIL,
                _("We could not make a clean copy of the PDF. Upload a scan as JPEG or PNG."),
                reason="rewrite_failed",
                error=type(exc).__name__,
            ),
            None,
            None,
        )
    if leftover:
        return (
            make_result(
                CHECK,
                Outcome.FAIL,
                _("We could not make a clean copy of the PDF. Upload a scan as JPEG or PNG."),
                reason="rewrite_not_clean",
                found=list(leftover),
            ),
            None,
            None,
        )
    small, skipped_because = pdf_thumbnail(content, renderer)
    if small is not None:
        detail = _("Made a clean copy of the PDF for review, without metadata, links or forms.")
    else:
        detail = _(
            "Made a clean copy of the PDF for review, without metadata, links or forms. "
            "No preview image could be made of its first page."
        )
    return (
        make_result(
            CHECK,
            Outcome.PASS,
            detail,
            reason="ok",
            thumbnail=small is not None,
            **({"thumbnail_skipped": skipped_because} if skipped_because else {}),
        ),
        Rendition(content, FileFormat.PDF.content_type, FileFormat.PDF.extension),
        small,
    )


def pdf_thumbnail(pdf: bytes, renderer: PdfRenderer | None) -> tuple[Rendition | None, str | None]:
    """A thumbnail of the first page, or None and why: "disabled", "not_installed" (no
    pdftoppm: bin/setup installs poppler-utils), "timeout", "render_error"."""
    if renderer is None:
        return None, "disabled"
    raster = first_page(pdf, renderer, dpi=renderer.thumbnail_dpi, raster_format=RasterFormat.JPEG)
    if raster.content is None:
        return None, raster.reason
    try:
        with Image.open(BytesIO(raster.content), formats=["JPEG"]) as page:
            page.load()
            return thumbnail(page), None
    except (OSError, ValueError, Image.DecompressionBombError):
        return None, "render_error"
