"""Worked examples a person can check by hand against the figures in providers.json."""

from datetime import date
from decimal import Decimal

import pytest

from payments.catalog.schema import Channel, QuotaPeriod, load_catalog, load_fx_rates
from payments.fees import Estimate, LineKind, SurveyError, estimate, withdrawal_fee
from payments.money import CurrencyError, Money, RatesTable
from tests.payments import figure, make_provider, make_survey

CATALOG = load_catalog()
RATES = load_fx_rates()


def cny(amount: str) -> Money:
    return Money.of(amount, "CNY")


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def amounts(result: Estimate) -> dict[LineKind, Money | None]:
    return {line.kind: line.amount for line in result.lines}


# --- Alipay: 0.6%, withdrawals 0.1% above a 20,000 CNY lifetime quota, minimum 0.10 CNY ----


def test_alipay_100000_cny_a_month_at_0_6_percent_costs_600_cny() -> None:
    result = estimate(make_survey(volume="100000"), CATALOG.get("alipay"), RATES)
    assert amounts(result) == {LineKind.TRANSACTION_PERCENT: cny("600.00")}
    assert result.total == cny("600.00")
    assert result.effective_rate == Decimal("0.60")
    assert result.settlement_days == 0


def test_alipay_withdrawals_use_up_the_lifetime_quota_in_the_first_month() -> None:
    # 4 withdrawals of 25,000: month 1 = 5.00 (5,000 above the quota) + 3 x 25.00 = 80.00;
    # months 2-12 = 4 x 25.00 = 100.00; average (80 + 11 x 100) / 12 = 98.33.
    result = estimate(make_survey(volume="100000", payouts=4), CATALOG.get("alipay"), RATES)
    first, second = result.payout_months[0], result.payout_months[1]
    assert (first.fees, first.free_amount, first.quota_left) == (cny("80"), cny("20000"), cny("0"))
    assert second.fees == cny("100.00")
    assert [m.fees for m in result.payout_months[1:]] == [cny("100")] * 11
    assert amounts(result)[LineKind.PAYOUT] == cny("98.33")
    assert result.total == cny("698.33")


def test_a_small_lifetime_quota_lasts_several_months() -> None:
    # 10,000 CNY a month in one withdrawal: months 1 and 2 use up the 20,000 quota, months
    # 3-12 pay 0.1% of 10,000 = 10.00; average 10 x 10.00 / 12 = 8.33.
    result = estimate(make_survey(volume="10000", payouts=1), CATALOG.get("alipay"), RATES)
    assert [m.fees for m in result.payout_months[:4]] == [cny("0"), cny("0"), cny("10"), cny("10")]
    assert result.payout_months[1].quota_left == cny("0")
    assert amounts(result)[LineKind.PAYOUT] == cny("8.33")


def test_the_minimum_withdrawal_fee_applies_to_small_withdrawals() -> None:
    # quota used up; 0.1% of 50.00 = 0.05, raised to the 0.10 minimum
    rule = CATALOG.get("alipay").fee_schedules[0].payout
    assert withdrawal_fee(cny("50.00"), rule, quota_used=cny("20000")).fee == cny("0.10")


def test_percentage_fees_round_half_up_once_a_month() -> None:
    # 0.6% of 167.50 = 1.005 -> 1.01 (banker's rounding would say 1.00)
    result = estimate(make_survey(volume="167.50", ticket="167.50"), CATALOG.get("alipay"), RATES)
    assert result.total == cny("1.01")


# --- The FAQ: "how is the withdrawal fee computed" -------------------------------------------


def test_withdrawal_with_a_partly_used_free_quota() -> None:
    # 15,000 of the 20,000 quota used: of a 30,000 withdrawal 5,000 is free and 25,000 pays
    # 0.1% = 25.00.
    rule = CATALOG.get("alipay").fee_schedules[0].payout
    result = withdrawal_fee(cny("30000"), rule, quota_used=cny("15000"))
    assert (result.free_part, result.charged_part) == (cny("5000"), cny("25000"))
    assert result.fee == cny("25.00")
    assert result.quota_left == cny("0")
    assert "25.00 CNY" in str(result.explanation[-1])


def test_withdrawal_inside_the_free_quota_is_free() -> None:
    rule = CATALOG.get("alipay").fee_schedules[0].payout
    result = withdrawal_fee(cny("3000"), rule, quota_used=cny("15000"))
    assert (result.fee, result.quota_left) == (cny("0"), cny("2000"))


def test_withdrawal_fee_rounds_half_up_per_withdrawal() -> None:
    rule = CATALOG.get("alipay").fee_schedules[0].payout
    # 0.1% of 1,234.50 = 1.2345 -> 1.23; 0.1% of 1,235.00 = 1.235 -> 1.24
    assert withdrawal_fee(cny("1234.50"), rule, quota_used=cny("20000")).fee == cny("1.23")
    assert withdrawal_fee(cny("1235.00"), rule, quota_used=cny("20000")).fee == cny("1.24")


