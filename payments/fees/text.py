"""Deferred, translatable text: fee texts follow the language they are rendered in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise, lazy

type Text = str | Promise


def _interpolate(template: Text, params: Mapping[str, object]) -> str:
    return str(template) % {key: str(value) for key, value in params.items()}


def _join(items: Sequence[object], separator: str) -> str:
    return separator.join(str(item) for item in items)


_lazy_interpolate = lazy(_interpolate, str)
_lazy_join = lazy(_join, str)


def interpolate(template: Text, **params: object) -> Text:
    """``template % params``, deferred until rendered so that it follows the active language
    (``gettext_lazy(...) % {...}`` would translate at once, in whatever language is active)."""
    return _lazy_interpolate(template, params)


def join_text(items: Iterable[object], separator: str = ", ") -> Text:
    return _lazy_join(tuple(items), separator)


def format_percent(value: Decimal) -> str:
    """0.6 -> "0.6", 3.490 -> "3.49", 100 -> "100" (at most 2 decimals, half-up)."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
