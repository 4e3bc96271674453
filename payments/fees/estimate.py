"""The estimated monthly cost of one provider for one survey, line by line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from payments.catalog import CHANNEL_LABELS, region_name
from payments.catalog.schema import (
    ANY,
    Channel,
    FeeSchedule,
    Figure,
    PayoutRule,
    ProviderFacts,
)
from payments.fees.payouts import _describe_payout_rule, _in_currency, _payout_months, _payout_terms
from payments.fees.results import Estimate, FeeLine, LineKind, PayoutMonth
from payments.fees.survey import HUNDRED, SurveyFacts
from payments.fees.text import Text, format_percent, interpolate, join_text
from payments.money import (
    ExchangeRate,
    Money,
    RatesTable,
    round_to_minor_unit,
    sum_money,
)


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
