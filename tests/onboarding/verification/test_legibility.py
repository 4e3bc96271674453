"""Check 3: resolution, sharpness and exposure, on generated licences made worse on purpose."""

from __future__ import annotations

import pytest
from PIL import Image

from onboarding.verification.base import ItemSpec, Outcome
from onboarding.verification.legibility import PREVIEW_LONG_SIDE, check_legibility, grey_preview
from tests.onboarding.verification import corpus, english

LICENCE_ITEM = ItemSpec("business_licence", min_long_side_px=1000, min_short_side_px=700)


@pytest.fixture(scope="module")
def licence() -> Image.Image:
    corpus.require_cjk_font()
    return corpus.licence_image(corpus.LicenceFace(corpus.make_uscc("91310000MA1FL1XX7")))


def legibility(image: Image.Image, item: ItemSpec = LICENCE_ITEM) -> dict[str, tuple]:
    results = check_legibility(image=image, grey=grey_preview(image), item=item)
    return {r.check: (r.outcome, r.data["reason"]) for r in results}


def test_sharp_well_lit_licence_passes_all_three(licence: Image.Image) -> None:
    assert legibility(licence) == {
        "resolution": (Outcome.PASS, "ok"),
        "sharpness": (Outcome.PASS, "ok"),
        "exposure": (Outcome.PASS, "ok"),
    }


def test_slightly_blurred_licence_warns(licence: Image.Image) -> None:
    assert legibility(corpus.blurred(licence, 2))["sharpness"] == (
        Outcome.WARN,
        "slightly_blurry",
    )


def test_unreadably_blurred_licence_fails(licence: Image.Image) -> None:
    assert legibility(corpus.blurred(licence, 4))["sharpness"] == (Outcome.FAIL, "blurry")


def test_sharpness_does_not_depend_on_upload_size(licence: Image.Image) -> None:
    """The same blur relative to the page scores alike at 1600 and 3200 px wide."""
    face = corpus.LicenceFace(corpus.make_uscc("91310000MA1FL1XX7"))
    large = corpus.licence_image(face, width=3200)
    assert legibility(corpus.blurred(large, 8))["sharpness"] == (Outcome.FAIL, "blurry")
    assert legibility(large)["sharpness"] == (Outcome.PASS, "ok")


def test_photo_in_the_dark_fails_as_too_dark_and_sharpness_waits(licence: Image.Image) -> None:
    assert legibility(corpus.darkened(licence, 0.15)) == {
        "resolution": (Outcome.PASS, "ok"),
        "sharpness": (Outcome.SKIPPED, "exposure"),
        "exposure": (Outcome.FAIL, "too_dark"),
    }


def test_dim_photo_warns_as_dark(licence: Image.Image) -> None:
    assert legibility(corpus.darkened(licence, 0.3))["exposure"] == (Outcome.WARN, "dark")


def test_washed_out_photo_fails_as_too_bright(licence: Image.Image) -> None:
    assert legibility(corpus.washed_out(licence, 0.1))["exposure"] == (
        Outcome.FAIL,
        "too_bright",
    )


def test_slightly_washed_out_photo_warns_as_bright(licence: Image.Image) -> None:
    assert legibility(corpus.washed_out(licence, 0.25))["exposure"] == (Outcome.WARN, "bright")


def test_image_below_the_items_minimum_resolution_fails_in_either_orientation() -> None:
    for size in ((800, 600), (600, 800)):
        result = check_legibility(
            image=corpus.textured_photo(size),
            grey=grey_preview(corpus.textured_photo(size)),
            item=LICENCE_ITEM,
        )[0]
        assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "too_small")
        assert english(result.detail).startswith(f"The image is {size[0]} × {size[1]} pixels;")


def test_portrait_photo_meets_a_landscape_minimum() -> None:
    assert legibility(corpus.textured_photo((1000, 1400)))["resolution"] == (Outcome.PASS, "ok")


def test_blank_grey_image_shows_no_detail() -> None:
    blank = Image.new("RGB", (1600, 1200), (128, 128, 128))
    assert legibility(blank)["sharpness"] == (Outcome.FAIL, "no_detail")


def test_transparent_png_is_judged_on_white(licence: Image.Image) -> None:
    """A transparent background is paper, not a black void that reads as 'too dark'."""
    rgba = licence.convert("RGBA")
    rgba.putalpha(Image.eval(licence.convert("L"), lambda v: 0 if v > 240 else 255))
    assert legibility(rgba)["exposure"] == (Outcome.PASS, "ok")


def test_preview_long_side_is_capped_and_keeps_aspect() -> None:
    preview = grey_preview(corpus.solid_image((4000, 3000)))
    assert (preview.mode, preview.size) == ("L", (PREVIEW_LONG_SIDE, 768))
