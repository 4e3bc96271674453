"""Check 6: Tesseract through a subprocess; missing OCR is 'skipped', never a failure."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from onboarding.verification.base import FileFormat, Outcome
from onboarding.verification.decoding import DecodedPdf, check_decode
from onboarding.verification.ocr import OcrConfig, ScannedPdf, read_image_text, read_pdf_text
from onboarding.verification.pdf_pages import PdfRenderer
from tests.onboarding.verification import corpus, english


def fake_tesseract(tmp_path: Path, body: str) -> str:
    """A stand-in binary that lists both languages and then does `body` when asked to read."""
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--list-langs" ]; then\n'
        '  echo "List of available languages in \\"/fake/\\" (2):"; echo chi_sim; echo eng\n'
        "  exit 0\n"
        "fi\n" + body + "\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def tiny_jpeg() -> bytes:
    return corpus.jpeg_bytes(corpus.textured_photo((64, 64)))


def test_missing_binary_is_recorded_as_ocr_not_installed() -> None:
    run = read_image_text(
        tiny_jpeg(), OcrConfig(binary="/nonexistent/tesseract"), text_expected=True
    )
    assert (run.result.outcome, run.result.data["reason"], run.text) == (
        Outcome.SKIPPED,
        "not_installed",
        "",
    )
    assert english(run.result.detail) == "Skipped: OCR not installed."


def test_missing_language_data_is_recorded_as_ocr_not_installed(tmp_path: Path) -> None:
    corpus.require_ocr_environment()
    empty = tmp_path / "tessdata"
    empty.mkdir()
    run = read_image_text(tiny_jpeg(), OcrConfig(tessdata_dir=empty), text_expected=True)
    assert (run.result.outcome, run.result.data["reason"]) == (Outcome.SKIPPED, "not_installed")
    assert run.result.data["missing_languages"] == ["eng", "chi_sim"]


def test_ocr_that_runs_past_its_timeout_is_stopped_and_warned_about(tmp_path: Path) -> None:
    binary = fake_tesseract(tmp_path, "sleep 10")
    run = read_image_text(tiny_jpeg(), OcrConfig(binary=binary, timeout_s=0.5), text_expected=True)
    assert (run.result.outcome, run.result.data["reason"], run.text) == (
        Outcome.WARN,
        "timeout",
        "",
    )


def test_ocr_that_exits_with_an_error_is_warned_about_with_its_message(tmp_path: Path) -> None:
    binary = fake_tesseract(tmp_path, 'echo "Error in pixReadMem" >&2; exit 1')
    run = read_image_text(tiny_jpeg(), OcrConfig(binary=binary), text_expected=True)
    assert (run.result.outcome, run.result.data["reason"]) == (Outcome.WARN, "ocr_error")
    assert "pixReadMem" in str(run.result.data["stderr"])


def test_ocr_sends_the_image_on_stdin_with_both_languages(tmp_path: Path) -> None:
    binary = fake_tesseract(tmp_path, 'echo "args: $*"; wc -c')
    image = tiny_jpeg()
    run = read_image_text(image, OcrConfig(binary=binary), text_expected=True)
    assert run.text.splitlines()[0] == "args: stdin stdout -l eng+chi_sim"
    assert int(run.text.splitlines()[1]) == len(image)
    assert run.result.outcome is Outcome.PASS


def test_no_text_on_a_document_that_needs_text_warns(tmp_path: Path) -> None:
    binary = fake_tesseract(tmp_path, "printf ' \\n\\f'")
    needed = read_image_text(tiny_jpeg(), OcrConfig(binary=binary), text_expected=True)
    photo = read_image_text(tiny_jpeg(), OcrConfig(binary=binary), text_expected=False)
    assert (needed.result.outcome, needed.result.data["reason"]) == (Outcome.WARN, "no_text")
    assert (photo.result.outcome, english(photo.result.detail)) == (Outcome.PASS, "No text found.")


def test_tesseract_reads_a_generated_chinese_licence() -> None:
    corpus.require_ocr_environment()
    code = corpus.make_uscc("91310000MA1FL1XX7")
    image = corpus.jpeg_bytes(corpus.licence_image(corpus.LicenceFace(code)))
    run = read_image_text(image, OcrConfig(), text_expected=True)
    squeezed = "".join(run.text.split())
    assert run.result.outcome is Outcome.PASS
    assert code in squeezed and "上海开通科技有限公司" in squeezed
    assert run.result.data["characters"] == len(squeezed)


@pytest.mark.parametrize("languages", [("eng",), ("eng", "chi_sim")])
def test_languages_are_configurable(tmp_path: Path, languages: tuple[str, ...]) -> None:
    binary = fake_tesseract(tmp_path, 'echo "$4"')
    run = read_image_text(
        tiny_jpeg(), OcrConfig(binary=binary, languages=languages), text_expected=True
    )
    assert run.text.strip() == "+".join(languages)


def _scanned_licence_pdf(code: str) -> tuple[bytes, DecodedPdf]:
    pdf = corpus.scanned_pdf(corpus.licence_image(corpus.LicenceFace(code)), dpi=150)
    _, decoded = check_decode(data=pdf, file_format=FileFormat.PDF)
    assert isinstance(decoded, DecodedPdf)
    return pdf, decoded


def test_scanned_pdf_without_text_layer_is_read_from_its_rendered_first_page() -> None:
    corpus.require_ocr_environment()
    code = corpus.make_uscc("91310000MA1FL1XX7")
    pdf, decoded = _scanned_licence_pdf(code)
    scan = ScannedPdf(pdf, OcrConfig(), PdfRenderer())
    run = read_pdf_text(decoded.reader, text_expected=True, scan=scan)
    assert run.result.outcome is Outcome.PASS
    assert code in "".join(run.text.split())


def test_scanned_pdf_without_pdftoppm_is_skipped_with_the_reason() -> None:
    pdf, decoded = _scanned_licence_pdf(corpus.make_uscc("91310000MA1FL1XX7"))
    scan = ScannedPdf(pdf, OcrConfig(), PdfRenderer(binary="/nonexistent/pdftoppm"))
    run = read_pdf_text(decoded.reader, text_expected=True, scan=scan)
    assert (run.result.outcome, run.result.data["reason"], run.text) == (
        Outcome.SKIPPED,
        "pdf_renderer_not_installed",
        "",
    )
    assert "pdftoppm not installed" in english(run.result.detail)
