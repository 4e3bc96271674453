"""What the comparison page shows: the quote for the merchant's survey and its cost chart.

The chart's geometry is computed here, so the template only places shapes (an inline SVG:
no script, no style attributes, presentation attributes only). Bar lengths are percentages
of the chart's width and text is in pixels, so the chart fills any screen from 360 px up and
its text stays readable (no viewBox scaling).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from payments.catalog.schema import Confidence, Figure
from payments.fees import SurveyFacts
from payments.recommend import Quote, Recommendation, recommend
from payments.selectors import CatalogFacts, catalog_facts, fx_rates

ROW_HEIGHT = 58
BAR_HEIGHT = 12
_ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Bar:
    slug: str
    name: str
    label: str
    name_y: int
    bar_y: int
    label_y: int
    percent: Decimal  # of the chart's width
    confirmed: bool


@dataclass(frozen=True)
class CostChart:
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    description: str


@dataclass(frozen=True)
class SourceNote:
    url: str | None
    date: str | None
    confidence: Confidence
    note: str


@dataclass(frozen=True)
class Comparison:
    facts: SurveyFacts
    quote: Quote
    chart: CostChart
    catalog: CatalogFacts


def _bar_label(rec: Recommendation) -> str:
    estimate = rec.estimate
    if estimate.total is not None:
        return _("%(amount)s a month") % {"amount": estimate.total.rounded()}
    if estimate.known_part.amount > 0:
        return _("at least %(amount)s (unconfirmed)") % {"amount": estimate.known_part.rounded()}
    return _("unconfirmed")


def cost_chart(quote: Quote) -> CostChart:
    """One row per ranked provider: its name and cost, and a bar proportional to the cost.

    An estimate with unconfirmed lines shows the part that is known, marked as partial."""
    recs = quote.recommendations
    amounts = [r.estimate.known_part.amount for r in recs]
    largest = max(amounts, default=Decimal(0)) or Decimal(1)
    bars = []
    for index, (rec, amount) in enumerate(zip(recs, amounts, strict=True)):
        top = index * ROW_HEIGHT
        percent = (amount / largest * 100).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)
        bars.append(
            Bar(
                slug=rec.provider.slug,
                name=rec.provider.name,
                label=_bar_label(rec),
                name_y=top + 15,
                bar_y=top + 22,
                label_y=top + 50,
                percent=max(percent, Decimal("0.5")) if amount > 0 else Decimal(0),
                confirmed=rec.estimate.confirmed,
            )
        )
    description = "; ".join(
        f"{rec.rank}. {bar.name}: {bar.label}" for rec, bar in zip(recs, bars, strict=True)
    )
    return CostChart(
        height=max(ROW_HEIGHT, len(bars) * ROW_HEIGHT),
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        description=description,
    )


def facts_key(facts: SurveyFacts) -> tuple:
    """Everything about a survey that changes its quote, as a hashable value."""
    return (
        facts.merchant_country,
        facts.currency,
        facts.monthly_volume.amount,
        facts.average_ticket.amount,
        tuple(sorted(facts.region_shares.items())),
        tuple(sorted(facts.channels)),
        facts.payouts_per_month,
        facts.cross_border_share,
        tuple(sorted(facts.wallet_shares.items())),
        tuple(sorted(facts.priorities)),
    )


def figure_sources(figures: Iterable[Figure]) -> list[SourceNote]:
    """Where the figures of a fee line come from, each source once, unconfirmed ones too."""
    notes: list[SourceNote] = []
    seen: set[str] = set()
    for figure in figures:
        if figure.source is None:
            notes.append(SourceNote(None, None, figure.confidence, figure.note))
            continue
        if figure.source.id in seen:
            continue
        seen.add(figure.source.id)
        notes.append(
            SourceNote(figure.source.url, figure.source.date, figure.confidence, figure.note)
        )
    return notes


def compare(facts: SurveyFacts, catalog: CatalogFacts | None = None) -> Comparison:
    """Rank the active catalog (or ``catalog``) for ``facts``."""
    catalog = catalog or catalog_facts()
    quote = recommend(facts, catalog.providers, fx_rates())
    return Comparison(facts=facts, quote=quote, chart=cost_chart(quote), catalog=catalog)
