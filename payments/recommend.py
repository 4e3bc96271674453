"""Recommender: which providers fit a merchant, in which order, and why, in plain words.

Pure and deterministic: the same survey and catalog give the same ranking whatever order the
providers come in (ties are broken by slug).

1. Hard constraints. A provider is excluded, with every failed reason, when it does not
   onboard merchants of the merchant's country, serves none of the customers' regions,
   supports none of the sales channels, or does not accept the merchant's currency. (A
   provider that covers only some regions or channels stays in, with a caution: merchants can
   pick more than one provider.)
2. Score. Each criterion earns points from 0 to 1:

   * cost: 1 - effective rate / 6 %, floored at 0 (a 0.6 % rate earns 0.9); an estimate that
     is not fully confirmed earns 0, since its true cost is unknown;
   * settlement: 1 - days / 7, floored at 0 (same day 1, T+1 0.86, unknown 0);
   * wallets: the largest share of customers using a wallet the provider accepts (counted only
     when the survey names wallets);
   * reach: the share of customers in regions the provider serves;
   * support: confirmed support channels (phone, email, chat...) / 3, at most 1.

   Weights: cost 3, wallets 3, reach 2, settlement 1, support 1; each priority the merchant
   picked adds 3 to its criterion (lowest_cost -> cost, fastest_settlement -> settlement,
   widest_reach -> reach, best_support -> support). Score = weighted mean x 100, 1 decimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from payments.catalog import CHANNEL_LABELS, SUPPORT_KIND_LABELS, region_name, wallet_name
from payments.catalog.schema import Access, ProviderFacts
from payments.fees import (
    PRIORITY_LABELS,
    Estimate,
    Priority,
    SurveyFacts,
    Text,
    estimate,
    format_percent,
    interpolate,
    join_text,
)
from payments.money import RatesTable


class Criterion(StrEnum):
    COST = "cost"
    SETTLEMENT = "settlement"
    WALLETS = "wallets"
    REACH = "reach"
    SUPPORT = "support"


CRITERION_LABELS: Mapping[Criterion, Text] = MappingProxyType(
    {
        Criterion.COST: _("cost"),
        Criterion.SETTLEMENT: _("settlement speed"),
        Criterion.WALLETS: _("wallets your customers use"),
        Criterion.REACH: _("customers reached"),
        Criterion.SUPPORT: _("support"),
    }
)
BASE_WEIGHTS: Mapping[Criterion, int] = MappingProxyType(
    {
        Criterion.COST: 3,
        Criterion.WALLETS: 3,
        Criterion.REACH: 2,
        Criterion.SETTLEMENT: 1,
        Criterion.SUPPORT: 1,
    }
)
PRIORITY_BONUS = 3
PRIORITY_CRITERION: Mapping[Priority, Criterion] = MappingProxyType(
    {
        Priority.LOWEST_COST: Criterion.COST,
        Priority.FASTEST_SETTLEMENT: Criterion.SETTLEMENT,
        Priority.WIDEST_REACH: Criterion.REACH,
        Priority.BEST_SUPPORT: Criterion.SUPPORT,
    }
)
COST_CEILING_PERCENT = Decimal(6)
SETTLEMENT_HORIZON_DAYS = Decimal(7)
SUPPORT_CHANNELS_FOR_FULL_POINTS = 3
MOST = Decimal(50)  # above this share, "most of them"
_POINTS = Decimal("0.001")
_SCORE = Decimal("0.1")
HUNDRED = Decimal(100)
# Django's ngettext_lazy builds a new proxy class on every call (slow in a 2 ms budget); this
# one is built once. Same name, so that makemessages still extracts the strings.
ngettext_lazy = lazy(ngettext, str)


@dataclass(frozen=True, slots=True)
class ScorePart:
    criterion: Criterion
    points: Decimal  # 0 to 1, 3 decimals
    weight: int


@dataclass(frozen=True, slots=True)
class Recommendation:
    rank: int  # 1 = best
    provider: ProviderFacts
    estimate: Estimate
    score: Decimal  # 0 to 100, 1 decimal
    parts: tuple[ScorePart, ...]
    reasons: tuple[Text, ...]
    cautions: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Exclusion:
    provider: ProviderFacts
    reasons: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    recommendations: tuple[Recommendation, ...]
    exclusions: tuple[Exclusion, ...]
    rates_as_of: date


def _names(codes: Iterable[str]) -> Text:
    return join_text(region_name(code) for code in sorted(codes))


def exclusion_reasons(survey: SurveyFacts, provider: ProviderFacts) -> tuple[Text, ...]:
    """Why ``provider`` cannot serve this merchant; empty when it can."""
    coverage = provider.coverage
    name = provider.name
    reasons: list[Text] = []
    if not coverage.onboards(survey.merchant_country):
        countries = coverage.merchant_countries
        if len(countries) <= 5:
            reasons.append(
                interpolate(
                    _("%(provider)s onboards only merchants in %(countries)s."),
                    provider=name,
                    countries=_names(countries),
                )
            )
        else:
            reasons.append(
                interpolate(
                    _("%(provider)s does not onboard merchants in %(country)s."),
                    provider=name,
                    country=region_name(survey.merchant_country),
                )
            )
    if not any(coverage.serves(region) for region in survey.region_shares):
        reasons.append(
            interpolate(
                _("%(provider)s serves none of your customers' regions (%(regions)s)."),
                provider=name,
                regions=_names(survey.region_shares),
            )
        )
    if not survey.channels & coverage.channels:
        reasons.append(
            interpolate(
                _("%(provider)s supports none of your sales channels (%(channels)s)."),
                provider=name,
                channels=join_text(CHANNEL_LABELS[c] for c in sorted(survey.channels)),
            )
        )
    if not coverage.accepts_currency(survey.currency):
        reasons.append(
            interpolate(
                _("%(provider)s does not accept payments in %(currency)s."),
                provider=name,
                currency=survey.currency,
            )
        )
    return tuple(reasons)


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), Decimal(1)).quantize(_POINTS, rounding=ROUND_HALF_UP)


def _reach(survey: SurveyFacts, provider: ProviderFacts) -> Decimal:
    served = (s for r, s in survey.region_shares.items() if provider.coverage.serves(r))
    return sum(served, Decimal(0))


def _best_wallet(survey: SurveyFacts, provider: ProviderFacts) -> tuple[str, Decimal] | None:
    accepted = [
        (share, code)
        for code, share in survey.wallet_shares.items()
        if code in provider.coverage.wallets and share > 0
    ]
    if not accepted:
        return None
    share, code = min(accepted, key=lambda item: (-item[0], item[1]))
    return code, share


def _points(
    survey: SurveyFacts, provider: ProviderFacts, costs: Estimate
) -> dict[Criterion, Decimal]:
    points: dict[Criterion, Decimal] = {}
    rate = costs.total.amount / costs.volume.amount * HUNDRED if costs.total is not None else None
    points[Criterion.COST] = (
        _clamp(1 - rate / COST_CEILING_PERCENT) if rate is not None else Decimal(0)
    )
    days = costs.settlement_days
    points[Criterion.SETTLEMENT] = (
        _clamp(1 - days / SETTLEMENT_HORIZON_DAYS) if days is not None else Decimal(0)
    )
    if any(share > 0 for share in survey.wallet_shares.values()):
        best = _best_wallet(survey, provider)
        points[Criterion.WALLETS] = _clamp(best[1] / HUNDRED) if best else Decimal(0)
    points[Criterion.REACH] = _clamp(_reach(survey, provider) / HUNDRED)
    support = len(provider.confirmed_support_kinds())
    points[Criterion.SUPPORT] = _clamp(Decimal(support) / SUPPORT_CHANNELS_FOR_FULL_POINTS)
    return points


def _weights(survey: SurveyFacts) -> dict[Criterion, int]:
    weights = dict(BASE_WEIGHTS)
    for priority in survey.priorities:
        weights[PRIORITY_CRITERION[priority]] += PRIORITY_BONUS
    return weights


def _score(parts: Iterable[ScorePart]) -> Decimal:
    parts = tuple(parts)
    total_weight = sum(p.weight for p in parts)
    weighted = sum((p.points * p.weight for p in parts), Decimal(0))
    return (weighted / total_weight * HUNDRED).quantize(_SCORE, rounding=ROUND_HALF_UP)


def _where_and_what(survey: SurveyFacts, provider: ProviderFacts) -> list[Text]:
    """The example sentence: "78% of your customers are in mainland China and most of them use
    WeChat Pay", or its two halves when they do not combine."""
    served = [(s, r) for r, s in survey.region_shares.items() if provider.coverage.serves(r)]
    reasons: list[Text] = []
    top_share, top_region = min(served, key=lambda item: (-item[0], item[1]))
    wallet = _best_wallet(survey, provider)
    share_text = format_percent(top_share)
    if wallet and wallet[1] > MOST:
        reasons.append(
            interpolate(
                _(
                    "%(share)s%% of your customers are in %(region)s and most of them use "
                    "%(wallet)s."
                ),
                share=share_text,
                region=region_name(top_region),
                wallet=wallet_name(wallet[0]),
            )
        )
    else:
        reasons.append(
            interpolate(
                _("%(share)s%% of your customers are in %(region)s, which %(provider)s serves."),
                share=share_text,
                region=region_name(top_region),
                provider=provider.name,
            )
        )
        if wallet:
            reasons.append(
                interpolate(
                    _("%(share)s%% of your customers already use %(wallet)s."),
                    share=format_percent(wallet[1]),
                    wallet=wallet_name(wallet[0]),
                )
            )
    if len(served) > 1:
        reasons.append(
            interpolate(
                _("It reaches %(share)s%% of your customers in all."),
                share=format_percent(sum((s for s, _r in served), Decimal(0))),
            )
        )
    return reasons


