"""What the fee engine returns: lines, months of payouts, the estimate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from payments.catalog.schema import (
    Figure,
)
from payments.fees.text import Text
from payments.money import (
    ExchangeRate,
    Money,
)


class LineKind(StrEnum):
    TRANSACTION_PERCENT = "transaction_percent"
    FIXED = "fixed"
    CROSS_BORDER = "cross_border"
    FX = "fx"
    INTERCHANGE = "interchange"
    PAYOUT = "payout"


@dataclass(frozen=True, slots=True)
class FeeLine:
    kind: LineKind
    label: Text
    detail: Text  # how the amount was computed, in words
    amount: Money | None  # None: a figure it needs is unconfirmed
    figures: tuple[Figure, ...]  # the catalog figures used, with their sources and dates


@dataclass(frozen=True, slots=True)
class PayoutMonth:
    month: int  # 1 = the first month with this provider
    withdrawals: int
    withdrawn: Money
    free_amount: Money  # covered by the free quota
    quota_left: Money | None  # after this month; None when the rule has no quota
    fees: Money


@dataclass(frozen=True, slots=True)
class Estimate:
    provider_slug: str
    schedule_id: str | None
    volume: Money
    transactions: int
    lines: tuple[FeeLine, ...]
    total: Money | None  # None when any line is unconfirmed
    known_part: Money  # sum of the lines whose amount is known
    effective_rate: Decimal | None  # percent of volume, 2 decimals
    settlement: Figure | None
    exchange_rate: ExchangeRate | None  # set when fees are published in another currency
    payout_months: tuple[PayoutMonth, ...]
    unconfirmed: tuple[Text, ...]
    notes: tuple[Text, ...]

    @property
    def confirmed(self) -> bool:
        return self.total is not None

    @property
    def settlement_days(self) -> Decimal | None:
        return self.settlement.value if self.settlement else None


@dataclass(frozen=True, slots=True)
class WithdrawalFee:
    amount: Money
    free_part: Money
    charged_part: Money
    fee: Money | None  # None when the rule is unconfirmed
    quota_left: Money | None  # after this withdrawal; None when the rule has no quota
    figures: tuple[Figure, ...]
    explanation: tuple[Text, ...]
