"""The whole pipeline over the hostile corpus: every file gets its exact, stable outcome."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from django.utils.translation import gettext_lazy
from PIL import Image

from onboarding.verification.base import (
    CHECK_ORDER,
    Detail,
    IdentityDocument,
    ItemSpec,
    MerchantFacts,
    Outcome,
    VerificationInput,
)
from onboarding.verification.pipeline import (
    Verdict,
    VerificationOptions,
    VerificationOutcome,
    planned_checks,
    verify_document,
)
from tests.onboarding.verification import corpus, english

ITEM = ItemSpec("bank_account_proof")
FACTS = MerchantFacts("CN", "上海开通科技有限公司", corpus.make_uscc("91310000MA1FL1XX7"))
NO_OCR = VerificationOptions(ocr=None)


def run(data: bytes, name: str, tmp_path: Path, item: ItemSpec = ITEM, **kw) -> VerificationOutcome:
    document = VerificationInput(corpus.write(tmp_path, data), name, item, FACTS, **kw)
    return verify_document(document, today=date(2026, 5, 1), options=NO_OCR)


def photo() -> bytes:
    return corpus.jpeg_bytes(corpus.textured_photo((1600, 1200)))


@dataclass(frozen=True)
class Hostile:
    name: str  # the user's filename
    data: Callable[[], bytes]
    decisive: tuple[str, Outcome, str]  # (check, outcome, reason) of the refusing check
    verdict: Verdict


HOSTILE = {
    "20000x20000-png": Hostile(
        "huge.png", corpus.bomb_png, ("decode", Outcome.FAIL, "pixel_budget"), Verdict.UNREADABLE
    ),
    "truncated-jpeg": Hostile(
        "photo.jpg", corpus.truncated_jpeg, ("decode", Outcome.FAIL, "damaged"), Verdict.UNREADABLE
    ),
    "zero-byte": Hostile(
        "empty.jpg", lambda: b"", ("content_type", Outcome.FAIL, "empty"), Verdict.UNREADABLE
    ),
    "png-named-pdf": Hostile(
        "statement.pdf",
        lambda: corpus.png_bytes(corpus.textured_photo((1600, 1200))),
        ("content_type", Outcome.FAIL, "extension_mismatch"),
        Verdict.UNREADABLE,
    ),
    "png-header-then-html": Hostile(
        "licence.png",
        corpus.png_header_then_html,
        ("content_type", Outcome.FAIL, "markup_in_image"),
        Verdict.UNREADABLE,
    ),
    "svg": Hostile(
        "logo.svg",
        lambda: corpus.SVG,
        ("content_type", Outcome.FAIL, "extension_not_allowed"),
        Verdict.UNREADABLE,
    ),
    "svg-named-png": Hostile(
        "logo.png",
        lambda: corpus.SVG,
        ("content_type", Outcome.FAIL, "content_not_allowed"),
        Verdict.UNREADABLE,
    ),
    "html": Hostile(
        "index.html",
        lambda: corpus.HTML,
        ("content_type", Outcome.FAIL, "extension_not_allowed"),
        Verdict.UNREADABLE,
    ),
    "html-named-jpg": Hostile(
        "licence.jpg",
        lambda: corpus.HTML,
        ("content_type", Outcome.FAIL, "content_not_allowed"),
        Verdict.UNREADABLE,
    ),
    "pdf-javascript-openaction": Hostile(
        "invoice.pdf",
        corpus.pdf_with_javascript_open_action,
        ("decode", Outcome.FAIL, "active_content"),
        Verdict.UNREADABLE,
    ),
    "pdf-launch": Hostile(
        "invoice.pdf",
        corpus.pdf_with_launch_action,
        ("decode", Outcome.FAIL, "active_content"),
        Verdict.UNREADABLE,
    ),
    "pdf-page-aa": Hostile(
        "invoice.pdf",
        corpus.pdf_with_page_additional_actions,
        ("decode", Outcome.FAIL, "active_content"),
        Verdict.UNREADABLE,
    ),
    "pdf-embedded-file": Hostile(
        "invoice.pdf",
        corpus.pdf_with_embedded_file,
        ("decode", Outcome.FAIL, "active_content"),
        Verdict.UNREADABLE,
    ),
    "pdf-encrypted": Hostile(
        "invoice.pdf",
        corpus.encrypted_pdf,
        ("decode", Outcome.FAIL, "encrypted"),
        Verdict.UNREADABLE,
    ),
    "jpg-php-double-extension": Hostile(
        "a.jpg.php",
        photo,
        ("content_type", Outcome.FAIL, "extension_not_allowed"),
        Verdict.UNREADABLE,
    ),
    "jpeg-with-gps-orientation-6": Hostile(
        "photo.jpg",
        lambda: corpus.jpeg_bytes(corpus.orientation_probe(), exif=corpus.gps_exif(6)),
        ("rendition", Outcome.PASS, "ok"),
        Verdict.PASSED,
    ),
    "path-traversal-name": Hostile(
        "../../x.png",
        lambda: corpus.png_bytes(corpus.textured_photo((1600, 1200))),
        ("content_type", Outcome.PASS, "ok"),
        Verdict.PASSED,
    ),
    "nul-byte-name": Hostile(
        "x.php%00.jpg", photo, ("content_type", Outcome.PASS, "ok"), Verdict.PASSED
    ),
    "300-char-unicode-name": Hostile(
        "营业执照" * 74 + "扫描件.pdf",
        corpus.three_page_pdf,
        ("decode", Outcome.PASS, "ok"),
        Verdict.PASSED,
    ),
}


@pytest.mark.parametrize("case", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_file_gets_its_exact_outcome(case: Hostile, tmp_path: Path) -> None:
    outcome = run(case.data(), case.name, tmp_path)
    by_check = {r.check: r for r in outcome.results}
    check, expected_outcome, reason = case.decisive
    assert (by_check[check].outcome, by_check[check].data["reason"]) == (expected_outcome, reason)
    assert outcome.verdict is case.verdict
    if case.verdict is Verdict.UNREADABLE:
        position = CHECK_ORDER.index(check)
        later = [r for r in outcome.results if CHECK_ORDER.index(r.check) > position]
        assert later and all(
            (r.outcome, r.data["reason"]) == (Outcome.SKIPPED, "unreadable") for r in later
        )
        assert outcome.rendition is None and outcome.thumbnail is None
    else:
        assert outcome.rendition is not None
        assert not [r for r in outcome.results if r.outcome is Outcome.FAIL]


def test_file_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    data = photo()
    item = ItemSpec("bank_account_proof", max_bytes=len(data) - 1)
    outcome = run(data, "photo.jpg", tmp_path, item)
    first = outcome.results[0]
    assert (first.check, first.outcome, first.data["reason"]) == (
        "content_type",
        Outcome.FAIL,
        "too_large",
    )
    assert outcome.sha256 == hashlib.sha256(data).hexdigest()


def test_gps_jpeg_is_accepted_with_an_upright_rendition_free_of_metadata(tmp_path: Path) -> None:
    data = corpus.jpeg_bytes(corpus.orientation_probe((1600, 1200)), exif=corpus.gps_exif(6))
    outcome = run(data, "photo.jpg", tmp_path)
    assert outcome.rendition is not None and outcome.thumbnail is not None
    shown = Image.open(BytesIO(outcome.rendition.content))
    assert (shown.format, shown.size) == ("JPEG", (1200, 1600))
    assert not shown.getexif() and not shown.getexif().get_ifd(0x8825)
    rendition = next(r for r in outcome.results if r.check == "rendition")
    assert rendition.data["removed"] == ["exif", "gps"] and rendition.data["rotated"] is True


def test_every_planned_check_is_reported_once_in_order(tmp_path: Path) -> None:
    licence_item = ItemSpec(
        "business_licence", identity=IdentityDocument.CN_BUSINESS_LICENCE, expiry_required=True
    )
    for data, name in ((photo(), "a.jpg"), (b"", "a.jpg"), (corpus.three_page_pdf(), "a.pdf")):
        outcome = run(data, name, tmp_path, licence_item)
        assert tuple(r.check for r in outcome.results) == planned_checks(licence_item)


def test_planned_checks_depend_on_the_identifier_the_item_carries() -> None:
    id_item = ItemSpec("id_front", identity=IdentityDocument.CN_RESIDENT_ID)
    assert "id_number" in planned_checks(id_item)
    assert "registration_number" not in planned_checks(id_item)
    assert not {"id_number", "registration_number", "company_name"} & set(planned_checks(ITEM))


def test_check_data_is_json_and_details_render(tmp_path: Path) -> None:
    for case in HOSTILE.values():
        for result in run(case.data(), case.name, tmp_path).results:
            json.dumps(dict(result.data))
            assert english(result.detail)


def test_detail_can_be_stored_as_msgid_and_params_and_restored() -> None:
    detail = Detail(
        gettext_lazy("The document expired on %(date)s. Upload a current one."),
        {"date": "2026-01-01"},
    )
    restored = Detail.restore(detail.msgid, dict(detail.params))
    assert detail.msgid == "The document expired on %(date)s. Upload a current one."
    assert (
        english(restored)
        == english(detail)
        == "The document expired on 2026-01-01. Upload a current one."
    )


def test_small_photo_is_flagged_not_unreadable(tmp_path: Path) -> None:
    outcome = run(corpus.jpeg_bytes(corpus.textured_photo((640, 480))), "a.jpg", tmp_path)
    assert outcome.verdict is Verdict.FLAGGED
    assert [r.check for r in outcome.results if r.outcome is Outcome.FAIL] == ["resolution"]


def test_pdf_gets_a_clean_pdf_rendition_a_thumbnail_and_its_text_layer(tmp_path: Path) -> None:
    outcome = run(corpus.three_page_pdf(), "statement.pdf", tmp_path)
    assert outcome.rendition is not None and outcome.rendition.content_type == "application/pdf"
    assert outcome.thumbnail is not None and outcome.thumbnail.content_type == "image/jpeg"
    assert outcome.phash is None
    assert "Kaitong Trading Ltd" in outcome.ocr_text
    by_check = {r.check: (r.outcome, r.data["reason"]) for r in outcome.results}
    assert by_check["sharpness"] == (Outcome.SKIPPED, "pdf")
    assert by_check["ocr"] == (Outcome.PASS, "ok")
    assert by_check["expiry"] == (Outcome.PASS, "valid")


def test_ocr_turned_off_is_recorded_and_identifier_checks_say_why(tmp_path: Path) -> None:
    item = ItemSpec("business_licence", identity=IdentityDocument.CN_BUSINESS_LICENCE)
    outcome = run(photo(), "a.jpg", tmp_path, item)
    by_check = {r.check: (r.outcome, r.data["reason"]) for r in outcome.results}
    assert by_check["ocr"] == (Outcome.SKIPPED, "disabled")
    assert by_check["registration_number"] == (Outcome.SKIPPED, "no_text")
    assert by_check["company_name"] == (Outcome.SKIPPED, "no_text")


def test_entered_expiry_is_checked_even_without_ocr(tmp_path: Path) -> None:
    outcome = run(photo(), "a.jpg", tmp_path, entered_expiry=date(2026, 5, 10))
    expiry = outcome.results[-1]
    assert (expiry.check, expiry.outcome, expiry.data["reason"]) == (
        "expiry",
        Outcome.WARN,
        "expires_soon",
    )


def test_hashes_are_of_the_original_bytes(tmp_path: Path) -> None:
    data = photo()
    outcome = run(data, "a.jpg", tmp_path)
    assert outcome.sha256 == hashlib.sha256(data).hexdigest()
    assert outcome.phash is not None and len(outcome.phash) == 16


def test_timings_cover_each_stage_that_ran(tmp_path: Path) -> None:
    outcome = run(photo(), "a.jpg", tmp_path)
    assert set(outcome.timings_ms) == {
        "read",
        "content_type",
        "decode",
        "legibility",
        "rendition",
        "phash",
        "duplicates",
        "ocr",
        "identifiers",
        "expiry",
    }


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def _sixteen_bit_scan() -> Image.Image:
    """A full-range 16-bit greyscale gradient with text-like stripes, as scanners write."""
    ramp = np.linspace(0, 65535, 1600, dtype=np.float64)[None, :].repeat(1200, axis=0)
    ramp[::40, :] = 0
    return Image.fromarray(ramp.astype(np.uint16))


@pytest.mark.parametrize(
    ("name", "make", "rendition_mode"),
    [
        ("grey16.png", lambda: _encoded(_sixteen_bit_scan(), "PNG"), "L"),
        (
            "bilevel.png",
            lambda: _encoded(corpus.textured_photo((1600, 1200)).convert("1"), "PNG"),
            "RGB",
        ),
        (
            "palette.png",
            lambda: _encoded(corpus.textured_photo((1600, 1200)).convert("P"), "PNG"),
            "RGB",
        ),
        (
            "alpha.png",
            lambda: _encoded(corpus.textured_photo((1600, 1200)).convert("RGBA"), "PNG"),
            "RGBA",
        ),
        (
            "cmyk.jpg",
            lambda: _encoded(corpus.textured_photo((1600, 1200)).convert("CMYK"), "JPEG"),
            "RGB",
        ),
        (
            "grey.jpg",
            lambda: _encoded(corpus.textured_photo((1600, 1200)).convert("L"), "JPEG"),
            "L",
        ),
        (
            "progressive.jpg",
            lambda: _encoded(corpus.textured_photo((1600, 1200)), "JPEG", progressive=True),
            "RGB",
        ),
    ],
)
def test_genuine_images_in_unusual_modes_pass_with_a_viewable_rendition(
    name: str, make: Callable[[], bytes], rendition_mode: str, tmp_path: Path
) -> None:
    outcome = run(make(), name, tmp_path)
    assert outcome.verdict is Verdict.PASSED
    assert [r.check for r in outcome.results if r.outcome is not Outcome.PASS] == [
        "duplicates",
        "ocr",
        "expiry",  # no lookup, OCR off, no expiry needed
    ]
    assert outcome.rendition is not None
    assert Image.open(BytesIO(outcome.rendition.content)).mode == rendition_mode


def test_sixteen_bit_scan_keeps_its_tones_instead_of_turning_white(tmp_path: Path) -> None:
    outcome = run(_encoded(_sixteen_bit_scan(), "PNG"), "scan.png", tmp_path)
    assert outcome.rendition is not None
    shown = np.asarray(Image.open(BytesIO(outcome.rendition.content)))
    assert 110 < shown.mean() < 135  # a 0..65535 ramp maps to 0..255, mean ~124
