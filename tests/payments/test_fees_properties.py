"""Properties that must hold for any survey and any provider, real or made up."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from payments.catalog.schema import Channel, ProviderFacts, load_catalog, load_fx_rates
from payments.fees import Estimate, Priority, SurveyFacts, estimate, withdrawal_fee
from payments.money import Money, is_whole_minor_units, quantum
from payments.recommend import recommend
from tests.payments import figure, make_provider

CATALOG = load_catalog()
RATES = load_fx_rates()
# No example database: these tests must not leave a .hypothesis folder in the repository.
PROPERTY = settings(database=None, deadline=None, max_examples=150)

CURRENCY_OF = {"CN": "CNY", "US": "USD", "GB": "GBP", "DE": "EUR", "JP": "JPY", "HK": "HKD"}
REGIONS = ["CN", "HK", "US", "GB", "JP", "DE", "MY", "IN"]
WALLETS = ["alipay", "wechatpay", "paypal", "applepay", "googlepay", "unionpay", "gcash"]


def decimal_text(low: int, high: int, places: int) -> st.SearchStrategy[str]:
    """Decimal strings from low to high with ``places`` decimals, e.g. "2.90"."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: str(Decimal(n) / scale))


@st.composite
def shares_of_100(draw: st.DrawFn, codes: list[str]) -> dict[str, Decimal]:
    cuts = sorted(draw(st.sets(st.integers(1, 99), max_size=len(codes) - 1)))
    bounds = [0, *cuts, 100]
    return {
        code: Decimal(bounds[i + 1] - bounds[i]) for i, code in enumerate(codes[: len(cuts) + 1])
    }


@st.composite
def surveys(draw: st.DrawFn) -> SurveyFacts:
    country = draw(st.sampled_from(sorted(CURRENCY_OF)))
    # TWD has no rate in the shipped table: conversions must then say "unconfirmed".
    currency = draw(st.sampled_from([CURRENCY_OF[country], "USD", "EUR", "TWD"]))
    unit = quantum(currency)
    ticket_units = draw(st.integers(1, 10**8))
    volume_units = draw(st.integers(ticket_units, 10**11))
    regions = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True))
    return SurveyFacts(
        merchant_country=country,
        currency=currency,
        monthly_volume=Money(volume_units * unit, currency),
        average_ticket=Money(ticket_units * unit, currency),
        region_shares=draw(shares_of_100(regions)),
        channels=frozenset(draw(st.sets(st.sampled_from(Channel), min_size=1))),
        payouts_per_month=draw(st.integers(0, 31)),
        cross_border_share=Decimal(draw(st.integers(0, 100))),
        wallet_shares={
            w: Decimal(s)
            for w, s in draw(
                st.dictionaries(st.sampled_from(WALLETS), st.integers(0, 100), max_size=4)
            ).items()
        },
        priorities=frozenset(draw(st.sets(st.sampled_from(Priority)))),
    )


@st.composite
def made_up_providers(draw: st.DrawFn) -> ProviderFacts:
    """Any fee schedule in CNY: percentage, fixed fee, and a payout rule with optional minimum,
    maximum and free quota."""
    payout = {
        "percent": figure(draw(decimal_text(0, 3, 2))),
        "fixed": figure(draw(decimal_text(0, 5, 2))),
        "note": "",
    }
    minimum = draw(st.none() | decimal_text(0, 2, 2))
    if minimum is not None:
        payout["minimum"] = figure(minimum)
    maximum = draw(st.none() | decimal_text(2, 50, 2))
    if maximum is not None:
        payout["maximum"] = figure(maximum)
    quota = draw(st.none() | decimal_text(0, 50000, 0))
    if quota is not None:
        payout["free_quota"] = figure(quota)
        payout["free_quota_period"] = draw(st.sampled_from(["lifetime", "month"]))
    return make_provider(
        merchant_countries=["*"],
        channels=[c.value for c in Channel],
        percent=figure(draw(decimal_text(0, 10, 2))),
        fixed=figure(draw(decimal_text(0, 2, 2))),
        cross_border_percent=figure(draw(decimal_text(0, 3, 2))),
        fx_percent=figure(draw(decimal_text(0, 4, 2))),
        payout=payout,
    )


providers = st.sampled_from(CATALOG.providers) | made_up_providers()


def amounts(result: Estimate) -> list[Money]:
    return [line.amount for line in result.lines if line.amount is not None]


@PROPERTY
@given(survey=surveys(), provider=providers)
def test_cost_is_never_negative(survey: SurveyFacts, provider: ProviderFacts) -> None:
    result = estimate(survey, provider, RATES)
    assert all(amount.amount >= 0 for amount in amounts(result))
    assert result.known_part.amount >= 0


@PROPERTY
@given(survey=surveys(), provider=providers)
def test_breakdown_lines_add_up_exactly_to_the_total(
    survey: SurveyFacts, provider: ProviderFacts
) -> None:
    result = estimate(survey, provider, RATES)
    known = sum((a.amount for a in amounts(result)), Decimal(0))
    assert result.known_part.amount == known
    if result.total is not None:
        assert all(line.amount is not None for line in result.lines)
        assert result.total.amount == known
    assert all(is_whole_minor_units(a.amount, survey.currency) for a in amounts(result))


@PROPERTY
@given(
    survey=surveys(),
    provider=providers,
    more=st.integers(0, 10**11),
)
def test_cost_never_falls_when_volume_grows_at_a_fixed_ticket(
    survey: SurveyFacts, provider: ProviderFacts, more: int
) -> None:
    bigger = replace(
        survey,
        monthly_volume=Money(
            survey.monthly_volume.amount + more * quantum(survey.currency), survey.currency
        ),
    )
    small, large = estimate(survey, provider, RATES), estimate(bigger, provider, RATES)
    assert small.confirmed == large.confirmed
    if small.total is not None and large.total is not None:
        assert large.total >= small.total
    assert large.known_part >= small.known_part


@PROPERTY
@given(
    provider=made_up_providers(),
    amount=st.integers(1, 10**9),
    extra=st.integers(0, 10**7),
    used=st.integers(0, 6 * 10**6),
)
def test_a_larger_withdrawal_never_costs_less(
    provider: ProviderFacts, amount: int, extra: int, used: int
) -> None:
    rule = provider.fee_schedules[0].payout
    cent = Decimal("0.01")
    quota_used = Money(used * cent, "CNY")
    small = withdrawal_fee(Money(amount * cent, "CNY"), rule, quota_used=quota_used)
    large = withdrawal_fee(Money((amount + extra) * cent, "CNY"), rule, quota_used=quota_used)
    assert small.fee is not None and large.fee is not None
    assert Decimal(0) <= small.fee.amount <= large.fee.amount
    assert small.free_part + small.charged_part == small.amount


@PROPERTY
@given(survey=surveys(), order=st.permutations(CATALOG.providers))
def test_ranking_is_deterministic_and_independent_of_catalog_order(
    survey: SurveyFacts, order: list[ProviderFacts]
) -> None:
    def outcome(providers: list[ProviderFacts]) -> tuple[object, ...]:
        result = recommend(survey, providers, RATES)
        return (
            [(r.rank, r.provider.slug, r.score) for r in result.recommendations],
            [e.provider.slug for e in result.exclusions],
            [[str(reason) for reason in r.reasons] for r in result.recommendations],
        )

    reference = outcome(list(CATALOG.providers))
    assert outcome(order) == reference
    assert outcome(order) == outcome(order)
