"""Tests of the pure payments core (money, catalog, fees, recommender), and their small builders.

They run under pytest-django or without it (``-p no:django --noconftest``). Without it,
Django's settings are configured here only so that lazy translations can be rendered, in
English, by ``str()``.
"""

import copy
import os
from decimal import Decimal
from typing import Any

from django.conf import settings

from payments.catalog.schema import Channel, ProviderFacts, parse_catalog
from payments.fees import Priority, SurveyFacts
from payments.money import Money

if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
    settings.configure(USE_I18N=False)


def make_survey(
    *,
    country: str = "CN",
    currency: str = "CNY",
    volume: str = "100000",
    ticket: str = "100",
    regions: dict[str, int] | None = None,
    channels: tuple[Channel, ...] = (Channel.WEB,),
    payouts: int = 0,
    cross_border: str = "0",
    wallets: dict[str, int] | None = None,
    priorities: tuple[Priority, ...] = (),
) -> SurveyFacts:
    """A survey from plain literals; amounts are strings so that no float sneaks in."""
    return SurveyFacts(
        merchant_country=country,
        currency=currency,
        monthly_volume=Money.of(volume, currency),
        average_ticket=Money.of(ticket, currency),
        region_shares={k: Decimal(v) for k, v in (regions or {country: 100}).items()},
        channels=frozenset(channels),
        payouts_per_month=payouts,
        cross_border_share=Decimal(cross_border),
        wallet_shares={k: Decimal(v) for k, v in (wallets or {}).items()},
        priorities=frozenset(priorities),
    )


def figure(value: str | None, note: str = "") -> dict[str, Any]:
    if value is None:
        return {"value": None, "confidence": "unconfirmed", "note": note or "not published"}
    return {"value": value, "confidence": "official", "source": "doc"}


MINIMAL_PROVIDER: dict[str, Any] = {
    "slug": "testpay",
    "name": "TestPay",
    "access": "direct",
    "psp": None,
    "summary": "A provider made up for tests.",
    "coverage": {
        "merchant_countries": ["CN"],
        "customer_regions": ["CN"],
        "customer_regions_excluded": [],
        "currencies": ["CNY"],
        "channels": ["web"],
        "wallets": ["testwallet"],
        "confidence": "official",
        "sources": ["doc"],
        "note": "",
    },
    "fee_schedules": [
        {
            "id": "standard",
            "label": "Standard",
            "merchant_countries": ["CN"],
            "channels": ["web"],
            "currency": "CNY",
            "settlement_currencies": ["CNY"],
            "percent": figure("1"),
            "fixed": figure("0"),
            "cross_border_percent": figure("0"),
            "fx_percent": figure("0"),
            "settlement_days": figure("1"),
            "payout": {"percent": figure("0"), "fixed": figure("0"), "note": ""},
            "note": "",
        }
    ],
    "credential_fields": [
        {
            "name": "api_key",
            "secret": True,
            "required": True,
            "format_hint": "any",
            "confirmed": True,
        }
    ],
    "kyc_documents": {"*": [{"code": "id", "label": "ID card", "confidence": "unconfirmed"}]},
    "support": [],
    "support_note": "",
    "certifications": [],
    "certifications_note": "",
    "sandbox": {"available": None, "confidence": "unconfirmed", "note": "unknown"},
    "sources": [
        {
            "id": "doc",
            "url": "https://example.com/pricing",
            "date": "2026-01-01",
            "kind": "official",
            "note": "",
        }
    ],
}


def catalog_data(*providers: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "as_of": "2026-11-26",
        "providers": list(providers) or [copy.deepcopy(MINIMAL_PROVIDER)],
    }


def make_provider(**schedule_overrides: Any) -> ProviderFacts:
    """The minimal provider with its one fee schedule's keys replaced."""
    data = copy.deepcopy(MINIMAL_PROVIDER)
    data["fee_schedules"][0].update(schedule_overrides)
    return parse_catalog(catalog_data(data)).providers[0]
