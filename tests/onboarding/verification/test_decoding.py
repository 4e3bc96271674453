"""Check 2: images decode fully within a pixel budget; PDFs parse and carry no active content."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onboarding.verification.base import FileFormat, Outcome
from onboarding.verification.decoding import DecodedImage, DecodedPdf, check_decode
from tests.onboarding.verification import corpus, english

REPO = Path(__file__).resolve().parents[3]
MB = 1024 * 1024

# Runs in a fresh interpreter: the test process has long since peaked higher than anything
# measured here. Growth is the peak RSS after (VmHWM) minus the RSS before (VmRSS), with the
# peak reset first through /proc/self/clear_refs where the kernel allows; elsewhere it falls
# back to getrusage's lifetime peak, which can only under-report.
_MEASURE = textwrap.dedent(
    """
    import json, resource, sys, tracemalloc
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import tests.onboarding.verification  # settings for the lazy messages
    from onboarding.verification.base import ItemSpec, MerchantFacts, VerificationInput
    from onboarding.verification.pipeline import VerificationOptions, verify_document
    from PIL import Image

    path, mode = Path(sys.argv[2]), sys.argv[3]
    facts = MerchantFacts("CN", "x", "x")
    options = VerificationOptions(ocr=None)
    # Warm up: plugins and numpy load lazily; their memory is not the file's.
    warm = Path(sys.argv[4])
    verify_document(VerificationInput(warm, "w.png", ItemSpec("t"), facts), options=options)

    def status_kb(field):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise LookupError(field)

    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
        before = status_kb("VmRSS")
        peak_kb = lambda: status_kb("VmHWM")
    except OSError:
        peak_kb = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        before = peak_kb()
    tracemalloc.start()
    if mode == "pipeline":
        outcome = verify_document(
            VerificationInput(path, "huge.png", ItemSpec("t"), facts), options=options
        )
        decode = next(r for r in outcome.results if r.check == "decode")
        verdict = [decode.outcome.value, decode.data.get("reason")]
    else:  # control: decode with every guard off, to prove the meter sees real decoding
        Image.MAX_IMAGE_PIXELS = None
        with Image.open(path) as image:
            image.load()
        verdict = None
    traced_peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"rss_growth_kb": peak_kb() - before, "traced_peak": traced_peak,
                      "verdict": verdict}))
    """
)


def _measure(path: Path, mode: str, tmp_path: Path) -> dict:
    warm = tmp_path / "warm.png"
    warm.write_bytes(corpus.png_bytes(corpus.textured_photo((64, 64))))
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(REPO), str(path), mode, str(warm)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def test_20000_by_20000_png_is_a_tiny_file(tmp_path: Path) -> None:
    assert len(corpus.bomb_png()) < 100 * 1024


def test_20000_by_20000_png_is_refused_before_decoding_using_under_200_mb(
    tmp_path: Path,
) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(corpus.bomb_png())
    measured = _measure(bomb, "pipeline", tmp_path)
    assert measured["verdict"] == ["fail", "pixel_budget"]
    assert measured["rss_growth_kb"] * 1024 < 200 * MB
    assert measured["traced_peak"] < 200 * MB


def test_memory_meter_sees_a_real_decode(tmp_path: Path) -> None:
    """Control for the test above: an 8000×8000 decode (64 MB of pixels) must register, or
    a passing bomb test would prove nothing."""
    big = tmp_path / "big.png"
    big.write_bytes(corpus.bomb_png(8000, 8000))
    measured = _measure(big, "control", tmp_path)
    assert measured["rss_growth_kb"] * 1024 > 50 * MB


def test_bomb_is_refused_with_the_pixel_limit_in_plain_words() -> None:
    result, decoded = check_decode(data=corpus.bomb_png(), file_format=FileFormat.PNG)
    assert (result.outcome, result.data["reason"], decoded) == (Outcome.FAIL, "pixel_budget", None)
    assert english(result.detail) == (
        "The image has too many pixels to process safely (limit 40 megapixels). "
        "Upload a normal photo or scan."
    )


def test_image_over_our_budget_but_under_pillows_limit_is_refused_from_its_header() -> None:
    png = corpus.bomb_png(7000, 7000)  # 49 MP: Pillow alone would decode it silently
    result, _ = check_decode(data=png, file_format=FileFormat.PNG)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "pixel_budget")
    assert (result.data["width"], result.data["height"]) == (7000, 7000)


def test_pixel_budget_is_a_parameter() -> None:
    png = corpus.png_bytes(corpus.textured_photo((400, 300)))
    refused, _ = check_decode(data=png, file_format=FileFormat.PNG, pixel_budget=100_000)
    allowed, _ = check_decode(data=png, file_format=FileFormat.PNG, pixel_budget=120_000)
    assert (refused.outcome, allowed.outcome) == (Outcome.FAIL, Outcome.PASS)


def test_truncated_jpeg_fails_as_damaged() -> None:
    result, decoded = check_decode(data=corpus.truncated_jpeg(), file_format=FileFormat.JPEG)
    assert (result.outcome, result.data["reason"], decoded) == (Outcome.FAIL, "damaged", None)
    assert result.data["error"] == "OSError"


def test_png_bytes_are_not_opened_as_jpeg() -> None:
    """Only the sniffed format's decoder may run (Pillow's `formats=`)."""
    png = corpus.png_bytes(corpus.textured_photo((64, 64)))
    result, _ = check_decode(data=png, file_format=FileFormat.JPEG)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "damaged")


def test_whole_jpeg_decodes_with_its_size() -> None:
    jpeg = corpus.jpeg_bytes(corpus.textured_photo((640, 480)))
    result, decoded = check_decode(data=jpeg, file_format=FileFormat.JPEG)
    assert (result.outcome, result.data["width"], result.data["height"]) == (Outcome.PASS, 640, 480)
    assert isinstance(decoded, DecodedImage)


def test_three_page_pdf_parses_and_counts_its_pages() -> None:
    result, decoded = check_decode(data=corpus.three_page_pdf(), file_format=FileFormat.PDF)
    assert (result.outcome, result.data["pages"]) == (Outcome.PASS, 3)
    assert isinstance(decoded, DecodedPdf)


@pytest.mark.parametrize(
    ("pdf", "found"),
    [
        (corpus.pdf_with_javascript_open_action(), ["javascript", "open_action"]),
        (corpus.pdf_with_launch_action(), ["launch", "open_action"]),
        (corpus.pdf_with_page_additional_actions(), ["additional_actions"]),
        (corpus.pdf_with_embedded_file(), ["embedded_files"]),
        (corpus.pdf_with_launch_hidden_behind_a_reference(), ["launch"]),
    ],
    ids=["javascript-openaction", "launch", "page-aa", "embedded-file", "launch-by-reference"],
)
def test_pdf_with_active_content_is_refused_naming_what_it_found(
    pdf: bytes, found: list[str]
) -> None:
    result, decoded = check_decode(data=pdf, file_format=FileFormat.PDF)
    assert (result.outcome, result.data["reason"], decoded) == (
        Outcome.FAIL,
        "active_content",
        None,
    )
    assert result.data["found"] == found


def test_pdf_opening_on_its_first_page_is_not_active_content() -> None:
    result, _ = check_decode(data=corpus.pdf_with_goto_open_action(), file_format=FileFormat.PDF)
    assert result.outcome is Outcome.PASS


def test_pdf_with_a_web_link_is_accepted() -> None:
    result, _ = check_decode(data=corpus.pdf_with_link_annotation(), file_format=FileFormat.PDF)
    assert result.outcome is Outcome.PASS


def test_encrypted_pdf_is_refused() -> None:
    result, _ = check_decode(data=corpus.encrypted_pdf(), file_format=FileFormat.PDF)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "encrypted")


def test_pdf_header_with_garbage_fails_as_damaged() -> None:
    result, _ = check_decode(data=b"%PDF-1.7\n" + b"\x00garbage" * 100, file_format=FileFormat.PDF)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "damaged")


def test_pdf_with_more_pages_than_allowed_is_refused() -> None:
    result, _ = check_decode(
        data=corpus.three_page_pdf(), file_format=FileFormat.PDF, max_pdf_pages=2
    )
    assert (result.outcome, result.data["reason"], result.data["pages"]) == (
        Outcome.FAIL,
        "too_many_pages",
        3,
    )
