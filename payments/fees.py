"""Fee engine: what one provider would cost one merchant a month, line by line.

Pure functions over Decimal: no ORM, no I/O, no settings. Every user-facing string is a lazy
translation, filled in only when rendered.

How an estimate is built (``estimate``), all amounts in the merchant's currency:

* The provider's fee schedule is the one published for the merchant's country and channels.
  When several apply (say online and in-store prices), the dearest is used and a note says so,
  because the survey does not say how sales split between channels.
* Number of payments = monthly volume / average ticket, rounded half-up to a whole number, at
  least 1.
* Percentage lines (transaction fee, cross-border surcharge on the cross-border share, currency
  conversion, pass-through fees) are computed on the month's amount and **rounded once per
  month**, half-up to the merchant currency's minor unit. Providers round each payment; with
  only an average ticket we cannot, so the true bill may differ by up to half a minor unit per
  payment.
* The fixed fee per payment is converted first (see below) and is then a whole number of minor
  units, so ``fixed x payments`` needs no rounding.
* Payouts: the month's sales (gross; fees are not deducted, which slightly overstates a
  percentage fee) are withdrawn in ``payouts_per_month`` equal parts, the first ones one minor
  unit larger so that the parts add up exactly. Each withdrawal's fee is **rounded per
  withdrawal**: percentage of the part above the free quota plus the fixed fee, held between
  the minimum and maximum, nothing when the quota covers it all. The free quota is consumed
  withdrawal by withdrawal, month by month (a lifetime quota carries over; a monthly one
  restarts) over the first 12 months; the payout line is the average of those 12 months,
  rounded half-up once. ``Estimate.payout_months`` shows each month.
* Fees published in another currency: each fixed amount (per-payment fee, payout fixed fee,
  minimum, maximum, free quota) is converted with the rates table and rounded half-up to the
  merchant currency's minor unit *before* use; the estimate carries the rate and its date.
* The total is the exact sum of the lines. Effective rate = total / volume, in percent, rounded
  half-up to 2 decimals. When a figure the estimate needs is unconfirmed (null in the catalog),
  its line has no amount, the total is None, and ``unconfirmed`` names what is missing;
  ``known_part`` still adds up the lines that are known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from payments.catalog import CHANNEL_LABELS, region_name
from payments.catalog.schema import (
    ANY,
    Channel,
    FeeSchedule,
    Figure,
    PayoutRule,
    ProviderFacts,
    QuotaPeriod,
)
from payments.money import (
    CurrencyError,
    ExchangeRate,
    Money,
    RatesTable,
    is_known_currency,
    is_whole_minor_units,
    quantum,
    round_to_minor_unit,
    sum_money,
)

type Text = str | Promise

ESTIMATE_MONTHS = 12
MAX_PAYOUTS_PER_MONTH = 31
# Far above any merchant and far below Decimal's 28-digit precision, so that no product in
# this module is ever rounded by the Decimal context instead of by our rules.
MAX_MONTHLY_VOLUME = Decimal("1e13")
HUNDRED = Decimal(100)
_CODE = re.compile(r"[A-Z]{2}")


# --- text helpers ----------------------------------------------------------------------------


def _interpolate(template: Text, params: Mapping[str, object]) -> str:
    return str(template) % {key: str(value) for key, value in params.items()}


def _join(items: Sequence[object], separator: str) -> str:
    return separator.join(str(item) for item in items)


_lazy_interpolate = lazy(_interpolate, str)
_lazy_join = lazy(_join, str)


def interpolate(template: Text, **params: object) -> Text:
    """``template % params``, deferred until rendered so that it follows the active language
    (``gettext_lazy(...) % {...}`` would translate at once, in whatever language is active)."""
    return _lazy_interpolate(template, params)


def join_text(items: Iterable[object], separator: str = ", ") -> Text:
    return _lazy_join(tuple(items), separator)


def format_percent(value: Decimal) -> str:
    """0.6 -> "0.6", 3.490 -> "3.49", 100 -> "100" (at most 2 decimals, half-up)."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the survey ------------------------------------------------------------------------------


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


# --- results ---------------------------------------------------------------------------------


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


# --- payouts ---------------------------------------------------------------------------------


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


# --- the estimate ----------------------------------------------------------------------------


def _in_currency(
    value: Decimal, source: str | None, target: str, rate: ExchangeRate | None
) -> Decimal | None:
    if source == target:
        return value
    if source is None or rate is None:
        return None
    return rate.apply(Money(value, source)).amount