def test_withdrawal_fee_stops_at_the_maximum() -> None:
    provider = make_provider(
        payout={
            "percent": figure("1.5"),
            "fixed": figure("0"),
            "minimum": figure("0.25"),
            "maximum": figure("15.00"),
            "note": "",
        }
    )
    rule = provider.fee_schedules[0].payout
    assert withdrawal_fee(cny("5000"), rule).fee == cny("15.00")
    assert withdrawal_fee(cny("10"), rule).fee == cny("0.25")


def test_withdrawal_fee_of_an_unconfirmed_rule_is_unknown() -> None:
    rule = CATALOG.get("wechatpay").fee_schedules[0].payout
    assert withdrawal_fee(cny("1000"), rule).fee is None


def test_withdrawal_fee_wants_the_rules_currency() -> None:
    rule = CATALOG.get("alipay").fee_schedules[0].payout
    with pytest.raises(CurrencyError):
        withdrawal_fee(usd("100"), rule)


def test_a_monthly_quota_restarts_every_month() -> None:
    provider = make_provider(
        payout={
            "percent": figure("0.1"),
            "fixed": figure("0"),
            "free_quota": figure("1000"),
            "free_quota_period": "month",
            "note": "",
        }
    )
    assert provider.fee_schedules[0].payout.free_quota_period is QuotaPeriod.MONTH
    # each month: 5,000 in one withdrawal, 1,000 free, 0.1% of 4,000 = 4.00
    result = estimate(make_survey(volume="5000", payouts=1), provider, RATES)
    assert [m.fees for m in result.payout_months] == [cny("4")] * 12
    assert amounts(result)[LineKind.PAYOUT] == cny("4.00")


# --- PayPal US: 3.49% + 0.49 USD, +1.50% international -------------------------------------


def test_paypal_us_checkout_at_a_50_usd_ticket() -> None:
    # 10,000 USD / 50 = 200 payments; 3.49% = 349.00; 200 x 0.49 = 98.00; bank transfer free.
    # Per payment: 1.745 + 0.49 = 2.235 USD; x 200 = 447.00.
    survey = make_survey(country="US", currency="USD", volume="10000", ticket="50", payouts=1)
    result = estimate(survey, CATALOG.get("paypal"), RATES)
    assert amounts(result) == {
        LineKind.TRANSACTION_PERCENT: usd("349.00"),
        LineKind.FIXED: usd("98.00"),
        LineKind.PAYOUT: usd("0.00"),
    }
    assert result.total == usd("447.00")
    assert result.effective_rate == Decimal("4.47")


def test_paypal_international_surcharge_applies_to_the_cross_border_share() -> None:
    # 20% of 10,000 from abroad: 1.50% of 2,000 = 30.00 on top of 447.00
    survey = make_survey(
        country="US", currency="USD", volume="10000", ticket="50", cross_border="20"
    )
    result = estimate(survey, CATALOG.get("paypal"), RATES)
    assert amounts(result)[LineKind.CROSS_BORDER] == usd("30.00")
    assert result.total == usd("477.00")


# --- Stripe and Square US -------------------------------------------------------------------


def test_stripe_us_2_9_percent_plus_30_cents() -> None:
    # 5,000 / 25 = 200 payments: 2.9% = 145.00; 200 x 0.30 = 60.00; total 205.00 = 4.10%
    survey = make_survey(country="US", currency="USD", volume="5000", ticket="25")
    result = estimate(survey, CATALOG.get("stripe"), RATES)
    assert result.total == usd("205.00")
    assert result.effective_rate == Decimal("4.10")
    assert result.settlement_days == 2


def test_square_in_person_2_6_percent_plus_15_cents() -> None:
    # 2,000 / 20 = 100 payments: 2.6% = 52.00; 100 x 0.15 = 15.00
    survey = make_survey(
        country="US", currency="USD", volume="2000", ticket="20", channels=(Channel.POS,)
    )
    result = estimate(survey, CATALOG.get("square"), RATES)
    assert result.schedule_id == "in-person-us"
    assert result.total == usd("67.00")


def test_channels_priced_differently_use_the_dearest_schedule_and_say_so() -> None:
    survey = make_survey(
        country="US",
        currency="USD",
        volume="2000",
        ticket="20",
        channels=(Channel.WEB, Channel.POS),
    )
    result = estimate(survey, CATALOG.get("stripe"), RATES)
    assert result.schedule_id == "cards-us"  # 2.9% + 0.30 beats 2.7% + 0.05
    assert result.total == usd("88.00")  # 58.00 + 100 x 0.30
    assert any("dearest" in str(note) for note in result.notes)


def test_the_number_of_payments_is_rounded_half_up() -> None:
    # 1,000 / 400 = 2.5 payments -> 3 fixed fees of 0.30
    survey = make_survey(country="US", currency="USD", volume="1000", ticket="400")
    result = estimate(survey, CATALOG.get("stripe"), RATES)
    assert result.transactions == 3
    assert amounts(result)[LineKind.FIXED] == usd("0.90")


# --- Other currencies -----------------------------------------------------------------------

ROUND_RATES = RatesTable(
    base="USD", as_of=date(2026, 1, 2), source="test", rates={"EUR": Decimal("0.9")}
)


