"""Money as an exact Decimal amount with its ISO 4217 currency, and the rounding and conversion
rules every fee figure in Kaitong goes through.

Rules kept here so that no other module has to remember them:

* An amount is a ``Decimal`` (or an ``int``/decimal string turned into one by ``Money.of``).
  A ``float`` is refused everywhere: binary floats cannot hold 0.1 exactly, and a fee engine
  that is off by a cent is wrong in front of a merchant.
* Arithmetic keeps full precision; nothing is rounded implicitly. Rounding happens only where a
  caller asks for it, with ``round_to_minor_unit`` / ``Money.rounded``: ROUND_HALF_UP to the
  currency's minor unit (2 decimals for CNY or USD, 0 for JPY or KRW), the way payment
  providers and most people round.
* Two amounts in different currencies never add or compare silently; ``RatesTable.convert``
  is the only way across, and its ``ExchangeRate`` says which rate and which date it used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from types import MappingProxyType

# ISO 4217 minor units (number of decimals) for the currencies the catalog, the survey and the
# rates table use. A currency missing here is unknown to Kaitong: refusing it beats guessing
# whether it has 0, 2 or 3 decimals.
MINOR_UNITS: Mapping[str, int] = MappingProxyType(
    {
        "AUD": 2,
        "BGN": 2,
        "BHD": 3,
        "BRL": 2,
        "CAD": 2,
        "CHF": 2,
        "CLP": 0,
        "CNY": 2,
        "CZK": 2,
        "DKK": 2,
        "EUR": 2,
        "GBP": 2,
        "HKD": 2,
        "HUF": 2,
        "IDR": 2,
        "ILS": 2,
        "INR": 2,
        "ISK": 0,
        "JOD": 3,
        "JPY": 0,
        "KRW": 0,
        "KWD": 3,
        "MOP": 2,
        "MXN": 2,
        "MYR": 2,
        "NOK": 2,
        "NZD": 2,
        "PHP": 2,
        "PLN": 2,
        "RON": 2,
        "RUB": 2,
        "SEK": 2,
        "SGD": 2,
        "THB": 2,
        "TRY": 2,
        "TWD": 2,
        "USD": 2,
        "VND": 0,
        "ZAR": 2,
    }
)

# Cross rates are rounded to this many significant digits, so that the rate we print is
# exactly the rate we multiplied by.
RATE_SIGNIFICANT_DIGITS = 10
_RATE_CONTEXT = Context(prec=RATE_SIGNIFICANT_DIGITS, rounding=ROUND_HALF_UP)


class CurrencyError(ValueError):
    """An unknown currency code, or two currencies mixed without a conversion."""


class MoneyTypeError(TypeError):
    """A float (or another non-decimal type) was offered as an amount."""


def is_known_currency(code: str) -> bool:
    return code in MINOR_UNITS


def minor_unit(currency: str) -> int:
    """Number of decimals of ``currency`` (2 for CNY, 0 for JPY)."""
    try:
        return MINOR_UNITS[currency]
    except KeyError:
        raise CurrencyError(f"unknown currency code {currency!r}") from None


def quantum(currency: str) -> Decimal:
    """The smallest amount of ``currency``: Decimal('0.01') for CNY, Decimal('1') for JPY."""
    return Decimal(1).scaleb(-minor_unit(currency))


def round_to_minor_unit(amount: Decimal, currency: str) -> Decimal:
    """ROUND_HALF_UP to the minor unit of ``currency``: 0.005 CNY -> 0.01, 0.5 JPY -> 1."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_UP)


def is_whole_minor_units(amount: Decimal, currency: str) -> bool:
    """True when ``amount`` needs no rounding in ``currency`` (1.50 USD yes, 1.505 USD no).

    Read from the digits, not by quantizing, so that it also answers for amounts longer than
    the Decimal context's precision (a 40-digit volume typed into a form)."""
    _sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        return False
    beyond = -exponent - minor_unit(currency)
    return beyond <= 0 or not any(digits[-beyond:])


def to_decimal(value: Decimal | int | str) -> Decimal:
    """A finite Decimal from a Decimal, an int or a decimal string; floats are refused."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise MoneyTypeError(
            f"amounts must be Decimal, int or a decimal string, not {type(value).__name__}"
        )
    try:
        result = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    return result


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Not rounded unless ``rounded()`` is called."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, Decimal):
            raise MoneyTypeError(
                f"Money.amount must be a Decimal, not {type(self.amount).__name__}; "
                "use Money.of() for ints and strings"
            )
        if not self.amount.is_finite():
            raise ValueError("Money.amount must be finite")
        minor_unit(self.currency)

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        """``Money.of("12.30", "CNY")``; refuses floats."""
        return cls(to_decimal(amount), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise MoneyTypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyError(
                f"cannot combine {self.currency} and {other.currency} without a conversion"
            )

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            raise MoneyTypeError(f"Money can be multiplied by Decimal or int, not {factor!r}")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount >= other.amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def rounded(self) -> Money:
        """Half-up to the currency's minor unit."""
        return Money(round_to_minor_unit(self.amount, self.currency), self.currency)

    def __str__(self) -> str:
        """ "100,000.00 CNY"; an amount finer than the minor unit keeps all its digits."""
        amount = self.amount
        if is_whole_minor_units(amount, self.currency):
            amount = amount.quantize(quantum(self.currency))
        return f"{amount:,f} {self.currency}"


def sum_money(amounts: Iterable[Money], currency: str) -> Money:
    """Exact sum; an empty sequence is zero in ``currency``."""
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """One rate taken from a rates table, kept so that a result can say how it was converted."""

    from_currency: str
    to_currency: str
    rate: Decimal  # units of to_currency for 1 unit of from_currency
    as_of: date
    source: str

    def apply(self, money: Money) -> Money:
        """``money`` in ``to_currency``, rounded half-up to its minor unit."""
        if money.currency != self.from_currency:
            raise CurrencyError(f"this rate converts {self.from_currency}, not {money.currency}")
        return Money(money.amount * self.rate, self.to_currency).rounded()


@dataclass(frozen=True, slots=True)
class RatesTable:
    """Exchange rates against one base currency: ``rates[X]`` units of X buy 1 ``base``."""

    base: str
    as_of: date
    source: str
    rates: Mapping[str, Decimal]
    note: str = ""

    def __post_init__(self) -> None:
        minor_unit(self.base)
        for code, rate in self.rates.items():
            minor_unit(code)
            if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
                raise ValueError(f"rate for {code} must be a positive Decimal, got {rate!r}")

    def has(self, currency: str) -> bool:
        return currency == self.base or currency in self.rates

    def _per_base(self, currency: str) -> Decimal:
        if currency == self.base:
            return Decimal(1)
        try:
            return self.rates[currency]
        except KeyError:
            raise CurrencyError(
                f"no exchange rate for {currency} in the rates table of {self.as_of}"
            ) from None

    def exchange_rate(self, from_currency: str, to_currency: str) -> ExchangeRate:
        """Units of ``to_currency`` for 1 ``from_currency``, to 10 significant digits."""
        if from_currency == to_currency:
            rate = Decimal(1)
        else:
            rate = _RATE_CONTEXT.divide(self._per_base(to_currency), self._per_base(from_currency))
        return ExchangeRate(from_currency, to_currency, rate, self.as_of, self.source)

    def convert(self, money: Money, to_currency: str) -> Money:
        """``money`` in ``to_currency``, rounded half-up to its minor unit."""
        return self.exchange_rate(money.currency, to_currency).apply(money)