def _percent_of(base: Decimal, figure: Figure, currency: str) -> Money | None:
    if figure.value is None:
        return None
    return Money(round_to_minor_unit(base * figure.value / HUNDRED, currency), currency)


def applicable_schedules(provider: ProviderFacts, survey: SurveyFacts) -> tuple[FeeSchedule, ...]:
    return tuple(
        s
        for s in provider.fee_schedules
        if s.applies_to_country(survey.merchant_country) and s.channels & survey.channels
    )


def _channel_names(channels: Iterable[Channel]) -> Text:
    return join_text(CHANNEL_LABELS[c] for c in sorted(channels))


def estimate(survey: SurveyFacts, provider: ProviderFacts, rates: RatesTable) -> Estimate:
    """The estimated monthly cost of ``provider`` for ``survey``; see the module docstring."""
    schedules = applicable_schedules(provider, survey)
    if not schedules:
        return Estimate(
            provider_slug=provider.slug,
            schedule_id=None,
            volume=survey.monthly_volume,
            transactions=survey.transactions,
            lines=(),
            total=None,
            known_part=Money.zero(survey.currency),
            effective_rate=None,
            settlement=None,
            exchange_rate=None,
            payout_months=(),
            unconfirmed=(
                interpolate(
                    _("No published fees for merchants in %(country)s selling %(channels)s."),
                    country=region_name(survey.merchant_country),
                    channels=_channel_names(survey.channels),
                ),
            ),
            notes=(),
        )
    candidates = [_estimate_schedule(survey, provider, s, rates) for s in schedules]
    # The dearest: unconfirmed first (its true cost is unknown), then the largest known cost.
    chosen = max(
        candidates, key=lambda e: (not e.confirmed, e.known_part.amount, e.schedule_id or "")
    )
    notes = list(chosen.notes)
    if len(candidates) > 1:
        label = next(s.label for s in schedules if s.id == chosen.schedule_id)
        notes.append(
            interpolate(
                _(
                    "Your channels are priced differently; this estimate uses the dearest "
                    "(%(schedule)s) because the survey does not say how your sales split."
                ),
                schedule=label,
            )
        )
    priced = frozenset().union(*(s.channels for s in schedules))
    unpriced = (survey.channels & provider.coverage.channels) - priced
    if unpriced:
        notes.append(
            interpolate(
                _("No published fees for %(channels)s; those sales are counted at the same rate."),
                channels=_channel_names(unpriced),
            )
        )
    return replace(chosen, notes=tuple(notes))


