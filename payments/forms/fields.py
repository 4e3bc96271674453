"""Form fields for money and percentages, with messages that say how to fix the input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from payments import validation


class AmountField(forms.DecimalField):
    """A money amount; spaces, commas and underscores people type as separators are dropped.

    A text box, not type=number: browsers drop separators and 40-digit numbers silently; the
    server says what is wrong instead."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", validation.AMOUNT_MESSAGES)
        super().__init__(max_digits=17, decimal_places=3, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("_", "")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}


class PercentField(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", validation.PERCENT_MESSAGES)
        super().__init__(
            max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100), **kwargs
        )
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "percent"})