def test_fees_published_in_another_currency_are_converted_and_say_so() -> None:
    # A US Stripe account pricing in EUR, 1 USD = 0.9 EUR:
    # 2.9% of 10,000 = 290.00; 0.30 USD = 0.27 EUR x 200 = 54.00; conversion 1% = 100.00.
    survey = make_survey(country="US", currency="EUR", volume="10000", ticket="50")
    result = estimate(survey, CATALOG.get("stripe"), ROUND_RATES)
    assert amounts(result) == {
        LineKind.TRANSACTION_PERCENT: Money.of("290.00", "EUR"),
        LineKind.FIXED: Money.of("54.00", "EUR"),
        LineKind.FX: Money.of("100.00", "EUR"),
    }
    assert result.total == Money.of("444.00", "EUR")
    assert result.exchange_rate is not None
    assert (result.exchange_rate.rate, result.exchange_rate.as_of) == (
        Decimal("0.9"),
        date(2026, 1, 2),
    )
    assert any("1 USD = 0.9 EUR (rates of 2026-01-02)" in str(n) for n in result.notes)


def test_the_shipped_rates_table_gives_the_rate_and_its_date() -> None:
    survey = make_survey(country="US", currency="EUR", volume="10000", ticket="50")
    result = estimate(survey, CATALOG.get("stripe"), RATES)
    assert result.exchange_rate is not None
    assert result.exchange_rate.rate == Decimal("0.8615490652")  # 1 / 1.1607, 10 digits
    assert result.exchange_rate.as_of == date(2025, 10, 21)
    assert amounts(result)[LineKind.FIXED] == Money.of("52.00", "EUR")  # 0.26 x 200


def test_without_a_rate_fixed_fees_are_unconfirmed_not_guessed() -> None:
    survey = make_survey(country="US", currency="TWD", volume="10000", ticket="50")
    result = estimate(survey, CATALOG.get("stripe"), RATES)
    assert amounts(result)[LineKind.FIXED] is None
    assert result.total is None
    assert result.known_part == Money.of("390.00", "TWD")  # 2.9% + 1% conversion


def test_yen_amounts_round_to_whole_yen() -> None:
    # PayPay 1.98% of 123,456 JPY = 2,444.4288 -> 2,444 JPY
    survey = make_survey(
        country="JP", currency="JPY", volume="123456", ticket="1000", channels=(Channel.INSTORE_QR,)
    )
    result = estimate(survey, CATALOG.get("paypay"), RATES)
    assert result.total == Money.of("2444", "JPY")


# --- Unknown figures ------------------------------------------------------------------------


def test_an_unconfirmed_payout_fee_makes_the_estimate_unconfirmed() -> None:
    result = estimate(make_survey(payouts=4), CATALOG.get("wechatpay"), RATES)
    assert result.total is None and result.effective_rate is None
    assert result.known_part == cny("600.00")
    assert [str(item) for item in result.unconfirmed] == ["Payouts to your bank"]


def test_a_provider_without_a_public_rate_gets_no_invented_number() -> None:
    result = estimate(make_survey(), CATALOG.get("unionpay"), RATES)
    assert amounts(result)[LineKind.TRANSACTION_PERCENT] is None
    assert result.total is None
    assert result.known_part == cny("0")


def test_no_fee_schedule_for_the_merchants_country_says_so() -> None:
    survey = make_survey(country="GB", currency="GBP", volume="1000", ticket="10")
    result = estimate(survey, CATALOG.get("paypal"), RATES)
    assert result.lines == ()
    assert result.total is None
    assert "the United Kingdom" in str(result.unconfirmed[0])


def test_interchange_passed_through_at_cost_is_unconfirmed() -> None:
    survey = make_survey(country="US", currency="USD", volume="10000", ticket="50")
    result = estimate(survey, CATALOG.get("adyen"), RATES)
    assert amounts(result)[LineKind.INTERCHANGE] is None
    assert result.known_part == usd("86.00")  # 0.60% = 60.00 + 200 x 0.13 = 26.00


# --- Survey facts the engine refuses ---------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"volume": "0"}, "above zero"),
        ({"volume": "-100"}, "above zero"),
        ({"volume": "100", "ticket": "101"}, "larger than the monthly volume"),
        ({"volume": "100.001"}, "more decimals"),
        ({"volume": "1" + "0" * 39}, "too large"),
        ({"regions": {"CN": 60, "HK": 30}}, "add up to 90%"),
        ({"regions": {"cn": 100}}, "Unknown region"),
        ({"currency": "XYZ"}, "XYZ"),
        ({"country": "cn"}, "two capital letters"),
        ({"country": "ΑΒ"}, "two capital letters"),
        ({"channels": ()}, "sales channel"),
        ({"payouts": 32}, "from 0 to 31"),
        ({"cross_border": "101"}, "cross-border share"),
    ],
)
def test_survey_facts_refuse_bad_input_with_a_plain_message(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises((SurveyError, CurrencyError)) as caught:
        make_survey(**overrides)  # type: ignore[arg-type]
    assert message in str(caught.value)