def _estimate_schedule(
    survey: SurveyFacts, provider: ProviderFacts, schedule: FeeSchedule, rates: RatesTable
) -> Estimate:
    currency = survey.currency
    volume = survey.monthly_volume.amount
    count = survey.transactions
    notes: list[Text] = []

    rate: ExchangeRate | None = None
    if schedule.currency is not None and schedule.currency != currency:
        if rates.has(schedule.currency) and rates.has(currency):
            rate = rates.exchange_rate(schedule.currency, currency)
            notes.append(
                interpolate(
                    _(
                        "Fees published in %(from)s are converted at 1 %(from)s = %(rate)s "
                        "%(to)s (rates of %(date)s)."
                    ),
                    **{"from": schedule.currency, "to": currency},
                    rate=rate.rate,
                    date=rate.as_of.isoformat(),
                )
            )
        else:
            notes.append(
                interpolate(
                    _(
                        "Fees are published in %(from)s and our rates table has no rate to "
                        "%(to)s, so fixed amounts cannot be converted."
                    ),
                    **{"from": schedule.currency, "to": currency},
                )
            )

    lines = [
        FeeLine(
            kind=LineKind.TRANSACTION_PERCENT,
            label=_("Transaction fee"),
            detail=interpolate(
                _("%(percent)s of %(volume)s"),
                percent=_percent_text(schedule.percent),
                volume=survey.monthly_volume,
            ),
            amount=_percent_of(volume, schedule.percent, currency),
            figures=(schedule.percent,),
        )
    ]
    if schedule.fixed.value != 0:
        fixed = None
        if schedule.fixed.value is not None:
            fixed = _in_currency(schedule.fixed.value, schedule.currency, currency, rate)
        lines.append(
            FeeLine(
                kind=LineKind.FIXED,
                label=_("Fixed fee per payment"),
                detail=interpolate(
                    _("%(fixed)s × %(count)s payments"),
                    fixed=Money(fixed, currency) if fixed is not None else _("unconfirmed"),
                    count=f"{count:,}",
                ),
                amount=Money(fixed * count, currency) if fixed is not None else None,
                figures=(schedule.fixed,),
            )
        )
    if survey.cross_border_share > 0:
        base = volume * survey.cross_border_share / HUNDRED
        lines.append(
            FeeLine(
                kind=LineKind.CROSS_BORDER,
                label=_("Cross-border surcharge"),
                detail=interpolate(
                    _("%(percent)s on the %(share)s%% of sales from abroad (%(base)s)"),
                    percent=_percent_text(schedule.cross_border_percent),
                    share=format_percent(survey.cross_border_share),
                    base=Money(base, currency).rounded(),
                ),
                amount=_percent_of(base, schedule.cross_border_percent, currency),
                figures=(schedule.cross_border_percent,),
            )
        )
    settles_in = schedule.settlement_currencies
    if ANY not in settles_in and currency not in settles_in:
        lines.append(
            FeeLine(
                kind=LineKind.FX,
                label=_("Currency conversion"),
                detail=interpolate(
                    _("%(percent)s to convert your %(currency)s sales into %(settlement)s"),
                    percent=_percent_text(schedule.fx_percent),
                    currency=currency,
                    settlement=", ".join(sorted(settles_in)),
                ),
                amount=_percent_of(volume, schedule.fx_percent, currency),
                figures=(schedule.fx_percent,),
            )
        )
    if schedule.pass_through_percent is not None:
        lines.append(
            FeeLine(
                kind=LineKind.INTERCHANGE,
                label=_("Interchange and card-scheme fees"),
                detail=interpolate(
                    _("%(percent)s, passed through at cost"),
                    percent=_percent_text(schedule.pass_through_percent),
                ),
                amount=_percent_of(volume, schedule.pass_through_percent, currency),
                figures=(schedule.pass_through_percent,),
            )
        )
    months: tuple[PayoutMonth, ...] = ()
    if survey.payouts_per_month:
        line, months = _payout_line(survey, schedule.payout, rate)
        lines.append(line)
    else:
        notes.append(_("You asked for no payouts: the money stays in your provider balance."))

    unconfirmed = [line.label for line in lines if line.amount is None]
    known = sum_money([line.amount for line in lines if line.amount is not None], currency)
    total = None if unconfirmed else known
    effective = None
    if total is not None:
        effective = (total.amount / volume * HUNDRED).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return Estimate(
        provider_slug=provider.slug,
        schedule_id=schedule.id,
        volume=survey.monthly_volume,
        transactions=count,
        lines=tuple(lines),
        total=total,
        known_part=known,
        effective_rate=effective,
        settlement=schedule.settlement_days,
        exchange_rate=rate,
        payout_months=months,
        unconfirmed=tuple(unconfirmed),
        notes=tuple(notes),
    )


def _percent_text(figure: Figure) -> Text:
    if figure.value is None:
        return _("an unconfirmed percentage")
    return interpolate(_("%(percent)s%%"), percent=format_percent(figure.value))


def _payout_line(
    survey: SurveyFacts, rule: PayoutRule, rate: ExchangeRate | None
) -> tuple[FeeLine, tuple[PayoutMonth, ...]]:
    currency = survey.currency
    per_month = survey.payouts_per_month
    terms = _payout_terms(rule, currency, rate)
    label = _("Payouts to your bank")
    if terms is None:
        detail = interpolate(_("%(count)s a month; fee unconfirmed"), count=per_month)
        return FeeLine(LineKind.PAYOUT, label, detail, None, rule.figures()), ()
    months = _payout_months(survey.monthly_volume, per_month, terms)
    first_year = sum((m.fees.amount for m in months), Decimal(0))
    average = Money(round_to_minor_unit(first_year / len(months), currency), currency)
    if terms.free:
        detail = interpolate(_("%(count)s a month, free of charge"), count=per_month)
    else:
        detail = interpolate(
            _(
                "%(count)s a month of about %(size)s each; %(rule)s; average of your first "
                "%(months)s months"
            ),
            count=per_month,
            size=Money(survey.monthly_volume.amount / per_month, currency).rounded(),
            rule=_describe_payout_rule(terms),
            months=len(months),
        )
    return FeeLine(LineKind.PAYOUT, label, detail, average, rule.figures()), months
