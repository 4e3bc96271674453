"""Find China's USCC (统一社会信用代码) and resident ID numbers (居民身份证号码) in OCR text.

OCR noise handled: spaces inside the number, full-width characters, lower case, and the
letters O and I read for the digits 0 and 1. Neither letter exists in either alphabet, so
replacing them can only repair a number; a repaired number is still only accepted when its
check character is right. Nothing else is "corrected": a code that does not validate is
reported as read, so a forged or mistyped check character is never silently fixed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

USCC_LENGTH = 18
RIC_LENGTH = 18
_OCR_REPAIRS = str.maketrans({"O": "0", "I": "1"})
_USCC_RUN = re.compile(r"[0-9A-Z]+")
_RIC_RUN = re.compile(r"[0-9X]+")

# Characters Tesseract mixes up on printed documents. Used only to tell "the number on the
# document is wrong" from "we misread the right number", never to change a number.
_LOOKALIKES: tuple[frozenset[str], ...] = tuple(
    frozenset(group)
    for group in ("0OQD", "1ILTJ", "2Z", "5S", "6GEB", "7T", "8B", "4A", "UV", "9G")
)


@dataclass(frozen=True, slots=True)
class InvalidNumber:
    number: str  # as read (after the O/I repair)
    reason: str  # "check_character" or "component" (ID: impossible birth date or region)
    expected_check: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    valid: list[str] = field(default_factory=list)
    invalid: list[InvalidNumber] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """NFKC (full-width ０-９ and Ａ-Ｚ become ASCII) and upper case."""
    return unicodedata.normalize("NFKC", text).upper()


def _runs(text: str, pattern: re.Pattern[str]) -> Iterator[str]:
    """Candidate runs per line, with the line's spaces removed first: OCR splits numbers
    ('9131 0000 MA1F...') but a number never continues on the next line."""
    for line in normalise_text(text).splitlines():
        squeezed = "".join(line.split()).translate(_OCR_REPAIRS)
        yield from pattern.findall(squeezed)


def _find(
    text: str,
    pattern: re.Pattern[str],
    length: int,
    validate: Callable[[str], str],
    check_character: Callable[[str], str],
) -> Found:
    found = Found()
    for run in _runs(text, pattern):
        if len(run) == length:
            try:
                validate(run)
            except InvalidChecksum:
                found.invalid.append(InvalidNumber(run, "check_character", check_character(run)))
            except InvalidComponent:
                found.invalid.append(InvalidNumber(run, "component"))
            except ValidationError:
                continue  # not shaped like this kind of number at all
            else:
                found.valid.append(run)
        elif len(run) > length:
            # OCR can glue a neighbouring token on; only a window that validates counts.
            for start in range(len(run) - length + 1):
                window = run[start : start + length]
                try:
                    validate(window)
                except ValidationError:
                    continue
                found.valid.append(window)
    return Found(_unique(found.valid), _unique(found.invalid))


def _unique[T](items: list[T]) -> list[T]:
    return list(dict.fromkeys(items))


def find_uscc(text: str) -> Found:
    return _find(text, _USCC_RUN, USCC_LENGTH, uscc.validate, uscc.calc_check_digit)


def find_ric(text: str) -> Found:
    # ric.calc_check_digit expects the full number and ignores its last character.
    return _find(text, _RIC_RUN, RIC_LENGTH, ric.validate, ric.calc_check_digit)


def looks_like_misread(read: str, expected: str, *, max_differences: int = 4) -> bool:
    """True when `read` differs from `expected` only by a few look-alike characters, i.e.
    it is more likely our OCR misread `expected` than that the document shows another number."""
    if len(read) != len(expected):
        return False
    differences = [(a, b) for a, b in zip(read, expected, strict=True) if a != b]
    return 0 < len(differences) <= max_differences and all(
        any(a in group and b in group for group in _LOOKALIKES) for a, b in differences
    )


def mask(number: str) -> str:
    """An ID number as reviewers' logs may show it: region and last four only."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
