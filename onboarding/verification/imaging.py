"""Small Pillow helpers shared by the legibility, rendition and hash checks."""

from __future__ import annotations

from PIL import Image, ImageOps

_ORIENTATION_TAG = 0x0112


def upright(image: Image.Image) -> Image.Image:
    """The image as a person should see it; the same object when no turn is needed, which
    saves copying 36 MB for a 12 MP photo that is already upright."""
    if image.getexif().get(_ORIENTATION_TAG, 1) in (2, 3, 4, 5, 6, 7, 8):
        return ImageOps.exif_transpose(image)
    return image


def on_white(image: Image.Image) -> Image.Image:
    """RGB or L, with any transparency flattened onto white, as the page would look."""
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        return flat.convert("RGB")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")
