"""Payouts to the bank: the withdrawal rule, the free quota month by month, one withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from payments.catalog.schema import (
    PayoutRule,
    QuotaPeriod,
)
from payments.fees.results import PayoutMonth, WithdrawalFee
from payments.fees.survey import HUNDRED
from payments.fees.text import Text, format_percent, interpolate, join_text
from payments.money import (
    CurrencyError,
    ExchangeRate,
    Money,
    is_whole_minor_units,
    quantum,
    round_to_minor_unit,
)

ESTIMATE_MONTHS = 12


@dataclass(frozen=True, slots=True)
class _PayoutTerms:
    """A payout rule with every amount already in the merchant's currency."""

    currency: str
    percent: Decimal
    fixed: Decimal
    minimum: Decimal | None
    maximum: Decimal | None
    quota: Decimal | None
    period: QuotaPeriod | None

    def fee_on(self, charged: Decimal) -> Decimal:
        """Fee of one withdrawal whose part above the free quota is ``charged``."""
        if charged <= 0:
            return Decimal(0)
        fee = charged * self.percent / HUNDRED + self.fixed
        if self.minimum is not None:
            fee = max(fee, self.minimum)
        if self.maximum is not None:
            fee = min(fee, self.maximum)
        return round_to_minor_unit(fee, self.currency)

    @property
    def free(self) -> bool:
        return self.percent == 0 and self.fixed == 0 and not self.minimum


def _payout_terms(
    rule: PayoutRule, currency: str, rate: ExchangeRate | None
) -> _PayoutTerms | None:
    """The rule in ``currency``; None when a figure is unconfirmed or cannot be converted."""
    if not rule.known or rule.percent.value is None or rule.fixed.value is None:
        return None

    def convert(value: Decimal) -> Decimal | None:
        return _in_currency(value, rule.currency, currency, rate)

    optional: dict[str, Decimal | None] = {}
    for name, figure in (
        ("minimum", rule.minimum),
        ("maximum", rule.maximum),
        ("quota", rule.free_quota),
    ):
        optional[name] = None
        if figure is not None and figure.value is not None:
            optional[name] = convert(figure.value)
            if optional[name] is None:
                return None
    fixed = convert(rule.fixed.value)
    if fixed is None:
        return None
    return _PayoutTerms(
        currency=currency,
        percent=rule.percent.value,
        fixed=fixed,
        minimum=optional["minimum"],
        maximum=optional["maximum"],
        quota=optional["quota"],
        period=rule.free_quota_period,
    )


