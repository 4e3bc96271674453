"""Turn the first page of a (sanitised) PDF into an image with poppler's `pdftoppm`.

Used for the PDF thumbnail and to OCR scanned PDFs that carry no text layer. `pdftoppm` runs
as a subprocess without a shell: the PDF goes in on stdin, the image comes out on stdout, a
timeout bounds it. Only the rendition (the rewritten PDF) is ever given to it, never the
uploaded bytes. Where the binary is missing the callers record "skipped" with the reason.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class RasterFormat(StrEnum):
    JPEG = "jpeg"
    PNG = "png"


@dataclass(frozen=True, slots=True)
class PdfRenderer:
    binary: str = "pdftoppm"
    timeout_s: float = 30.0
    thumbnail_dpi: int = 50  # an A4 page comes out ~413 × 585 px: enough for a thumbnail
    ocr_dpi: int = 200  # licence print is large; 200 dpi reads it at half of 300's cost
    # A crafted page can be metres wide: the output is cropped to this many pixels a side
    # (an A4 page at 200 dpi is 1654 × 2339), so rendering can never cost much memory.
    max_side_px: int = 4000


@dataclass(frozen=True, slots=True)
class Raster:
    """The first page as an encoded image, or why there is none (`reason`)."""

    content: bytes | None
    reason: str  # "ok", "not_installed", "timeout", "render_error"


@lru_cache(maxsize=8)
def renderer_binary(binary: str) -> str | None:
    """The resolved path of `pdftoppm`, cached per process (as for Tesseract)."""
    return shutil.which(binary)


def first_page(
    pdf: bytes, renderer: PdfRenderer, *, dpi: int, raster_format: RasterFormat, grey: bool = False
) -> Raster:
    binary = renderer_binary(renderer.binary)
    if binary is None:
        return Raster(None, "not_installed")
    limit = str(renderer.max_side_px)
    command = [binary, f"-{raster_format.value}", "-r", str(dpi), "-f", "1", "-l", "1"]
    command += ["-W", limit, "-H", limit]
    if grey:
        command.append("-gray")
    command.append("-")  # read the PDF from stdin; with no output root, write to stdout
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, binary resolved by which()
            command, input=pdf, capture_output=True, timeout=renderer.timeout_s, check=False
        )
    except subprocess.TimeoutExpired:
        return Raster(None, "timeout")
    except OSError:
        return Raster(None, "render_error")
    if completed.returncode != 0 or not completed.stdout:
        return Raster(None, "render_error")
    return Raster(completed.stdout, "ok")