def _reasons(
    survey: SurveyFacts,
    provider: ProviderFacts,
    costs: Estimate,
    points: Mapping[Criterion, Decimal],
    best: Mapping[Criterion, Decimal],
    cheapest: bool,
) -> list[Text]:
    reasons = _where_and_what(survey, provider)
    if costs.total is not None:
        template = (
            _(
                "Lowest estimated cost of the providers that fit: %(total)s a month "
                "(%(rate)s%% of your sales)."
            )
            if cheapest
            else _("Estimated cost %(total)s a month (%(rate)s%% of your sales).")
        )
        reasons.append(
            interpolate(
                template, total=costs.total, rate=format_percent(costs.effective_rate or Decimal(0))
            )
        )
    days = costs.settlement_days
    if days is not None:
        if days == 0:
            reasons.append(_("Your money is available the same day."))
        else:
            count = int(days)
            reasons.append(
                interpolate(
                    ngettext_lazy(
                        "Your money is available after %(days)s day.",
                        "Your money is available after %(days)s days.",
                        count,
                    ),
                    days=count,
                )
            )
    kinds = sorted(provider.confirmed_support_kinds())
    if kinds:
        reasons.append(
            interpolate(
                _("Support by %(channels)s."),
                channels=join_text(SUPPORT_KIND_LABELS.get(k, k) for k in kinds),
            )
        )
    for priority in sorted(survey.priorities):
        criterion = PRIORITY_CRITERION[priority]
        if points[criterion] > 0 and points[criterion] == best[criterion]:
            reasons.append(
                interpolate(
                    _("Best of the providers that fit for your priority: %(priority)s."),
                    priority=PRIORITY_LABELS[priority],
                )
            )
    return reasons


