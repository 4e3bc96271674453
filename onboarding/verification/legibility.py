"""Check 3: could a reviewer (and OCR) read this image? Resolution, sharpness, exposure.

All three are measured on a grey preview whose long side is at most `PREVIEW_LONG_SIDE`, so
the measures mean the same for a 2 MP scan and a 12 MP photo, and cost a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy as _
from PIL import Image

from onboarding.verification.base import CheckResult, ItemSpec, Outcome, make_result, skipped
from onboarding.verification.imaging import reduced

PREVIEW_LONG_SIDE = 1024
_TILE = 32
# A tile "has detail" when its grey range spans at least this much: an edge of text or a
# border, as opposed to paper, table or sky.
_DETAIL_RANGE = 48


@dataclass(frozen=True, slots=True)
class LegibilityThresholds:
    """Calibrated on generated licences (see test_legibility.py) and Tesseract's reading of
    them: a 1600 px wide licence scores ~3300 sharp, ~170 after a Gaussian blur of radius 2
    (OCR still reads every character), ~40 at radius 3 (OCR starts confusing 1/I/L, people
    still read it) and ~12 at radius 4 (unreadable). The preview makes scores independent
    of the upload's size: the same licence at 3200 px scores the same at twice the radius.
    """

    sharpness_fail: float = 20.0
    sharpness_warn: float = 200.0
    # Exposure uses the 99th percentile (the brightest paper) for darkness and the 0.5th
    # percentile (the darkest ink) for wash-out: ink covers little of a page, paper most of it.
    dark_fail_p99: float = 60.0
    dark_warn_p99: float = 90.0
    bright_fail_p005: float = 200.0
    bright_warn_p005: float = 170.0


DEFAULT_THRESHOLDS = LegibilityThresholds()


def grey_preview(image: Image.Image) -> Image.Image:
    """A grey ('L') copy with the long side at most PREVIEW_LONG_SIDE; transparency on white.
    Accepts the full image or its `imaging.reduced` copy (cheaper, same result)."""
    grey = reduced(image, PREVIEW_LONG_SIDE).convert("L")
    if max(grey.size) > PREVIEW_LONG_SIDE:
        scale = PREVIEW_LONG_SIDE / max(grey.size)
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        grey = grey.resize(size, Image.Resampling.BILINEAR)
    return grey


def check_resolution(*, width: int, height: int, item: ItemSpec) -> CheckResult:
    long_side, short_side = max(width, height), min(width, height)
    if long_side < item.min_long_side_px or short_side < item.min_short_side_px:
        return make_result(
            "resolution",
            Outcome.FAIL,
            _(
                "The image is %(width)s × %(height)s pixels; this document needs at least "
                "%(min_long)s × %(min_short)s. Take the photo closer or scan at a higher "
                "resolution."
            ),
            {
                "width": width,
                "height": height,
                "min_long": item.min_long_side_px,
                "min_short": item.min_short_side_px,
            },
            reason="too_small",
            width=width,
            height=height,
        )
    return make_result(
        "resolution",
        Outcome.PASS,
        _("The resolution (%(width)s × %(height)s pixels) is enough."),
        {"width": width, "height": height},
        reason="ok",
        width=width,
        height=height,
    )


def sharpness_score(grey: np.ndarray) -> float | None:
    """Median Laplacian variance over the tiles that hold detail; None for a blank image.

    A whole-image variance would call a sharp but sparse page (mostly white paper) blurry,
    so only tiles with an edge in them vote.
    """
    a = grey.astype(np.float32)
    lap = a[1:-1, :-2] + a[1:-1, 2:] + a[:-2, 1:-1] + a[2:, 1:-1] - 4.0 * a[1:-1, 1:-1]
    rows, cols = lap.shape[0] // _TILE, lap.shape[1] // _TILE
    if rows == 0 or cols == 0:
        return None
    crop = (slice(0, rows * _TILE), slice(0, cols * _TILE))
    lap_tiles = lap[crop].reshape(rows, _TILE, cols, _TILE)
    grey_tiles = a[1:-1, 1:-1][crop].reshape(rows, _TILE, cols, _TILE)
    detail = (grey_tiles.max(axis=(1, 3)) - grey_tiles.min(axis=(1, 3))) >= _DETAIL_RANGE
    if not detail.any():
        return None
    return float(np.median(lap_tiles.var(axis=(1, 3))[detail]))


def check_sharpness(
    grey: np.ndarray, thresholds: LegibilityThresholds = DEFAULT_THRESHOLDS
) -> CheckResult:
    score = sharpness_score(grey)
    if score is None:
        return make_result(
            "sharpness",
            Outcome.FAIL,
            _("The image shows no readable detail. Photograph the whole document."),
            reason="no_detail",
        )
    rounded = round(score, 1)
    if score < thresholds.sharpness_fail:
        return make_result(
            "sharpness",
            Outcome.FAIL,
            _(
                "The image is too blurry to read. Hold the camera still, tap to focus, "
                "and take the photo again."
            ),
            reason="blurry",
            score=rounded,
        )
    if score < thresholds.sharpness_warn:
        return make_result(
            "sharpness",
            Outcome.WARN,
            _("The image is a little blurry; small print may be hard to read."),
            reason="slightly_blurry",
            score=rounded,
        )
    return make_result(
        "sharpness", Outcome.PASS, _("The image is sharp."), reason="ok", score=rounded
    )


def _percentiles(grey: np.ndarray, percents: tuple[float, ...]) -> list[float]:
    """Percentiles of 8-bit pixels from their histogram: a 256-bin count instead of a sort."""
    cumulative = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    total = int(cumulative[-1])
    return [float(np.searchsorted(cumulative, total * p / 100.0)) for p in percents]


def check_exposure(
    grey: np.ndarray, thresholds: LegibilityThresholds = DEFAULT_THRESHOLDS
) -> CheckResult:
    darkest_ink, brightest_paper = _percentiles(grey, (0.5, 99.0))
    data = {"p0_5": round(darkest_ink, 1), "p99": round(brightest_paper, 1)}
    if brightest_paper < thresholds.dark_fail_p99:
        return make_result(
            "exposure",
            Outcome.FAIL,
            _("The image is too dark to read. Take the photo in better light."),
            reason="too_dark",
            **data,
        )
    if darkest_ink > thresholds.bright_fail_p005:
        return make_result(
            "exposure",
            Outcome.FAIL,
            _(
                "The image is too bright: the text is washed out. Avoid direct light and "
                "glare and take the photo again."
            ),
            reason="too_bright",
            **data,
        )
    if brightest_paper < thresholds.dark_warn_p99:
        return make_result(
            "exposure",
            Outcome.WARN,
            _("The image is rather dark; some parts may be hard to read."),
            reason="dark",
            **data,
        )
    if darkest_ink > thresholds.bright_warn_p005:
        return make_result(
            "exposure",
            Outcome.WARN,
            _("The image is rather bright; faint text may be hard to read."),
            reason="bright",
            **data,
        )
    return make_result("exposure", Outcome.PASS, _("The lighting is fine."), reason="ok", **data)


def check_legibility(
    *,
    image: Image.Image,
    grey: Image.Image,
    item: ItemSpec,
    thresholds: LegibilityThresholds = DEFAULT_THRESHOLDS,
) -> tuple[CheckResult, CheckResult, CheckResult]:
    """Resolution, sharpness, exposure. `image` gives the true size; `grey` is its preview."""
    pixels = np.asarray(grey)
    exposure = check_exposure(pixels, thresholds)
    if exposure.outcome is Outcome.FAIL:
        # Crushed or washed-out pixels have no edges left to measure: "blurry" or "no
        # detail" would send the merchant to fix the wrong thing.
        sharpness = skipped(
            "sharpness",
            _("Sharpness is checked once the lighting is fixed."),
            "exposure",
        )
    else:
        sharpness = check_sharpness(pixels, thresholds)
    return (
        check_resolution(width=image.width, height=image.height, item=item),
        sharpness,
        exposure,
    )
