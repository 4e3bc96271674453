"""Hostile, broken and genuine-looking files, generated at test time (nothing binary in git).

Every generator is deterministic, so an exact outcome can be asserted for each file. The
bench uses the same generators for its 12-megapixel JPEG and 3-page PDF.
"""

from __future__ import annotations

import random
import struct
import uuid
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import ric, uscc

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# --- identifiers -------------------------------------------------------------------------


def make_uscc(body: str) -> str:
    """A valid USCC from its first 17 characters (authority, type, region, organisation)."""
    return body + uscc.calc_check_digit(body)


def with_bad_check_character(code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    wrong = alphabet[(alphabet.index(code[-1]) + 7) % len(alphabet)]
    return code[:-1] + wrong


def make_ric(body: str) -> str:
    """A valid resident ID number from its first 17 digits (region, birth date, sequence)."""
    return body + ric.calc_check_digit(body + "0")


# --- images ------------------------------------------------------------------------------


def solid_image(size: tuple[int, int], colour: tuple[int, int, int] = (40, 90, 160)) -> Image.Image:
    return Image.new("RGB", size, colour)


def jpeg_bytes(image: Image.Image, *, quality: int = 90, exif: bytes | None = None) -> bytes:
    out = BytesIO()
    if exif is None:
        image.save(out, "JPEG", quality=quality)
    else:
        image.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def png_bytes(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def textured_photo(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A photo-like picture: gradients, shapes and some fine detail, so it is neither blank
    nor blurry, and compresses like a real photo rather than like a flat colour."""
    rng = random.Random(seed)
    width, height = size
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(base)
    for _ in range(400):
        x, y = rng.randrange(width), rng.randrange(height)
        w = rng.randrange(4, max(5, width // 6))
        h = rng.randrange(4, max(5, height // 6))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + w, y + h), outline=colour, width=rng.randrange(2, 8))
    step = max(8, width // 200)
    for x in range(0, width, step):
        draw.line((x, 0, x, height), fill=(20, 20, 20), width=1)
    return base


def gps_exif(orientation: int) -> bytes:
    """EXIF with a camera make, an orientation tag and a GPS position (Hong Kong)."""
    exif = Image.Exif()
    exif[0x010F] = "KaitongCam"  # Make
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (22.0, 16.0, 48.0)
    gps[3] = "E"
    gps[4] = (114.0, 9.0, 36.0)
    return exif.tobytes()


def orientation_probe(size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """White image with a red block in the stored top-left corner, to see where it ends up."""
    image = textured_photo(size, seed=3)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 5, size[1] // 5), fill=(255, 0, 0))
    return image


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A single-colour 1-bit PNG: ~50 kB on disk, `width × height` pixels when decoded.

    Written chunk by chunk so generating it never holds the decoded image in memory (the
    memory test measures the process that reads it).
    """
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row * 500) for _ in range(height // 500)]
    parts.append(compressor.compress(row * (height % 500)))
    parts.append(compressor.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", b"".join(parts))
        + (_chunk(b"IEND", b""))
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_then_html() -> bytes:
    """A real PNG signature and IHDR chunk, then an HTML page: the Django docs' polyglot."""
    ihdr = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + b"<html><body><script>alert(document.cookie)</script></body></html>"
    )


def truncated_jpeg() -> bytes:
    whole = jpeg_bytes(textured_photo((1600, 1200)))
    return whole[: len(whole) // 2]


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b"<script>alert(1)</script><rect width='100' height='100'/></svg>\n"
)
HTML = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body>hello</body></html>\n"


# --- PDFs (written by hand so each dangerous key is exactly where a test says it is) -------


@dataclass(frozen=True, slots=True)
class PdfExtras:
    catalog: str = ""  # extra entries for the document catalogue, PDF syntax
    page: str = ""  # extra entries for every page dictionary
    objects: Sequence[str] = ()  # extra indirect objects, numbered after the pages


def pdf_bytes(pages: Sequence[str], extras: PdfExtras = PdfExtras()) -> bytes:
    """A small valid PDF, one page per text, set in Helvetica.

    Object numbers: 1 catalogue, 2 page tree, 3 font, 4.. pages and their content streams,
    then `extras.objects`; an extra can refer to them as `N 0 R` from `first_extra_number`.
    """
    count = len(pages)
    page_numbers = [4 + 2 * i for i in range(count)]
    objects: list[bytes] = [
        f"<< /Type /Catalog /Pages 2 0 R {extras.catalog} >>".encode(),
        (
            "<< /Type /Pages /Count "
            + str(count)
            + " /Kids ["
            + " ".join(f"{n} 0 R" for n in page_numbers)
            + "] >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for number, text in zip(page_numbers, pages, strict=True):
        stream = _text_stream(text)
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {number + 1} 0 R "
                f"{extras.page} >>"
            ).encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects.extend(o.encode() for o in extras.objects)
    return _assemble(objects, info="<< /Title (Secret title) /Author (Someone) >>")


def first_extra_number(page_count: int) -> int:
    return 4 + 2 * page_count


def _text_stream(text: str) -> bytes:
    lines = [
        line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for line in text.splitlines()
    ]
    body = " ".join(f"({line}) Tj 0 -18 Td" for line in lines)
    return f"BT /F1 14 Tf 60 780 Td {body} ET".encode("latin-1")


def _assemble(objects: Iterable[bytes], *, info: str) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    all_objects = [*objects, info.encode()]
    for number, body in enumerate(all_objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(all_objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(all_objects) + 1} /Root 1 0 R /Info {len(all_objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def three_page_pdf() -> bytes:
    return pdf_bytes(
        [
            f"Bank account confirmation - page {n}\nAccount holder: Kaitong Trading Ltd\n"
            "IBAN GB82 WEST 1234 5698 7654 32\nValid until 2040-12-31"
            for n in (1, 2, 3)
        ]
    )


def pdf_with_javascript_open_action() -> bytes:
    js = first_extra_number(1)
    return pdf_bytes(
        ["Invoice"],
        PdfExtras(
            catalog=f"/OpenAction {js} 0 R",
            objects=["<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\)) >>"],
        ),
    )


def pdf_with_launch_action() -> bytes:
    return pdf_bytes(
        ["Invoice"],
        PdfExtras(catalog="/OpenAction << /S /Launch /F (calc.exe) >>"),
    )


def pdf_with_launch_hidden_behind_a_reference() -> bytes:
    """The action type is an indirect object of its own, so a naive key lookup misses it."""
    name = first_extra_number(1)
    return pdf_bytes(
        ["Invoice"],
        PdfExtras(
            page=f"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S {name} 0 R "
            "/F (calc.exe) >> >>]",
            objects=["/Launch"],
        ),
    )


def pdf_with_page_additional_actions() -> bytes:
    return pdf_bytes(["Invoice"], PdfExtras(page="/AA << /O << /S /GoTo /D [4 0 R /Fit] >> >>"))


def pdf_with_embedded_file() -> bytes:
    stream = first_extra_number(1)
    return pdf_bytes(
        ["Invoice"],
        PdfExtras(
            catalog=(
                f"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) "
                f"/EF << /F {stream} 0 R >> >>] >> >>"
            ),
            objects=["<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"],
        ),
    )


def pdf_with_goto_open_action() -> bytes:
    """What office suites write: open on page 1, fit to window. Not active content."""
    return pdf_bytes(["Bank letter"], PdfExtras(catalog="/OpenAction [4 0 R /Fit]"))


def pdf_with_link_annotation() -> bytes:
    """A harmless web link: accepted, but the rendition drops annotations anyway."""
    return pdf_bytes(
        ["Bank letter"],
        PdfExtras(
            page=(
                "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
                "/A << /S /URI /URI (https://example.com/) >> >>]"
            )
        ),
    )


def scanned_pdf(image: Image.Image, dpi: int = 200) -> bytes:
    """A PDF holding only a picture of a page, as a scanner writes it: no text layer."""
    out = BytesIO()
    image.convert("RGB").save(out, "PDF", resolution=dpi)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes(["Secret"]))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Chinese documents drawn in a CJK font -------------------------------------------------


@dataclass(frozen=True, slots=True)
class LicenceFace:
    code: str
    name: str = "上海开通科技有限公司"
    valid_from: date = date(2020, 1, 1)
    valid_to: date | None = date(2040, 12, 31)  # None: 长期 (no end date)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(CJK_FONT), size)


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def licence_image(face: LicenceFace, width: int = 1600) -> Image.Image:
    """A business licence (营业执照) laid out like the real one, as a flat scan."""
    scale = width / 1600
    height = round(1130 * scale)
    image = Image.new("RGB", (width, height), (252, 250, 245))
    draw = ImageDraw.Draw(image)
    red = (190, 30, 30)
    draw.rectangle((20, 20, width - 20, height - 20), outline=red, width=round(8 * scale))
    draw.text(
        (width // 2, round(110 * scale)),
        "营业执照",
        font=_font(round(96 * scale)),
        fill=red,
        anchor="mm",
    )
    until = _cn_date(face.valid_to) if face.valid_to else "长期"
    lines = [
        f"统一社会信用代码  {face.code}",
        f"名称  {face.name}",
        "类型  有限责任公司(自然人投资或控股)",
        "法定代表人  张三",
        "注册资本  人民币壹佰万元整",
        f"成立日期  {_cn_date(face.valid_from)}",
        f"营业期限  {_cn_date(face.valid_from)} 至 {until}",
        "住所  上海市浦东新区张江路100号",
    ]
    font = _font(round(40 * scale))
    for row, text in enumerate(lines):
        draw.text(
            (round(120 * scale), round((250 + row * 95) * scale)),
            text,
            font=font,
            fill=(20, 20, 20),
        )
    draw.ellipse(
        (
            width - round(420 * scale),
            height - round(400 * scale),
            width - round(120 * scale),
            height - round(100 * scale),
        ),
        outline=red,
        width=round(6 * scale),
    )
    return image


def id_card_image(number: str, width: int = 1400) -> Image.Image:
    """The front of a resident ID card (居民身份证), with its 18-character number."""
    scale = width / 1400
    image = Image.new("RGB", (width, round(880 * scale)), (236, 244, 250))
    draw = ImageDraw.Draw(image)
    font = _font(round(46 * scale))
    rows = ["姓名  张三", "性别  男    民族  汉", "出生  1990年03月07日", "住址  北京市东城区"]
    for row, text in enumerate(rows):
        draw.text(
            (round(80 * scale), round((80 + row * 110) * scale)), text, font=font, fill=(20, 20, 20)
        )
    draw.text(
        (round(80 * scale), round(700 * scale)),
        f"公民身份号码  {number}",
        font=font,
        fill=(20, 20, 20),
    )
    return image


def blurred(image: Image.Image, radius: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))


def darkened(image: Image.Image, factor: float) -> Image.Image:
    return image.point(lambda v: round(v * factor))


def washed_out(image: Image.Image, keep: float) -> Image.Image:
    """Pull every value towards white, keeping `keep` of its distance from white."""
    return image.point(lambda v: round(255 - (255 - v) * keep))


def write(directory: Path, data: bytes) -> Path:
    """Store under a generated name, as upload storage does: a user's filename (which may be
    hostile) only ever travels as metadata."""
    path = directory / f"{uuid.uuid4()}.upload"
    path.write_bytes(data)
    return path


# --- environment the OCR tests need ---------------------------------------------------------


def require_cjk_font() -> None:
    """The generated licences and ID cards are drawn in fonts-noto-cjk's font."""
    if not CJK_FONT.exists():
        _missing([f"the CJK font {CJK_FONT} is missing"])


def require_ocr_environment() -> None:
    """Tesseract with eng and chi_sim data, and the CJK font to draw what it reads."""
    from onboarding.verification.ocr import OcrConfig, ocr_availability

    availability = ocr_availability(OcrConfig())
    problems = []
    if availability.binary is None:
        problems.append("the `tesseract` binary is not on PATH")
    elif availability.missing_languages:
        problems.append(f"Tesseract language data missing: {availability.missing_languages}")
    if not CJK_FONT.exists():
        problems.append(f"the CJK font {CJK_FONT} is missing")
    if problems:
        _missing(problems)


def _missing(problems: list[str]) -> None:
    """Fail, not skip: OCR is a feature, and a skipped test would hide that it does not work
    here. KAITONG_ALLOW_NO_OCR=1 turns the failure into a skip, for machines that cannot
    have OCR installed. (Imported here so the bench can use this module without pytest.)"""
    import os

    import pytest

    message = (
        "OCR tests need Debian's tesseract-ocr, tesseract-ocr-chi-sim and fonts-noto-cjk: "
        + "; ".join(problems)
        + ". Install them, or set KAITONG_ALLOW_NO_OCR=1 to skip these tests."
    )
    if os.environ.get("KAITONG_ALLOW_NO_OCR") == "1":
        pytest.skip(message)
    pytest.fail(message)


def photo_of_licence(size: tuple[int, int] = (4000, 3000), seed: int = 5) -> Image.Image:
    """A phone-camera-like picture of a licence lying on a desk: the licence fills most of
    the frame, the rest is busy background, and sensor noise makes it compress like a real
    12-megapixel photo (a few MB) rather than like a drawing."""
    photo = textured_photo(size, seed=seed)
    width = round(size[0] * 0.85)
    licence = licence_image(LicenceFace(make_uscc("91310000MA1FL1XX7")), width=width)
    photo.paste(licence, ((size[0] - width) // 2, (size[1] - licence.height) // 2))
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(photo, noise, 0.12)