def _cautions(survey: SurveyFacts, provider: ProviderFacts, costs: Estimate) -> list[Text]:
    cautions: list[Text] = []
    if not costs.lines:
        cautions.extend(costs.unconfirmed)
    elif costs.total is None:
        cautions.append(
            interpolate(
                _("We cannot estimate the full cost; not published or unconfirmed: %(items)s."),
                items=join_text(costs.unconfirmed),
            )
        )
    missing = {r: s for r, s in survey.region_shares.items() if not provider.coverage.serves(r)}
    if missing:
        cautions.append(
            interpolate(
                _("Does not serve your customers in %(regions)s (%(share)s%% of them)."),
                regions=_names(missing),
                share=format_percent(sum(missing.values(), Decimal(0))),
            )
        )
    channels = survey.channels - provider.coverage.channels
    if channels:
        cautions.append(
            interpolate(
                _("Does not support %(channels)s."),
                channels=join_text(CHANNEL_LABELS[c] for c in sorted(channels)),
            )
        )
    if provider.access is Access.THROUGH_PSP:
        cautions.append(
            interpolate(
                _("Works through a payment provider (%(psp)s); the figures are that provider's."),
                psp=provider.psp,
            )
        )
    cautions.extend(costs.notes)
    return cautions


def recommend(survey: SurveyFacts, providers: Iterable[ProviderFacts], rates: RatesTable) -> Quote:
    """Rank ``providers`` for ``survey``: excluded ones with reasons, the rest scored."""
    ordered = sorted(providers, key=lambda p: p.slug)
    exclusions: list[Exclusion] = []
    eligible: list[tuple[ProviderFacts, Estimate, dict[Criterion, Decimal]]] = []
    for provider in ordered:
        reasons = exclusion_reasons(survey, provider)
        if reasons:
            exclusions.append(Exclusion(provider, reasons))
            continue
        costs = estimate(survey, provider, rates)
        eligible.append((provider, costs, _points(survey, provider, costs)))

    weights = _weights(survey)
    best = {
        c: max((p[c] for _pr, _q, p in eligible if c in p), default=Decimal(0)) for c in Criterion
    }
    confirmed = [q.total.amount for _p, q, _pts in eligible if q.total is not None]
    # Only worth saying when there is something to compare with.
    cheapest = min(confirmed) if len(confirmed) > 1 else None

    scored: list[tuple[Decimal, str, Recommendation]] = []
    for provider, costs, points in eligible:
        parts = tuple(ScorePart(c, points[c], weights[c]) for c in Criterion if c in points)
        score = _score(parts)
        is_cheapest = costs.total is not None and costs.total.amount == cheapest
        recommendation = Recommendation(
            rank=0,
            provider=provider,
            estimate=costs,
            score=score,
            parts=parts,
            reasons=tuple(_reasons(survey, provider, costs, points, best, is_cheapest)),
            cautions=tuple(_cautions(survey, provider, costs)),
        )
        scored.append((score, provider.slug, recommendation))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranked = tuple(replace(r, rank=i) for i, (_s, _slug, r) in enumerate(scored, start=1))
    return Quote(recommendations=ranked, exclusions=tuple(exclusions), rates_as_of=rates.as_of)
