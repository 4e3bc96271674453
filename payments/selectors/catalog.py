"""The catalog as the fee engine sees it (``ProviderFacts``), built from the rows.

Rows are turned back into the data file's shape and go through the same strict parser as
the file, so an admin edit is checked exactly like a change to providers.json. A provider
whose rows no longer pass is left out of every quote and its problem is logged (and shown in
the admin), rather than breaking the pages of every merchant.

The built catalog is kept in the process, keyed by the release token: a page costs one
query while the catalog is unchanged, and the few prefetch queries of a rebuild do not grow
with the number of providers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from onboarding.prepared import PreparedQuery
from payments.catalog.schema import (
    ANY,
    CatalogError,
    ProviderFacts,
    load_fx_rates,
    parse_catalog,
)
from payments.models import (
    CatalogRelease,
    CodeKind,
    FeeSchedule,
    PayoutRule,
    Provider,
    ProviderCode,
)
from payments.money import RatesTable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogFacts:
    token: str
    version: int
    as_of: date | None
    providers: tuple[ProviderFacts, ...]
    problems: Mapping[str, str]  # slug -> why its rows were left out

    def get(self, slug: str) -> ProviderFacts | None:
        return next((p for p in self.providers if p.slug == slug), None)


_cached: CatalogFacts | None = None
_lock = threading.Lock()


def provider_rows() -> QuerySet[Provider]:
    """Active providers with everything the fee engine needs, in a fixed number of queries."""
    return Provider.objects.filter(active=True).prefetch_related(
        "sources",
        "codes",
        Prefetch("fee_schedules", queryset=FeeSchedule.objects.select_related("payout")),
        "credential_fields",
        "kyc_documents",
        "support",
        "certifications",
    )


_RELEASE: PreparedQuery[dict] = PreparedQuery(
    lambda: CatalogRelease.objects.values("token", "version", "as_of").order_by("pk")[:1]
)


def catalog_facts(token: str | None = None) -> CatalogFacts:
    """The active catalog; one query when nothing changed since this process last built it,
    none when the caller read the release ``token`` in a query of its own and it matches."""
    global _cached
    if token is not None and _cached is not None and _cached.token == token:
        return _cached
    release = _RELEASE.first()
    if release is None:
        return CatalogFacts("", 0, None, (), {})
    cached = _cached
    if cached is not None and cached.token == release["token"]:
        return cached
    with _lock:
        facts = _build(release, provider_rows())
        _cached = facts
    return facts


def provider_slugs_matching(*, country: str | None, currency: str | None) -> set[str]:
    """Active providers that onboard merchants of ``country`` and accept ``currency``
    ("*" in the data matches any), filtered in the database."""
    rows = Provider.objects.filter(active=True)
    for kind, code in ((CodeKind.MERCHANT_COUNTRY, country), (CodeKind.CURRENCY, currency)):
        if code:
            rows = rows.filter(
                Exists(
                    ProviderCode.objects.filter(
                        provider=OuterRef("pk"), kind=kind, code__in=[code, ANY]
                    )
                )
            )
    return set(rows.values_list("slug", flat=True))


def catalog_cache_clear() -> None:
    global _cached
    _cached = None


@cache
def fx_rates() -> RatesTable:
    """The rates table kept as data next to the catalog (fx_rates.json), read once."""
    return load_fx_rates()


def _build(release: Mapping[str, Any], rows: Iterable[Provider]) -> CatalogFacts:
    providers: list[ProviderFacts] = []
    problems: dict[str, str] = {}
    for row in rows:
        try:
            providers.append(provider_facts_from_row(row, as_of=release["as_of"]))
        except CatalogError as exc:
            problems[row.slug] = str(exc)
            logger.error("catalog provider %s left out: %s", row.slug, exc)
    return CatalogFacts(
        token=release["token"],
        version=release["version"],
        as_of=release["as_of"],
        providers=tuple(providers),
        problems=problems,
    )


def provider_facts_from_row(row: Provider, *, as_of: date | None = None) -> ProviderFacts:
    """One provider's rows, checked by the data file's parser; raises CatalogError."""
    data = {
        "version": 1,
        "as_of": (as_of or date.today()).isoformat(),
        "providers": [provider_data(row)],
    }
    return parse_catalog(data).providers[0]


# --- rows back into the data file's shape -------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    """A decimal column as the file writes it: Decimal("0.6000") -> "0.6"."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figures(row: Any, provenance: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Every figure the provenance names, with its value from the column of the same name."""
    return {
        name: {"value": _text(getattr(row, name)), **dict(facts)}
        for name, facts in provenance.items()
    }


