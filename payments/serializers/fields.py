"""Fields shared by the payments API: strict decimals in, money and sourced figures out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from payments import validation
from payments.catalog.schema import Figure
from payments.money import Money

FLOAT_MESSAGE = _(
    'Send amounts as strings, e.g. "250000.00": a JSON number with a decimal point may lose '
    "precision."
)


class StrictDecimalField(serializers.DecimalField):
    """A decimal from a string or a whole JSON number; a JSON float is refused by name."""

    def __init__(self, *, percent: bool = False, **kwargs: Any) -> None:
        messages = validation.PERCENT_MESSAGES if percent else validation.AMOUNT_MESSAGES
        kwargs.setdefault("error_messages", {**messages, "float": FLOAT_MESSAGE})
        if percent:
            kwargs.update(max_digits=5, decimal_places=2)
            kwargs.setdefault("min_value", Decimal(0))
            kwargs.setdefault("max_value", Decimal(100))
        else:
            kwargs.update(max_digits=17, decimal_places=3)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, float):
            self.fail("float")
        if isinstance(data, bool) or not isinstance(data, str | int | Decimal):
            self.fail("invalid")
        return super().to_internal_value(data)


def choice(choices: Any, invalid: Any, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, error_messages={"invalid_choice": invalid}, **kwargs
    )


class MoneySerializer(serializers.Serializer):
    amount = serializers.CharField(help_text="Decimal string, e.g. 600.00")
    currency = serializers.CharField(help_text="ISO 4217 code")


@extend_schema_field(MoneySerializer)
class MoneyField(serializers.Field):
    def to_representation(self, value: Money) -> dict[str, str]:
        return {"amount": f"{value.amount:f}", "currency": value.currency}


class FigureSerializer(serializers.Serializer):
    value = serializers.CharField(allow_null=True, help_text="Decimal string; null: unconfirmed")
    confidence = serializers.CharField()
    source = serializers.CharField(allow_null=True, help_text="id of one of the sources")
    note = serializers.CharField()


@extend_schema_field(FigureSerializer(allow_null=True))
class FigureField(serializers.Field):
    def to_representation(self, figure: Figure | None) -> dict[str, Any] | None:
        if figure is None:
            return None
        return {
            "value": None if figure.value is None else f"{figure.value:f}",
            "confidence": figure.confidence.value,
            "source": figure.source.id if figure.source else None,
            "note": figure.note,
        }


class CountryCodeField(serializers.CharField):
    """An ISO 3166 alpha-2 code that django-countries knows, e.g. CN."""

    default_error_messages = {
        "unknown": _('"{input}" is not a country or region code: use two capital letters, e.g. CN.')
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("min_length", 2)
        messages = {"max_length": self.default_error_messages["unknown"]}
        kwargs.setdefault("error_messages", messages | {"min_length": messages["max_length"]})
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        code = super().to_internal_value(data).upper()
        if code not in countries:
            self.fail("unknown", input=code)
        return code
