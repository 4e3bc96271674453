"""Check 4: the clean copy shown to people: upright, re-encoded, without any metadata."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader

from onboarding.verification.base import CheckResult, FileFormat, Outcome
from onboarding.verification.decoding import DecodedImage, DecodedPdf, check_decode
from onboarding.verification.imaging import upright
from onboarding.verification.pdf_pages import PdfRenderer, RasterFormat, first_page
from onboarding.verification.pdf_safety import find_active_content, rewrite_pdf
from onboarding.verification.rendition import THUMBNAIL_BOX, Rendition, render_image, render_pdf
from tests.onboarding.verification import corpus, english


def decode_image(data: bytes, fmt: FileFormat) -> Image.Image:
    _, decoded = check_decode(data=data, file_format=fmt)
    assert isinstance(decoded, DecodedImage)
    return decoded.image


def render(data: bytes, fmt: FileFormat) -> tuple[CheckResult, Rendition | None, Rendition | None]:
    image = decode_image(data, fmt)
    return render_image(original=image, upright_image=upright(image), file_format=fmt)


@pytest.fixture(scope="module")
def gps_jpeg() -> bytes:
    """1600×1200 stored, orientation 6 (turn 90° clockwise to view), GPS in EXIF."""
    return corpus.jpeg_bytes(corpus.orientation_probe((1600, 1200)), exif=corpus.gps_exif(6))


def test_gps_jpeg_fixture_really_carries_gps_and_orientation(gps_jpeg: bytes) -> None:
    exif = Image.open(BytesIO(gps_jpeg)).getexif()
    assert exif[0x0112] == 6 and exif.get_ifd(0x8825)


def test_jpeg_rendition_is_rotated_upright(gps_jpeg: bytes) -> None:
    result, rendition, _ = render(gps_jpeg, FileFormat.JPEG)
    assert rendition is not None
    shown = Image.open(BytesIO(rendition.content))
    assert shown.size == (1200, 1600)
    # The red block stored top-left is at the top-right once turned 90° clockwise.
    red_corner = shown.getpixel((1200 - 60, 60))
    assert red_corner[0] > 200 and red_corner[1] < 60 and red_corner[2] < 60
    assert result.data["rotated"] is True


def test_jpeg_rendition_has_no_exif_and_no_gps(gps_jpeg: bytes) -> None:
    result, rendition, thumb = render(gps_jpeg, FileFormat.JPEG)
    assert rendition is not None and thumb is not None
    for content in (rendition.content, thumb.content):
        image = Image.open(BytesIO(content))
        assert not image.getexif()
        assert not image.getexif().get_ifd(0x8825)
        assert b"Exif" not in content[:4096] and b"KaitongCam" not in content
    assert result.data["removed"] == ["exif", "gps"]


def test_jpeg_stays_jpeg_and_png_stays_png(gps_jpeg: bytes) -> None:
    _, jpeg, _ = render(gps_jpeg, FileFormat.JPEG)
    _, png, _ = render(corpus.png_bytes(corpus.textured_photo((300, 200))), FileFormat.PNG)
    assert jpeg is not None and png is not None
    assert (jpeg.content_type, jpeg.extension, Image.open(BytesIO(jpeg.content)).format) == (
        "image/jpeg",
        "jpg",
        "JPEG",
    )
    assert (png.content_type, png.extension, Image.open(BytesIO(png.content)).format) == (
        "image/png",
        "png",
        "PNG",
    )


def test_png_text_chunks_and_icc_profile_are_dropped() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone Private")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    out = BytesIO()
    corpus.textured_photo((300, 200)).save(out, "PNG", pnginfo=info, icc_profile=b"\0" * 128)
    result, rendition, _ = render(out.getvalue(), FileFormat.PNG)
    assert rendition is not None
    clean = Image.open(BytesIO(rendition.content))
    assert clean.info.keys() <= {"dpi"} and not clean.text
    assert b"Someone Private" not in rendition.content and b"xmpmeta" not in rendition.content
    assert set(result.data["removed"]) == {"icc_profile", "text", "xmp"}


def test_jpeg_comment_and_icc_profile_are_dropped() -> None:
    out = BytesIO()
    corpus.textured_photo((300, 200)).save(
        out, "JPEG", comment=b"shot by Someone Private", icc_profile=b"\0" * 128
    )
    result, rendition, _ = render(out.getvalue(), FileFormat.JPEG)
    assert rendition is not None
    clean = Image.open(BytesIO(rendition.content))
    assert "icc_profile" not in clean.info and "comment" not in clean.info
    assert b"Someone Private" not in rendition.content
    assert set(result.data["removed"]) == {"comment", "icc_profile"}


def test_bytes_hidden_after_the_image_do_not_reach_the_rendition() -> None:
    smuggled = corpus.jpeg_bytes(corpus.textured_photo((300, 200))) + b"PK\x03\x04secret.zip"
    _, rendition, _ = render(smuggled, FileFormat.JPEG)
    assert rendition is not None and b"secret.zip" not in rendition.content


def test_palette_png_with_transparency_keeps_it_as_alpha() -> None:
    palette = corpus.textured_photo((200, 100)).convert("P")
    palette.info["transparency"] = 0
    _, rendition, thumb = render(corpus.png_bytes(palette), FileFormat.PNG)
    assert rendition is not None and thumb is not None
    assert Image.open(BytesIO(rendition.content)).mode == "RGBA"
    assert Image.open(BytesIO(thumb.content)).mode == "RGB"


def test_thumbnail_is_a_small_upright_jpeg(gps_jpeg: bytes) -> None:
    _, _, thumb = render(gps_jpeg, FileFormat.JPEG)
    assert thumb is not None and thumb.content_type == "image/jpeg"
    image = Image.open(BytesIO(thumb.content))
    assert image.size == (240, 320) and max(image.size) <= max(THUMBNAIL_BOX)


def test_already_upright_image_is_not_copied() -> None:
    image = decode_image(corpus.jpeg_bytes(corpus.textured_photo((300, 200))), FileFormat.JPEG)
    assert upright(image) is image


def _pdf(data: bytes) -> DecodedPdf:
    _, decoded = check_decode(data=data, file_format=FileFormat.PDF)
    assert isinstance(decoded, DecodedPdf)
    return decoded


def test_pdf_rendition_keeps_the_pages_and_drops_metadata_and_links() -> None:
    result, rendition, _thumb = render_pdf(_pdf(corpus.pdf_with_link_annotation()).reader)
    assert rendition is not None and rendition.content_type == "application/pdf"
    clean = PdfReader(BytesIO(rendition.content))
    assert len(clean.pages) == 1
    assert "Bank letter" in clean.pages[0].extract_text()
    assert "/Annots" not in clean.pages[0]
    assert clean.metadata is None and b"Secret title" not in rendition.content
    assert result.outcome is Outcome.PASS


def test_pdf_rendition_of_three_pages_has_three_pages() -> None:
    _, rendition, _thumb = render_pdf(_pdf(corpus.three_page_pdf()).reader)
    assert rendition is not None and len(PdfReader(BytesIO(rendition.content)).pages) == 3


def test_pdf_gets_a_jpeg_thumbnail_of_its_first_page_from_pdftoppm() -> None:
    result, _rendition, thumb = render_pdf(_pdf(corpus.three_page_pdf()).reader, PdfRenderer())
    assert thumb is not None and thumb.content_type == "image/jpeg"
    image = Image.open(BytesIO(thumb.content))
    assert image.format == "JPEG" and max(image.size) <= max(THUMBNAIL_BOX)
    assert image.height > image.width  # an A4 portrait page
    assert (result.outcome, result.data["thumbnail"]) == (Outcome.PASS, True)
    assert "thumbnail_skipped" not in result.data


def test_pdf_without_pdftoppm_gets_no_thumbnail_and_says_why() -> None:
    missing = PdfRenderer(binary="/nonexistent/pdftoppm")
    result, rendition, thumb = render_pdf(_pdf(corpus.three_page_pdf()).reader, missing)
    assert rendition is not None and thumb is None
    assert (result.outcome, result.data["thumbnail"], result.data["thumbnail_skipped"]) == (
        Outcome.PASS,
        False,
        "not_installed",
    )
    assert "No preview image" in english(result.detail)


def test_pdftoppm_output_is_cropped_so_a_giant_page_cannot_cost_memory() -> None:
    giant = corpus.pdf_bytes(["Huge"]).replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]"
    )
    raster = first_page(
        giant, PdfRenderer(max_side_px=600), dpi=50, raster_format=RasterFormat.JPEG
    )
    assert raster.content is not None
    assert Image.open(BytesIO(raster.content)).size == (600, 600)


@pytest.mark.parametrize(
    "pdf",
    [
        corpus.pdf_with_javascript_open_action(),
        corpus.pdf_with_launch_action(),
        corpus.pdf_with_page_additional_actions(),
        corpus.pdf_with_embedded_file(),
    ],
    ids=["javascript-openaction", "launch", "page-aa", "embedded-file"],
)
def test_rewriting_an_active_pdf_leaves_no_active_content(pdf: bytes) -> None:
    """The upload is refused anyway; the rewrite is the second wall if a key is ever missed."""
    reader = PdfReader(BytesIO(pdf))
    assert find_active_content(reader.trailer)
    clean = rewrite_pdf(reader)
    assert find_active_content(PdfReader(BytesIO(clean)).trailer) == []
    assert b"/JavaScript" not in clean and b"/Launch" not in clean and b"MZ" not in clean
