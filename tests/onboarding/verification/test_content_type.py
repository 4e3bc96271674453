"""Check 1: the content decides the type; the name's last suffix must agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onboarding.verification.base import CheckResult, FileFormat, ItemSpec, Outcome
from onboarding.verification.content_type import check_content_type, declared_extension
from tests.onboarding.verification import corpus, english

ANY_ITEM = ItemSpec("business_licence")
PHOTO_ONLY = ItemSpec("storefront_photo", accepted_formats=frozenset({FileFormat.JPEG}))


def sniff(
    data: bytes, name: str, item: ItemSpec = ANY_ITEM
) -> tuple[CheckResult, FileFormat | None]:
    return check_content_type(data=data, size=len(data), declared_filename=name, item=item)


@pytest.mark.parametrize(
    ("filename", "extension"),
    [
        ("licence.jpg", "jpg"),
        ("LICENCE.JPEG", "jpeg"),
        ("../../x.png", "png"),
        ("..\\..\\windows\\x.png", "png"),
        ("a.jpg.php", "php"),
        ("x.php%00.jpg", "jpg"),
        ("no-extension", ""),
        ("trailing-dot.", ""),
        ("spaced.png ", "png "),
        (".pdf", "pdf"),
        ("营业执照" * 75 + ".pdf", "pdf"),
    ],
)
def test_extension_is_the_last_suffix_of_the_base_name(filename: str, extension: str) -> None:
    assert declared_extension(filename) == extension


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (corpus.jpeg_bytes(corpus.textured_photo((320, 240))), "photo.JPG", FileFormat.JPEG),
        (corpus.jpeg_bytes(corpus.textured_photo((320, 240))), "photo.jpeg", FileFormat.JPEG),
        (corpus.png_bytes(corpus.textured_photo((320, 240))), "scan.png", FileFormat.PNG),
        (corpus.three_page_pdf(), "statement.pdf", FileFormat.PDF),
        (corpus.png_bytes(corpus.textured_photo((320, 240))), "../../x.png", FileFormat.PNG),
    ],
)
def test_genuine_jpeg_png_and_pdf_pass_with_their_format(
    data: bytes, name: str, fmt: FileFormat
) -> None:
    result, sniffed = sniff(data, name)
    assert (result.outcome, result.data["reason"], sniffed) == (Outcome.PASS, "ok", fmt)


def test_zero_byte_file_is_refused_as_empty() -> None:
    result, sniffed = sniff(b"", "licence.jpg")
    assert (result.outcome, result.data["reason"], sniffed) == (Outcome.FAIL, "empty", None)
    assert english(result.detail) == "The file is empty. Choose the file again."


def test_file_over_the_items_size_limit_is_refused_without_being_read() -> None:
    item = ItemSpec("business_licence", max_bytes=1000)
    result, _ = check_content_type(data=b"", size=1001, declared_filename="a.jpg", item=item)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "too_large")
    assert (result.data["size"], result.data["limit"]) == (1001, 1000)


def test_file_exactly_at_the_size_limit_is_not_refused_for_size() -> None:
    data = corpus.jpeg_bytes(corpus.textured_photo((64, 64)))
    item = ItemSpec("business_licence", max_bytes=len(data))
    result, _ = check_content_type(data=data, size=len(data), declared_filename="a.jpg", item=item)
    assert result.outcome is Outcome.PASS


def test_double_extension_php_is_refused_by_its_last_suffix() -> None:
    jpeg = corpus.jpeg_bytes(corpus.textured_photo((64, 64)))
    result, _ = sniff(jpeg, "a.jpg.php")
    assert (result.outcome, result.data["reason"], result.data["extension"]) == (
        Outcome.FAIL,
        "extension_not_allowed",
        "php",
    )
    assert "“.php”" in english(result.detail)


def test_name_without_extension_is_refused() -> None:
    result, _ = sniff(corpus.three_page_pdf(), "statement")
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "extension_not_allowed")


def test_svg_named_svg_is_refused_by_extension() -> None:
    result, _ = sniff(corpus.SVG, "logo.svg")
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "extension_not_allowed")


def test_svg_named_png_is_refused_by_content() -> None:
    result, _ = sniff(corpus.SVG, "logo.png")
    assert (result.outcome, result.data["reason"], result.data["sniffed"]) == (
        Outcome.FAIL,
        "content_not_allowed",
        "image/svg+xml",
    )


def test_html_named_html_is_refused_by_extension() -> None:
    result, _ = sniff(corpus.HTML, "page.html")
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "extension_not_allowed")


def test_html_named_jpg_is_refused_by_content() -> None:
    result, _ = sniff(corpus.HTML, "licence.jpg")
    assert (result.outcome, result.data["reason"], result.data["sniffed"]) == (
        Outcome.FAIL,
        "content_not_allowed",
        "text/html",
    )


def test_png_bytes_named_pdf_are_refused_as_a_mismatch() -> None:
    result, _ = sniff(corpus.png_bytes(corpus.textured_photo((64, 64))), "statement.pdf")
    assert (result.outcome, result.data["reason"], result.data["sniffed"]) == (
        Outcome.FAIL,
        "extension_mismatch",
        "image/png",
    )
    assert english(result.detail) == (
        "The file's content is PNG but its name ends in “.pdf”. "
        "Upload the original file without renaming it."
    )


def test_png_header_followed_by_html_is_refused_as_a_polyglot() -> None:
    result, _ = sniff(corpus.png_header_then_html(), "licence.png")
    assert (result.outcome, result.data["reason"], result.data["sniffed"]) == (
        Outcome.FAIL,
        "markup_in_image",
        "image/png",
    )


def test_jpeg_with_php_appended_is_refused_as_a_polyglot() -> None:
    jpeg = corpus.jpeg_bytes(corpus.textured_photo((64, 64)))
    result, _ = sniff(jpeg + b"<?php system($_GET['c']); ?>", "licence.jpg")
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "markup_in_image")


def test_pdf_is_refused_for_an_item_that_takes_only_jpeg() -> None:
    result, _ = sniff(corpus.three_page_pdf(), "shop.pdf", PHOTO_ONLY)
    assert (result.outcome, result.data["reason"]) == (
        Outcome.FAIL,
        "format_not_accepted_for_item",
    )
    assert english(result.detail) == "This document must be a JPEG file, not PDF."


@given(data=st.binary(max_size=4096), name=st.text(max_size=300))
def test_any_bytes_under_any_name_get_a_verdict_and_never_an_exception(
    data: bytes, name: str
) -> None:
    result, sniffed = sniff(data, name)
    assert result.outcome in (Outcome.PASS, Outcome.FAIL)
    assert (sniffed is None) == (result.outcome is Outcome.FAIL)


@given(name=st.text(max_size=300))
def test_declared_extension_never_carries_a_path(name: str) -> None:
    extension = declared_extension(name)
    assert "/" not in extension and "\\" not in extension and "." not in extension
