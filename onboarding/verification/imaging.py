"""Small Pillow helpers shared by the legibility, rendition and hash checks."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

_ORIENTATION_TAG = 0x0112


def needs_turn(image: Image.Image) -> bool:
    """Whether EXIF says the stored pixels are rotated or mirrored from how to view them."""
    return image.getexif().get(_ORIENTATION_TAG, 1) in (2, 3, 4, 5, 6, 7, 8)


def upright(image: Image.Image) -> Image.Image:
    """The image as a person should see it; the same object when no turn is needed, which
    saves copying 36 MB for a 12 MP photo that is already upright."""
    return ImageOps.exif_transpose(image) if needs_turn(image) else image


def eight_bit(image: Image.Image) -> Image.Image:
    """16-bit greyscale (PNG scans) as 8-bit 'L', scaled rather than clipped: Pillow's own
    convert() clips at 255, which turns a 16-bit scan into a white page. Metadata (EXIF
    orientation included) is kept so the next steps see it."""
    if image.mode not in ("I;16", "I;16B", "I;16L", "I"):
        return image
    wide = np.asarray(image).astype(np.uint32)
    grey = Image.fromarray((np.clip(wide, 0, 65535) // 257).astype(np.uint8))
    grey.info = dict(image.info)
    return grey


def reduced(image: Image.Image, long_side: int) -> Image.Image:
    """A cheap smaller copy, RGB or L on white, whose long side is between `long_side` and
    twice that (or the image itself when already small enough and flat).

    `reduce()` is a box filter by an integer factor: on a 12 MP photo it costs a fraction of
    a resize, and every preview (grey for legibility and pHash, thumbnail) starts from it.
    """
    if image.mode not in ("L", "RGB", "RGBA", "LA"):
        has_alpha = "transparency" in image.info or image.mode.endswith("A")
        image = image.convert("RGBA" if has_alpha else "RGB")
    factor = max(image.size) // long_side
    if factor > 1:
        image = image.reduce(factor)
    return on_white(image)


def on_white(image: Image.Image) -> Image.Image:
    """RGB or L, with any transparency flattened onto white, as the page would look."""
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        return flat.convert("RGB")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")
