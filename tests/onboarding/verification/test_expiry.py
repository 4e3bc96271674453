"""Check 8: expiry dates, entered or read, against today and a warning window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from onboarding.verification.base import Outcome
from onboarding.verification.expiry import ReadExpiry, check_expiry, read_expiry
from tests.onboarding.verification import english

TODAY = date(2026, 5, 1)


def expiry(
    entered: date | None = None,
    text: str | None = None,
    *,
    required: bool = True,
    warn_within_days: int = 30,
):
    result = check_expiry(
        entered=entered,
        text=text,
        today=TODAY,
        required=required,
        warn_within_days=warn_within_days,
    )
    return result.outcome, result.data["reason"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("营业期限 2020年01月01日 至 2040年12月31日", ReadExpiry(date(2040, 12, 31))),
        ("营业 期 限 2020 年 01 月 01 日 至 2040 年 12 月 31 日", ReadExpiry(date(2040, 12, 31))),
        ("营业期限 2020年01月01日 至 长期", ReadExpiry(None, permanent=True)),
        ("有效期限 2015.03.05-2035.03.05", ReadExpiry(date(2035, 3, 5))),
        ("有效期限 ２０１５.０３.０５－２０３５.０３.０５", ReadExpiry(date(2035, 3, 5))),
        ("Expiry date: 2030-01-31", ReadExpiry(date(2030, 1, 31))),
        ("VALID UNTIL 2031/02/03", ReadExpiry(date(2031, 2, 3))),
        ("有效期至 2029年6月30日", ReadExpiry(date(2029, 6, 30))),
    ],
)
def test_expiry_is_read_from_ranges_and_expiry_words(text: str, expected: ReadExpiry) -> None:
    assert read_expiry(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "成立日期 2020年01月01日",  # a date, but not an end date
        "Expiry date: 31/01/2030",  # day-first: day and month order cannot be known
        "营业期限 2020年01月01日 至 2040年13月31日",  # OCR noise: month 13
        "",
    ],
)
def test_text_without_a_readable_end_date_gives_none(text: str) -> None:
    assert read_expiry(text) is None


def test_latest_end_date_wins_when_several_are_printed() -> None:
    text = "2010.01.01-2020.01.01\n2020.01.01-2040.01.01"
    assert read_expiry(text) == ReadExpiry(date(2040, 1, 1))


def test_entered_date_far_ahead_passes() -> None:
    assert expiry(date(2030, 1, 1)) == (Outcome.PASS, "valid")


def test_entered_date_in_the_past_fails() -> None:
    assert expiry(date(2026, 4, 30)) == (Outcome.FAIL, "expired")


def test_document_expiring_today_has_expired() -> None:
    assert expiry(TODAY) == (Outcome.FAIL, "expired")


def test_document_expiring_within_30_days_warns() -> None:
    assert expiry(TODAY + timedelta(days=29)) == (Outcome.WARN, "expires_soon")


def test_document_expiring_in_exactly_30_days_passes() -> None:
    assert expiry(TODAY + timedelta(days=30)) == (Outcome.PASS, "valid")


def test_warning_window_is_a_parameter() -> None:
    assert expiry(TODAY + timedelta(days=45), warn_within_days=60) == (
        Outcome.WARN,
        "expires_soon",
    )


def test_expiring_soon_says_when_in_plain_words() -> None:
    result = check_expiry(entered=TODAY + timedelta(days=10), text=None, today=TODAY, required=True)
    assert english(result.detail) == (
        "The document expires on 2026-05-11, in 10 days. Upload the renewed document as soon "
        "as you have it."
    )
    assert (result.data["days_left"], result.data["source"]) == (10, "entered")


def test_date_read_from_the_document_is_used_when_none_was_entered() -> None:
    result = check_expiry(
        entered=None,
        text="至 2026年05月20日 有效期限 2016.05.20-2026.05.20",
        today=TODAY,
        required=True,
    )
    assert (result.outcome, result.data["reason"], result.data["source"]) == (
        Outcome.WARN,
        "expires_soon",
        "document",
    )


def test_expired_document_read_by_ocr_fails() -> None:
    assert expiry(text="有效期限 2005.03.05-2025.03.05") == (Outcome.FAIL, "expired")


def test_long_term_licence_passes_without_an_entered_date() -> None:
    assert expiry(text="营业期限 2020年01月01日 至 长期") == (Outcome.PASS, "permanent")


def test_entered_date_differing_from_the_documents_warns() -> None:
    assert expiry(date(2041, 1, 1), "营业期限 2020年01月01日 至 2040年12月31日") == (
        Outcome.WARN,
        "differs_from_document",
    )


def test_entered_date_agreeing_with_the_document_passes() -> None:
    assert expiry(date(2040, 12, 31), "营业期限 2020年01月01日 至 2040年12月31日") == (
        Outcome.PASS,
        "valid",
    )


def test_an_expired_entered_date_fails_even_if_the_document_disagrees() -> None:
    assert expiry(date(2020, 1, 1), "至 2040年12月31日") == (Outcome.FAIL, "expired")


def test_required_expiry_that_nobody_can_find_fails_asking_for_it() -> None:
    assert expiry(text="营业执照") == (Outcome.FAIL, "missing")
    assert expiry(text=None) == (Outcome.FAIL, "missing")


def test_document_that_needs_no_expiry_is_skipped() -> None:
    assert expiry(text="hello", required=False) == (Outcome.SKIPPED, "not_needed")


def test_document_that_needs_no_expiry_is_still_judged_when_a_date_is_given() -> None:
    assert expiry(date(2026, 1, 1), required=False) == (Outcome.FAIL, "expired")
