"""Benchmark of the quote: every catalog provider estimated and ranked for one survey.

    .venv/bin/python bench/quotes.py

Prints p50/p99 per full quote over 10,000 random surveys drawn with a fixed seed, so that two
runs measure the same work. Target (issue 3): a full quote under 2 ms at p50. "Rendered"
also turns every reason, caution and line label into text, as a page or the API would.
"""

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

from payments.catalog.schema import Channel, ProviderFacts, load_catalog, load_fx_rates  # noqa: E402
from payments.fees import Priority, SurveyFacts  # noqa: E402
from payments.money import Money, RatesTable, quantum  # noqa: E402
from payments.recommend import Quote, recommend  # noqa: E402

SURVEYS = 10_000
SEED = 20261126
TARGET_P50_MS = 2.0

CURRENCY_OF = {"CN": "CNY", "US": "USD", "GB": "GBP", "DE": "EUR", "JP": "JPY", "HK": "HKD"}
REGIONS = ["CN", "HK", "US", "GB", "JP", "DE", "MY", "SG", "IN"]
WALLETS = ["alipay", "wechatpay", "paypal", "applepay", "googlepay", "unionpay", "paypay"]


def random_survey(rng: random.Random) -> SurveyFacts:
    country = rng.choice(sorted(CURRENCY_OF))
    currency = CURRENCY_OF[country] if rng.random() < 0.8 else rng.choice(["USD", "EUR"])
    unit = quantum(currency)
    # Log-uniform volumes from about 100 to 10 million in the merchant's currency.
    volume = int(10 ** rng.uniform(4, 9))
    ticket = max(1, min(volume, int(volume / 10 ** rng.uniform(0, 4))))
    regions = rng.sample(REGIONS, rng.randint(1, 3))
    cuts = sorted(rng.sample(range(1, 100), len(regions) - 1))
    bounds = [0, *cuts, 100]
    return SurveyFacts(
        merchant_country=country,
        currency=currency,
        monthly_volume=Money(volume * unit, currency),
        average_ticket=Money(ticket * unit, currency),
        region_shares={r: Decimal(bounds[i + 1] - bounds[i]) for i, r in enumerate(regions)},
        channels=frozenset(rng.sample(list(Channel), rng.randint(1, 3))),
        payouts_per_month=rng.choice([0, 1, 2, 4, 30]),
        cross_border_share=Decimal(rng.choice([0, 0, 10, 25, 60])),
        wallet_shares={
            w: Decimal(rng.randint(5, 95)) for w in rng.sample(WALLETS, rng.randint(0, 3))
        },
        priorities=frozenset(rng.sample(list(Priority), rng.randint(0, 2))),
    )


def render(quote: Quote) -> int:
    """Force every lazy text of the quote, returning the number of characters."""
    size = 0
    for r in quote.recommendations:
        texts = [*r.reasons, *r.cautions, *(line.detail for line in r.estimate.lines)]
        size += sum(len(str(t)) for t in texts)
    return size + sum(len(str(t)) for e in quote.exclusions for t in e.reasons)


def percentiles_ms(
    surveys: list[SurveyFacts], run: Callable[[SurveyFacts], object]
) -> tuple[float, float]:
    for survey in surveys[:200]:  # warm-up: imports, caches, branch predictors
        run(survey)
    timings = []
    for survey in surveys:
        start = time.perf_counter_ns()
        run(survey)
        timings.append(time.perf_counter_ns() - start)
    cuts = statistics.quantiles(timings, n=100)
    return cuts[49] / 1e6, cuts[98] / 1e6


def quote_section() -> None:
    if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
        settings.configure(USE_I18N=False)  # enough to render the lazy texts, in English
    providers: tuple[ProviderFacts, ...] = load_catalog().providers
    rates: RatesTable = load_fx_rates()
    rng = random.Random(SEED)
    surveys = [random_survey(rng) for _ in range(SURVEYS)]

    quote_p50, quote_p99 = percentiles_ms(surveys, lambda s: recommend(s, providers, rates))
    text_p50, text_p99 = percentiles_ms(surveys, lambda s: render(recommend(s, providers, rates)))
    verdict = "met" if quote_p50 < TARGET_P50_MS else "MISSED"
    print(
        f"Full quote: {len(providers)} providers estimated and ranked, "
        f"{SURVEYS:,} random surveys (seed {SEED})"
    )
    print(f"  quote            p50 {quote_p50:6.3f} ms   p99 {quote_p99:6.3f} ms")
    print(f"  quote, rendered  p50 {text_p50:6.3f} ms   p99 {text_p99:6.3f} ms")
    print(f"  target: p50 under {TARGET_P50_MS:g} ms per quote: {verdict}")


def main() -> None:
    quote_section()


if __name__ == "__main__":
    main()
