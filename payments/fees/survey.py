"""What the market survey tells the fee engine, checked on the way in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from payments.catalog.schema import (
    Channel,
)
from payments.fees.text import Text, format_percent, interpolate
from payments.money import (
    Money,
    is_known_currency,
    is_whole_minor_units,
)

MAX_PAYOUTS_PER_MONTH = 31
# Far above any merchant and far below Decimal's 28-digit precision, so that no product in
# the fee engine is ever rounded by the Decimal context instead of by our rules.
MAX_MONTHLY_VOLUME = Decimal("1e13")
HUNDRED = Decimal(100)
_CODE = re.compile(r"[A-Z]{2}")


class Priority(StrEnum):
    LOWEST_COST = "lowest_cost"
    FASTEST_SETTLEMENT = "fastest_settlement"
    WIDEST_REACH = "widest_reach"
    BEST_SUPPORT = "best_support"


PRIORITY_LABELS: Mapping[Priority, Text] = MappingProxyType(
    {
        Priority.LOWEST_COST: _("lowest cost"),
        Priority.FASTEST_SETTLEMENT: _("fastest settlement"),
        Priority.WIDEST_REACH: _("widest reach"),
        Priority.BEST_SUPPORT: _("best support"),
    }
)


class SurveyError(ValueError):
    """Survey facts that cannot be estimated; ``message`` is translatable and says how to fix."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


def _is_code(value: object) -> bool:
    """An ISO 3166 alpha-2 shape: two ASCII capital letters."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def _is_share(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and 0 <= value <= HUNDRED


@dataclass(frozen=True, slots=True)
class SurveyFacts:
    """What the market survey tells the engine. Shares are percentages (0-100)."""

    merchant_country: str  # ISO 3166 alpha-2, e.g. "CN"
    currency: str  # the merchant's currency; volume and ticket are in it
    monthly_volume: Money
    average_ticket: Money
    region_shares: Mapping[str, Decimal]  # customer region -> % of customers; adds up to 100
    channels: frozenset[Channel]
    payouts_per_month: int
    cross_border_share: Decimal = Decimal(0)  # % of volume paid by customers abroad
    wallet_shares: Mapping[str, Decimal] = field(default_factory=dict)  # wallet -> % who use it
    priorities: frozenset[Priority] = frozenset()

    def __post_init__(self) -> None:
        self._check_money()
        self._check_shares()
        if not self.channels or not all(isinstance(c, Channel) for c in self.channels):
            raise SurveyError(_("Choose at least one sales channel."))
        if not all(isinstance(p, Priority) for p in self.priorities):
            raise SurveyError(_("Unknown priority."))
        count = self.payouts_per_month
        if isinstance(count, bool) or not isinstance(count, int):
            raise SurveyError(_("Payouts per month must be a whole number."))
        if not 0 <= count <= MAX_PAYOUTS_PER_MONTH:
            raise SurveyError(
                interpolate(
                    _("Payouts per month must be from 0 to %(max)s."), max=MAX_PAYOUTS_PER_MONTH
                )
            )

    def _check_money(self) -> None:
        if not _is_code(self.merchant_country):
            raise SurveyError(_("Choose your country or region: two capital letters, such as CN."))
        if not is_known_currency(self.currency):
            raise SurveyError(interpolate(_("Unknown currency %(code)s."), code=self.currency))
        for amount, what in (
            (self.monthly_volume, _("monthly volume")),
            (self.average_ticket, _("average ticket")),
        ):
            if not isinstance(amount, Money) or amount.currency != self.currency:
                raise SurveyError(
                    interpolate(
                        _("Give the %(what)s in %(currency)s."), what=what, currency=self.currency
                    )
                )
            if amount.amount <= 0:
                raise SurveyError(interpolate(_("The %(what)s must be above zero."), what=what))
            if amount.amount > MAX_MONTHLY_VOLUME:
                raise SurveyError(interpolate(_("The %(what)s is too large."), what=what))
            if not is_whole_minor_units(amount.amount, self.currency):
                raise SurveyError(
                    interpolate(
                        _("The %(what)s has more decimals than %(currency)s allows."),
                        what=what,
                        currency=self.currency,
                    )
                )
        if self.average_ticket.amount > self.monthly_volume.amount:
            raise SurveyError(_("The average ticket cannot be larger than the monthly volume."))

    def _check_shares(self) -> None:
        if not _is_share(self.cross_border_share):
            raise SurveyError(_("The cross-border share must be a percentage from 0 to 100."))
        if not self.region_shares:
            raise SurveyError(_("Say where your customers are."))
        for code, share in self.region_shares.items():
            if not _is_code(code):
                raise SurveyError(interpolate(_("Unknown region %(code)s."), code=code))
            if not _is_share(share) or share == 0:
                raise SurveyError(_("Each region's share must be a percentage above 0."))
        total = sum(self.region_shares.values(), Decimal(0))
        if total != HUNDRED:
            raise SurveyError(
                interpolate(
                    _("Your customers' regions add up to %(total)s%%; they must add up to 100%%."),
                    total=format_percent(total),
                )
            )
        for share in self.wallet_shares.values():
            if not _is_share(share):
                raise SurveyError(_("Each wallet's share must be a percentage from 0 to 100."))

    @property
    def transactions(self) -> int:
        """Payments a month: volume / ticket, half-up to a whole number, at least 1."""
        ratio = self.monthly_volume.amount / self.average_ticket.amount
        return max(1, int(ratio.to_integral_value(rounding=ROUND_HALF_UP)))
