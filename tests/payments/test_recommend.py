from collections.abc import Iterable
from decimal import Decimal

from payments.catalog.schema import Channel, load_catalog, load_fx_rates
from payments.fees import Priority, SurveyFacts
from payments.recommend import (
    BASE_WEIGHTS,
    PRIORITY_BONUS,
    Criterion,
    Quote,
    ScorePart,
    exclusion_reasons,
    recommend,
)
from tests.payments import make_survey

CATALOG = load_catalog()
RATES = load_fx_rates()


def quote(survey: SurveyFacts) -> Quote:
    return recommend(survey, CATALOG.providers, RATES)


def texts(items: Iterable[object]) -> list[str]:
    return [str(item) for item in items]


def ranked(result: Quote) -> list[str]:
    return [r.provider.slug for r in result.recommendations]


def chinese_shop(
    *, wallets: dict[str, int] | None = None, priorities: tuple[Priority, ...] = ()
) -> SurveyFacts:
    """78% of customers in mainland China, 22% in Hong Kong; most use WeChat Pay."""
    return make_survey(
        regions={"CN": 78, "HK": 22},
        channels=(Channel.APP, Channel.INSTORE_QR),
        wallets={"wechatpay": 80, "alipay": 45} if wallets is None else wallets,
        payouts=4,
        priorities=priorities,
    )


def test_reasons_name_the_customers_region_and_the_wallet_most_of_them_use() -> None:
    result = quote(chinese_shop())
    wechat = next(r for r in result.recommendations if r.provider.slug == "wechatpay")
    assert "78% of your customers are in mainland China and most of them use WeChat Pay." in texts(
        wechat.reasons
    )


def test_a_wallet_used_by_fewer_than_half_is_stated_with_its_share() -> None:
    result = quote(chinese_shop())
    alipay = next(r for r in result.recommendations if r.provider.slug == "alipay")
    assert "45% of your customers already use Alipay." in texts(alipay.reasons)


def test_every_exclusion_gives_all_its_reasons_in_plain_words() -> None:
    result = quote(chinese_shop())
    excluded = {e.provider.slug: texts(e.reasons) for e in result.exclusions}
    assert excluded["paypay"] == [
        "PayPay onboards only merchants in Japan.",
        "PayPay serves none of your customers' regions (mainland China, Hong Kong).",
        "PayPay does not accept payments in CNY.",
    ]
    assert excluded["stripe"] == ["Stripe does not onboard merchants in mainland China."]


def test_a_provider_is_excluded_for_channels_it_does_not_support() -> None:
    survey = make_survey(country="US", currency="USD", ticket="50", channels=(Channel.POS,))
    reasons = texts(exclusion_reasons(survey, CATALOG.get("paypal")))
    assert reasons == [
        "PayPal supports none of your sales channels (in-store card terminal (POS))."
    ]


def test_a_provider_covering_only_some_customers_stays_with_a_caution() -> None:
    result = quote(chinese_shop())
    alipay = next(r for r in result.recommendations if r.provider.slug == "alipay")
    assert "Does not serve your customers in Hong Kong (22% of them)." in texts(alipay.cautions)


def test_an_unconfirmed_cost_earns_no_cost_points_and_says_what_is_missing() -> None:
    result = quote(chinese_shop())
    wechat = next(r for r in result.recommendations if r.provider.slug == "wechatpay")
    cost = next(p for p in wechat.parts if p.criterion is Criterion.COST)
    assert cost.points == 0
    assert (
        "We cannot estimate the full cost; not published or unconfirmed: Payouts to your bank."
        in texts(wechat.cautions)
    )


def test_the_score_is_the_weighted_mean_of_its_parts() -> None:
    for recommendation in quote(chinese_shop()).recommendations:
        parts = recommendation.parts
        weighted = sum((p.points * p.weight for p in parts), Decimal(0))
        mean = weighted / sum(p.weight for p in parts)
        assert recommendation.score == (mean * 100).quantize(Decimal("0.1"))


def test_a_priority_adds_weight_to_its_criterion() -> None:
    plain = quote(chinese_shop()).recommendations[0]
    keen = quote(chinese_shop(priorities=(Priority.FASTEST_SETTLEMENT,))).recommendations[0]

    def weight(parts: tuple[ScorePart, ...], criterion: Criterion) -> int:
        return next(p.weight for p in parts if p.criterion is criterion)

    assert weight(plain.parts, Criterion.SETTLEMENT) == BASE_WEIGHTS[Criterion.SETTLEMENT]
    assert (
        weight(keen.parts, Criterion.SETTLEMENT)
        == BASE_WEIGHTS[Criterion.SETTLEMENT] + PRIORITY_BONUS
    )


def test_wallets_count_only_when_the_survey_names_some() -> None:
    result = quote(chinese_shop(wallets={}))
    assert all(
        Criterion.WALLETS not in {p.criterion for p in r.parts} for r in result.recommendations
    )


def test_the_cheapest_confirmed_provider_says_so() -> None:
    # Stripe's 2.9% + 0.30 USD (also behind Apple Pay and Google Pay) and Square's online
    # 2.9% + 0.30 USD tie: 290.00 + 200 x 0.30 = 350.00 USD; PayPal is 447.00.
    survey = make_survey(country="US", currency="USD", volume="10000", ticket="50")
    lowest = (
        "Lowest estimated cost of the providers that fit: 350.00 USD a month (3.5% of your sales)."
    )
    says_cheapest = {
        r.provider.slug for r in quote(survey).recommendations if lowest in texts(r.reasons)
    }
    assert says_cheapest == {"applepay", "googlepay", "square", "stripe"}


def test_equal_scores_are_ordered_by_slug() -> None:
    # Apple Pay, Google Pay and Stripe carry the same Stripe US figures and, with no wallets
    # named, the same score.
    survey = make_survey(country="US", currency="USD", volume="10000", ticket="50")
    result = quote(survey)
    scores = {r.provider.slug: r.score for r in result.recommendations}
    assert scores["applepay"] == scores["googlepay"] == scores["stripe"]
    order = ranked(result)
    assert order.index("applepay") < order.index("googlepay") < order.index("stripe")


def test_ranks_count_from_one_in_score_order() -> None:
    result = quote(chinese_shop())
    assert [r.rank for r in result.recommendations] == list(
        range(1, len(result.recommendations) + 1)
    )
    scores = [r.score for r in result.recommendations]
    assert scores == sorted(scores, reverse=True)


def test_a_wallet_through_a_psp_says_whose_figures_apply() -> None:
    survey = make_survey(country="US", currency="USD", volume="10000", ticket="50")
    apple = next(r for r in quote(survey).recommendations if r.provider.slug == "applepay")
    assert "Works through a payment provider (stripe); the figures are that provider's." in texts(
        apple.cautions
    )
