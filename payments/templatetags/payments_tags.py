"""Display helpers for money, catalog codes and the provenance of figures."""

from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import urlsplit

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from payments.catalog import (
    CHANNEL_LABELS,
    CONFIDENCE_LABELS,
    SUPPORT_KIND_LABELS,
    region_name,
)
from payments.catalog.schema import ANY, Channel, Confidence, Figure
from payments.comparison import SourceNote, figure_sources
from payments.fees import format_percent
from payments.money import Money

register = template.Library()
# Above this many countries a list stops being readable; the count says enough.
MAX_LISTED = 6


@register.filter
def money(value: Money | None) -> str:
    """ "100,000.00 CNY"; an unknown amount says so."""
    if value is None or value == "":
        return _("unconfirmed")
    return str(value.rounded())


@register.filter
def percent(value: Decimal | None) -> str:
    if value is None or value == "":
        return _("unconfirmed")
    return f"{format_percent(value)}%"


@register.filter
def whole(value: Decimal) -> int:
    return int(value)


@register.filter
def regions(codes: Iterable[str]) -> str:
    codes = sorted(codes)
    if ANY in codes:
        return _("anywhere")
    if len(codes) > MAX_LISTED:
        return ngettext(
            "%(count)s country or region", "%(count)s countries or regions", len(codes)
        ) % {"count": len(codes)}
    return ", ".join(str(region_name(code)) for code in codes)


@register.filter
def currencies(codes: Iterable[str]) -> str:
    codes = sorted(codes)
    return _("any currency") if ANY in codes else ", ".join(codes)


@register.filter
def channels(codes: Iterable[Channel]) -> str:
    return ", ".join(str(CHANNEL_LABELS[Channel(code)]) for code in sorted(codes))


@register.filter
def support_kinds(kinds: Iterable[str]) -> str:
    return ", ".join(str(SUPPORT_KIND_LABELS.get(kind, kind)) for kind in sorted(kinds))


@register.filter
def confidence(value: Confidence | str) -> str:
    return str(CONFIDENCE_LABELS.get(Confidence(value), value))


@register.filter
def host(url: str) -> str:
    """The site a source is on: the link text of a citation."""
    return urlsplit(url).hostname or url


@register.filter
def sources(figures: Iterable[Figure]) -> list[SourceNote]:
    return figure_sources(figures)