def _codes(row: Provider, kind: str) -> list[str]:
    return [c.code for c in row.codes.all() if c.kind == kind]


def _sourced(source: str) -> dict[str, str]:
    return {"source": source} if source else {}


def _payout(rule: PayoutRule) -> dict[str, Any]:
    data: dict[str, Any] = {**_figures(rule, rule.figures), "note": rule.note}
    if rule.free_quota_period:
        data["free_quota_period"] = rule.free_quota_period
    return data


def _schedule(schedule: FeeSchedule) -> dict[str, Any]:
    try:
        payout = _payout(schedule.payout)
    except PayoutRule.DoesNotExist:
        raise CatalogError(f"schedule {schedule.key}: the payout rule is missing") from None
    return {
        "id": schedule.key,
        "label": schedule.label,
        "merchant_countries": schedule.merchant_countries,
        "channels": schedule.channels,
        "currency": schedule.currency or None,
        "settlement_currencies": schedule.settlement_currencies,
        **_figures(schedule, schedule.figures),
        "payout": payout,
        "note": schedule.note,
    }


def provider_data(row: Provider) -> dict[str, Any]:
    """The provider as an entry of providers.json (prefetched relations are used)."""
    kyc: dict[str, list[dict[str, Any]]] = {}
    for doc in row.kyc_documents.all():
        kyc.setdefault(doc.country, []).append(
            {"code": doc.code, "label": doc.label, "confidence": doc.confidence}
            | _sourced(doc.source)
        )
    return {
        "slug": row.slug,
        "name": row.name,
        "access": row.access,
        "psp": row.psp or None,
        "summary": row.summary,
        "coverage": {
            "merchant_countries": _codes(row, CodeKind.MERCHANT_COUNTRY),
            "customer_regions": _codes(row, CodeKind.CUSTOMER_REGION),
            "customer_regions_excluded": _codes(row, CodeKind.EXCLUDED_REGION),
            "currencies": _codes(row, CodeKind.CURRENCY),
            "channels": _codes(row, CodeKind.CHANNEL),
            "wallets": _codes(row, CodeKind.WALLET),
            "confidence": row.coverage_confidence,
            "sources": row.coverage_sources,
            "note": row.coverage_note,
        },
        "fee_schedules": [_schedule(s) for s in row.fee_schedules.all()],
        "credential_fields": [
            {
                "name": f.name,
                "secret": f.secret,
                "required": f.required,
                "format_hint": f.format_hint,
                "confirmed": f.confirmed,
            }
            for f in row.credential_fields.all()
        ],
        "kyc_documents": kyc,
        "support": [
            {"kind": s.kind, "detail": s.detail, "confidence": s.confidence} | _sourced(s.source)
            for s in row.support.all()
        ],
        "support_note": row.support_note,
        "certifications": [
            {"name": c.name, "confidence": c.confidence} | _sourced(c.source)
            for c in row.certifications.all()
        ],
        "certifications_note": row.certifications_note,
        "sandbox": {
            "available": row.sandbox_available,
            "confidence": row.sandbox_confidence,
            "note": row.sandbox_note,
        }
        | _sourced(row.sandbox_source),
        "sources": [
            {"id": s.key, "url": s.url, "date": s.date or None, "kind": s.kind, "note": s.note}
            for s in row.sources.all()
        ],
    }
