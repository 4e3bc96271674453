"""Check 8: the document is still valid, and will be for a while.

The date comes from the merchant (entered with the upload) or, failing that, from the text:
the end of a validity range ("2020年01月01日 至 2040年12月31日", "2015.03.05-2035.03.05") or a
date after an expiry word ("有效期至", "Expiry date", "Valid until"). "长期" (long-term) as the
end of a range means the document does not expire. Only year-first dates are read: in
"01/02/2030" the order of day and month cannot be known.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from onboarding.verification.base import CheckResult, JSONValue, Outcome, make_result, skipped

CHECK = "expiry"
DEFAULT_WARN_WITHIN_DAYS = 30

_DATE = r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[.\-/](\d{1,2})[.\-/](\d{1,2}))"
_RANGE = re.compile(_DATE + r"\s*(?:至|到|-|–|—|~|to)\s*(?:" + _DATE + r"|(长期))", re.IGNORECASE)
_KEYWORD = re.compile(
    r"(?:有效期至|有效期限至|截止日期|expir\w*(?:\s+date)?|valid\s+(?:until|thru|through|to))"
    r"\s*[:：]?\s*" + _DATE,
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ReadExpiry:
    """What the text says: an end date, or that there is none (长期)."""

    expires_on: date | None
    permanent: bool = False


def _to_date(groups: tuple[str | None, ...]) -> date | None:
    year, cn_month, cn_day, month, day = groups
    try:
        return date(int(year or 0), int(cn_month or month or 0), int(cn_day or day or 0))
    except ValueError:
        return None  # OCR noise such as month 13: not a date


def read_expiry(text: str) -> ReadExpiry | None:
    """The latest end date the text states, or None when it states none."""
    # NFKC: full-width digits and separators; OCR also splits "2040 年 12 月".
    normal = unicodedata.normalize("NFKC", text)
    ends: list[date] = []
    permanent = False
    for match in _RANGE.finditer(normal):
        if match.group(11):
            permanent = True
        elif (end := _to_date(match.groups()[5:10])) is not None:
            ends.append(end)
    for match in _KEYWORD.finditer(normal):
        if (end := _to_date(match.groups()[0:5])) is not None:
            ends.append(end)
    if ends:
        return ReadExpiry(max(ends))
    return ReadExpiry(None, permanent=True) if permanent else None


def check_expiry(
    *,
    entered: date | None,
    text: str | None,
    today: date,
    required: bool,
    warn_within_days: int = DEFAULT_WARN_WITHIN_DAYS,
) -> CheckResult:
    """Fail when expired, warn when it expires within `warn_within_days`; the date the
    merchant entered wins over the one read, but a disagreement between them is a warning."""
    read = read_expiry(text) if text else None
    if entered is None:
        if read is not None and read.permanent:
            return make_result(
                CHECK,
                Outcome.PASS,
                _("The document is valid with no end date (长期)."),
                reason="permanent",
                source="document",
            )
        if read is None or read.expires_on is None:
            if required:
                return make_result(
                    CHECK,
                    Outcome.FAIL,
                    _(
                        "We could not read an expiry date on the document. "
                        "Enter it with the upload."
                    ),
                    reason="missing",
                )
            return skipped(CHECK, _("This document has no expiry date to check."), "not_needed")
        return _judge(read.expires_on, "document", today, warn_within_days)

    verdict = _judge(entered, "entered", today, warn_within_days)
    if (
        verdict.outcome is Outcome.PASS
        and read is not None
        and read.expires_on not in (None, entered)
    ):
        return make_result(
            CHECK,
            Outcome.WARN,
            _(
                "You entered %(entered)s as the expiry date, but the document says %(read)s. "
                "Check the date."
            ),
            {"entered": entered.isoformat(), "read": str(read.expires_on)},
            reason="differs_from_document",
            expires_on=entered.isoformat(),
            read_on=str(read.expires_on),
            source="entered",
        )
    return verdict


def _judge(expires_on: date, source: str, today: date, warn_within_days: int) -> CheckResult:
    days_left = (expires_on - today).days
    data: dict[str, JSONValue] = {
        "expires_on": expires_on.isoformat(),
        "days_left": days_left,
        "source": source,
    }
    params: dict[str, str | int] = {"date": expires_on.isoformat(), "days": days_left}
    if days_left <= 0:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("The document expired on %(date)s. Upload a current one."),
            params,
            reason="expired",
            **data,
        )
    if days_left < warn_within_days:
        return make_result(
            CHECK,
            Outcome.WARN,
            _(
                "The document expires on %(date)s, in %(days)s days. Upload the renewed "
                "document as soon as you have it."
            ),
            params,
            reason="expires_soon",
            **data,
        )
    return make_result(
        CHECK,
        Outcome.PASS,
        _("The document is valid until %(date)s."),
        params,
        reason="valid",
        **data,
    )
