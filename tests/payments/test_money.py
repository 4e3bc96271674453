from datetime import date
from decimal import Decimal

import pytest

from payments.money import (
    CurrencyError,
    Money,
    MoneyTypeError,
    RatesTable,
    minor_unit,
    round_to_minor_unit,
    sum_money,
)

RATES = RatesTable(
    base="EUR",
    as_of=date(2025, 10, 21),
    source="test table",
    rates={"USD": Decimal("1.25"), "CNY": Decimal("8"), "JPY": Decimal("160")},
)


def test_money_refuses_a_float_amount() -> None:
    with pytest.raises(MoneyTypeError):
        Money(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(MoneyTypeError):
        Money.of(0.1, "USD")  # type: ignore[arg-type]


def test_money_of_takes_decimal_strings_and_ints_exactly() -> None:
    assert Money.of("0.10", "USD").amount == Decimal("0.10")
    assert Money.of(7, "JPY").amount == Decimal(7)


def test_money_refuses_not_a_number_and_infinity() -> None:
    with pytest.raises(ValueError, match="not a decimal"):
        Money.of("12,5", "USD")
    with pytest.raises(ValueError, match="finite"):
        Money(Decimal("Infinity"), "USD")


def test_money_refuses_an_unknown_currency_code() -> None:
    with pytest.raises(CurrencyError, match="XYZ"):
        Money.of("1", "XYZ")


def test_amounts_in_different_currencies_do_not_add_or_compare() -> None:
    with pytest.raises(CurrencyError):
        Money.of("1", "USD") + Money.of("1", "CNY")
    with pytest.raises(CurrencyError):
        assert Money.of("1", "USD") < Money.of("2", "CNY")


def test_money_multiplies_by_decimal_or_int_but_not_float() -> None:
    assert Money.of("0.30", "USD") * 200 == Money.of("60", "USD")
    with pytest.raises(MoneyTypeError):
        Money.of("0.30", "USD") * 1.5  # type: ignore[operator]


def test_yen_and_won_have_no_minor_unit_and_yuan_has_two() -> None:
    assert (minor_unit("JPY"), minor_unit("KRW"), minor_unit("CNY"), minor_unit("USD")) == (
        0,
        0,
        2,
        2,
    )


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1.005", "CNY", "1.01"),  # half-up, where banker's rounding would give 1.00
        ("1.0049", "CNY", "1.00"),
        ("2444.5", "JPY", "2445"),
        ("2444.4288", "JPY", "2444"),
        ("0.125", "USD", "0.13"),
    ],
)
def test_rounding_is_half_up_to_the_currency_minor_unit(
    amount: str, currency: str, expected: str
) -> None:
    assert round_to_minor_unit(Decimal(amount), currency) == Decimal(expected)
    assert Money.of(amount, currency).rounded() == Money.of(expected, currency)


def test_money_prints_its_minor_units_with_thousands_separators() -> None:
    assert str(Money.of("100000", "CNY")) == "100,000.00 CNY"
    assert str(Money.of("2444", "JPY")) == "2,444 JPY"
    assert str(Money.of("0.125", "USD")) == "0.125 USD"


def test_sum_of_nothing_is_zero_in_the_given_currency() -> None:
    assert sum_money([], "CNY") == Money.zero("CNY")


def test_cross_rate_goes_through_the_base_currency() -> None:
    # 1 USD = 8 / 1.25 CNY
    assert RATES.exchange_rate("USD", "CNY").rate == Decimal("6.4")
    assert RATES.exchange_rate("CNY", "CNY").rate == Decimal(1)


def test_conversion_rounds_half_up_and_keeps_rate_and_date() -> None:
    rate = RATES.exchange_rate("USD", "EUR")
    assert rate.rate == Decimal("0.8")
    assert rate.as_of == date(2025, 10, 21)
    assert rate.apply(Money.of("0.30", "USD")) == Money.of("0.24", "EUR")
    assert RATES.convert(Money.of("0.49", "USD"), "JPY") == Money.of("63", "JPY")  # 62.72


def test_a_rate_cannot_convert_another_currency() -> None:
    with pytest.raises(CurrencyError):
        RATES.exchange_rate("USD", "EUR").apply(Money.of("1", "CNY"))


def test_a_currency_missing_from_the_table_is_an_error_not_a_guess() -> None:
    with pytest.raises(CurrencyError, match="TWD"):
        RATES.exchange_rate("USD", "TWD")
    assert not RATES.has("TWD")
