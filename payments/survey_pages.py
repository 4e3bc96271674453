"""The survey's pages, in order: what each asks and when it counts as answered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payments.models import Survey


@dataclass(frozen=True)
class SurveyPage:
    key: str
    title: Promise
    intro: Promise
    is_answered: Callable[[Survey], bool]


PAGES: tuple[SurveyPage, ...] = (
    SurveyPage(
        "market",
        _("Your business"),
        _("Where your business is registered and the currency you sell in."),
        lambda s: bool(s.merchant_country and s.currency),
    ),
    SurveyPage(
        "customers",
        _("Your customers"),
        _("Where your customers are. The shares must add up to 100%."),
        # .all() uses the prefetched rows when there are some.
        lambda s: s.cross_border_share is not None and bool(s.regions.all()),
    ),
    SurveyPage(
        "channels",
        _("How you sell"),
        _("Where customers pay you, and the wallets they already use."),
        lambda s: bool(s.channels),
    ),
    SurveyPage(
        "volume",
        _("Volume and payouts"),
        _("How much you expect to sell, how often you want your money, what matters most."),
        lambda s: (
            s.monthly_volume is not None
            and s.average_ticket is not None
            and bool(s.payout_frequency)
        ),
    ),
)
PAGE_KEYS = tuple(page.key for page in PAGES)


def page_for(key: str) -> SurveyPage | None:
    return next((page for page in PAGES if page.key == key), None)


def missing_pages(survey: Survey | None) -> list[SurveyPage]:
    if survey is None:
        return list(PAGES)
    return [page for page in PAGES if not page.is_answered(survey)]


def next_page(survey: Survey | None, after: str | None = None) -> SurveyPage | None:
    """The page to show next: the one after ``after``, else the first unanswered one."""
    if after is not None and after in PAGE_KEYS:
        index = PAGE_KEYS.index(after) + 1
        if index < len(PAGES):
            return PAGES[index]
    missing = missing_pages(survey)
    return missing[0] if missing else None