def _payout_months(volume: Money, per_month: int, terms: _PayoutTerms) -> tuple[PayoutMonth, ...]:
    currency = volume.currency
    unit = quantum(currency)
    base, extra = divmod(int(volume.amount / unit), per_month)
    # The first ``extra`` withdrawals carry one more minor unit, so the parts sum to the volume.
    groups = [
        (n, size * unit) for n, size in ((extra, base + 1), (per_month - extra, base)) if n and size
    ]
    count = sum(n for n, _size in groups)
    quota_left = terms.quota
    months: list[PayoutMonth] = []
    while len(months) < ESTIMATE_MONTHS:
        if terms.period is QuotaPeriod.MONTH:
            quota_left = terms.quota
        quota_at_start = quota_left
        fees = free = Decimal(0)
        for n, size in groups:
            remaining = n
            if quota_left:
                fully_free = min(remaining, int(quota_left // size))
                free += fully_free * size
                quota_left -= fully_free * size
                remaining -= fully_free
                if remaining and quota_left:
                    fees += terms.fee_on(size - quota_left)
                    free += quota_left
                    quota_left = Decimal(0)
                    remaining -= 1
            fees += remaining * terms.fee_on(size)
        month = PayoutMonth(
            month=len(months) + 1,
            withdrawals=count,
            withdrawn=volume,
            free_amount=Money(free, currency),
            quota_left=None if quota_left is None else Money(quota_left, currency),
            fees=Money(fees, currency),
        )
        months.append(month)
        if quota_left == quota_at_start or terms.period is QuotaPeriod.MONTH:
            # Nothing changes from one month to the next any more: the rest are the same.
            months.extend(
                PayoutMonth(
                    month=i,
                    withdrawals=month.withdrawals,
                    withdrawn=month.withdrawn,
                    free_amount=month.free_amount,
                    quota_left=month.quota_left,
                    fees=month.fees,
                )
                for i in range(len(months) + 1, ESTIMATE_MONTHS + 1)
            )
    return tuple(months)


def _describe_payout_rule(terms: _PayoutTerms) -> Text:
    parts: list[Text] = [interpolate(_("%(percent)s%%"), percent=format_percent(terms.percent))]
    if terms.fixed:
        parts.append(interpolate(_("plus %(fixed)s"), fixed=Money(terms.fixed, terms.currency)))
    if terms.minimum:
        parts.append(
            interpolate(_("minimum %(amount)s"), amount=Money(terms.minimum, terms.currency))
        )
    if terms.maximum is not None:
        parts.append(
            interpolate(_("maximum %(amount)s"), amount=Money(terms.maximum, terms.currency))
        )
    if terms.quota:
        template = (
            _("first %(quota)s free for life")
            if terms.period is QuotaPeriod.LIFETIME
            else _("first %(quota)s free each month")
        )
        parts.append(interpolate(template, quota=Money(terms.quota, terms.currency)))
    return join_text(parts)


def withdrawal_fee(
    amount: Money, rule: PayoutRule, *, quota_used: Money | None = None
) -> WithdrawalFee:
    """The FAQ's "how is the withdrawal fee computed", for one withdrawal of ``amount``.

    ``quota_used`` is how much of the free quota earlier withdrawals already used (for a
    monthly quota: earlier this month). It is ignored when the rule has no free quota. The
    amount must be in the rule's currency.
    """
    if rule.currency != amount.currency:
        raise CurrencyError(f"this rule is in {rule.currency}; give the amount in {rule.currency}")
    if amount.amount <= 0 or not is_whole_minor_units(amount.amount, amount.currency):
        raise ValueError(
            f"a withdrawal must be a positive amount in whole {amount.currency} minor units"
        )
    currency = amount.currency
    used = quota_used.amount if quota_used is not None else Decimal(0)
    if quota_used is not None and (quota_used.currency != currency or used < 0):
        raise ValueError(f"the quota already used must be zero or more {currency}")
    terms = _payout_terms(rule, currency, None)
    figures = rule.figures()
    if terms is None:
        zero = Money.zero(currency)
        return WithdrawalFee(
            amount, zero, amount, None, None, figures, (_("The withdrawal fee is unconfirmed."),)
        )

    left = max(terms.quota - used, Decimal(0)) if terms.quota is not None else None
    free = min(left, amount.amount) if left is not None else Decimal(0)
    charged = amount.amount - free
    fee = Money(terms.fee_on(charged), currency)
    steps: list[Text] = []
    if left is not None:
        steps.append(
            interpolate(
                _("Free quota left before this withdrawal: %(left)s of %(quota)s."),
                left=Money(left, currency),
                quota=Money(terms.quota or Decimal(0), currency),
            )
        )
    steps.append(
        interpolate(
            _("Free part %(free)s; charged part %(charged)s."),
            free=Money(free, currency),
            charged=Money(charged, currency),
        )
    )
    steps.append(
        interpolate(
            _(
                "Rule: %(rule)s, rounded half-up to the smallest unit of %(currency)s. "
                "Fee: %(fee)s."
            ),
            rule=_describe_payout_rule(terms),
            currency=currency,
            fee=fee,
        )
    )
    return WithdrawalFee(
        amount=amount,
        free_part=Money(free, currency),
        charged_part=Money(charged, currency),
        fee=fee,
        quota_left=Money(left - free, currency) if left is not None else None,
        figures=figures,
        explanation=tuple(steps),
    )


def _in_currency(
    value: Decimal, source: str | None, target: str, rate: ExchangeRate | None
) -> Decimal | None:
    if source == target:
        return value
    if source is None or rate is None:
        return None
    return rate.apply(Money(value, source)).amount
