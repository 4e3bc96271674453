"""Loading the versioned data file into the catalog rows, idempotently.

``catalog_sync`` compares every row with what the file says and writes only the differences:
a second run with the same file changes nothing (no write, same row ids); an edited figure
updates its row; a provider that left the file is marked inactive, never deleted (merchants'
selections point at it). Child rows (sources, codes, schedules, ...) no longer in the file
are deleted. Any change gives the release a new token, so cached copies are read again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from payments.catalog.schema import (
    PROVIDERS_FILE,
    Catalog,
    CatalogError,
    FeeSchedule,
    Figure,
    ProviderFacts,
    load_catalog,
)
from payments.models import (
    CatalogRelease,
    Certification,
    CodeKind,
    CredentialField,
    KycRequirement,
    PayoutRule,
    Provider,
    ProviderCode,
    ProviderSource,
    SupportChannel,
)
from payments.models import FeeSchedule as FeeScheduleRow

RELEASE_PK = 1
# The figure columns hold 10 digits before and 4 after the point.
_MAX_EXPONENT = -4
_MAX_VALUE = Decimal("1e10")


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    release_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated or self.release_changed)


def catalog_touch() -> str:
    """Mark the catalog as changed (after an admin edit); returns the new token."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        release, created = CatalogRelease.objects.get_or_create(
            pk=RELEASE_PK, defaults={"token": token}
        )
        if not created:
            release.token = token
            release.save(update_fields=["token", "changed_at"])
    return token


def catalog_load(*, path: Path = PROVIDERS_FILE) -> SyncReport:
    """Read and validate the data file, then sync the rows with it."""
    return catalog_sync(catalog=load_catalog(path))


def catalog_sync(*, catalog: Catalog) -> SyncReport:
    report = SyncReport()
    for provider in catalog.providers:
        _check_column_sizes(provider)
    with transaction.atomic():
        existing = {
            p.slug: p
            for p in Provider.objects.select_for_update().prefetch_related(
                "sources",
                "codes",
                "fee_schedules__payout",
                "credential_fields",
                "kyc_documents",
                "support",
                "certifications",
            )
        }
        for position, facts in enumerate(catalog.providers):
            row = existing.pop(facts.slug, None)
            if row is None:
                row = Provider.objects.create(**_provider_fields(facts, position))
                _sync_children(row, facts)
                report.created.append(facts.slug)
            elif _sync_provider(row, facts, position):
                report.updated.append(facts.slug)
            else:
                report.unchanged.append(facts.slug)
        for row in existing.values():
            if row.active:
                row.active = False
                row.save(update_fields=["active", "updated_at"])
                report.deactivated.append(row.slug)
        report.release_changed = _sync_release(catalog, changed=report.changed)
    return report


def _sync_release(catalog: Catalog, *, changed: bool) -> bool:
    wanted = {"version": catalog.version, "as_of": catalog.as_of, "note": catalog.note}
    release = CatalogRelease.objects.select_for_update().filter(pk=RELEASE_PK).first()
    if release is None:
        CatalogRelease.objects.create(pk=RELEASE_PK, token=uuid.uuid4().hex, **wanted)
        return True
    fields = _assign(release, wanted)
    if fields or changed:
        release.token = uuid.uuid4().hex
        release.save(update_fields=[*fields, "token", "changed_at"])
    return bool(fields)


def _check_column_sizes(provider: ProviderFacts) -> None:
    for schedule in provider.fee_schedules:
        for name, figure in _schedule_figures(schedule).items():
            value = figure.value if figure is not None else None
            if value is None:
                continue
            exponent = value.as_tuple().exponent
            if value >= _MAX_VALUE or (isinstance(exponent, int) and exponent < _MAX_EXPONENT):
                raise CatalogError(
                    f"{provider.slug}/{schedule.id}.{name}: {value} does not fit the catalog "
                    "columns (at most 10 digits before and 4 after the point)"
                )


# --- from the dataclasses to column values ----------------------------------------------------


def _provider_fields(p: ProviderFacts, position: int) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "access": p.access.value,
        "psp": p.psp or "",
        "summary": p.summary,
        "active": True,
        "position": position,
        "coverage_confidence": p.coverage.confidence.value,
        "coverage_sources": [s.id for s in p.coverage.sources],
        "coverage_note": p.coverage.note,
        "support_note": p.support_note,
        "certifications_note": p.certifications_note,
        "sandbox_available": p.sandbox.available,
        "sandbox_confidence": p.sandbox.confidence.value,
        "sandbox_source": p.sandbox.source.id if p.sandbox.source else "",
        "sandbox_note": p.sandbox.note,
    }


def _provenance(figures: Mapping[str, Figure | None]) -> dict[str, dict[str, str | None]]:
    return {
        name: {
            "confidence": f.confidence.value,
            "source": f.source.id if f.source else None,
            "note": f.note,
        }
        for name, f in figures.items()
        if f is not None
    }


def _values(figures: Mapping[str, Figure | None]) -> dict[str, Decimal | None]:
    return {name: f.value if f is not None else None for name, f in figures.items()}


def _schedule_figures(s: FeeSchedule) -> dict[str, Figure | None]:
    return {
        "percent": s.percent,
        "fixed": s.fixed,
        "cross_border_percent": s.cross_border_percent,
        "fx_percent": s.fx_percent,
        "pass_through_percent": s.pass_through_percent,
        "settlement_days": s.settlement_days,
    }


def _payout_fields(s: FeeSchedule) -> dict[str, Any]:
    rule = s.payout
    figures = {
        "percent": rule.percent,
        "fixed": rule.fixed,
        "minimum": rule.minimum,
        "maximum": rule.maximum,
        "free_quota": rule.free_quota,
    }
    return {
        **_values(figures),
        "free_quota_period": rule.free_quota_period.value if rule.free_quota_period else "",
        "figures": _provenance(figures),
        "note": rule.note,
    }


def _schedule_fields(s: FeeSchedule, position: int) -> dict[str, Any]:
    figures = _schedule_figures(s)
    return {
        "key": s.id,
        "label": s.label,
        "position": position,
        "merchant_countries": sorted(s.merchant_countries),
        "channels": sorted(c.value for c in s.channels),
        "currency": s.currency or "",
        "settlement_currencies": sorted(s.settlement_currencies),
        **_values(figures),
        "figures": _provenance(figures),
        "note": s.note,
    }


def _codes(p: ProviderFacts) -> list[tuple[str, str]]:
    c = p.coverage
    groups: list[tuple[str, Iterable[str]]] = [
        (CodeKind.MERCHANT_COUNTRY, c.merchant_countries),
        (CodeKind.CUSTOMER_REGION, c.customer_regions),
        (CodeKind.EXCLUDED_REGION, c.customer_regions_excluded),
        (CodeKind.CURRENCY, c.currencies),
        (CodeKind.CHANNEL, (ch.value for ch in c.channels)),
        (CodeKind.WALLET, c.wallets),
    ]
    return [(str(kind), code) for kind, codes in groups for code in sorted(codes)]


# --- writing only the differences ---------------------------------------------------------------


def _assign(row: models.Model, fields: Mapping[str, Any]) -> list[str]:
    """Set the fields whose stored value differs; returns their names."""
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, fields[name])
    return changed


def _sync_provider(row: Provider, facts: ProviderFacts, position: int) -> bool:
    changed = _assign(row, _provider_fields(facts, position))
    if changed:
        row.save(update_fields=[*changed, "updated_at"])
    children_changed = _sync_children(row, facts)
    if children_changed and not changed:
        row.save(update_fields=["updated_at"])
    return bool(changed) or children_changed


def _sync_rows[K: Hashable](
    model: type[models.Model],
    provider: Provider,
    existing: Iterable[Any],
    key: Callable[[Any], K],
    desired: Mapping[K, dict[str, Any]],
) -> tuple[bool, dict[K, Any]]:
    """Create, update or delete ``model`` rows of ``provider`` to match ``desired``; returns
    whether anything changed and the rows by key."""
    rows = {key(row): row for row in existing}
    kept: dict[K, Any] = {}
    changed = False
    for k, fields in desired.items():
        row = rows.pop(k, None)
        if row is None:
            row = model._default_manager.create(provider=provider, **fields)
            changed = True
        else:
            names = _assign(row, fields)
            if names:
                row.save(update_fields=names)
                changed = True
        kept[k] = row
    if rows:
        model._default_manager.filter(pk__in=[r.pk for r in rows.values()]).delete()
        changed = True
    return changed, kept


def _sync_children(row: Provider, facts: ProviderFacts) -> bool:
    prefetched = getattr(row, "_prefetched_objects_cache", {})

    def current(name: str) -> Iterable[Any]:
        return prefetched[name] if name in prefetched else getattr(row, name).all()

    changes = [
        _sync_rows(
            ProviderSource,
            row,
            current("sources"),
            lambda r: r.key,
            {
                s.id: {"key": s.id, "url": s.url, "date": s.date or "", "kind": s.kind.value}
                | {"note": s.note, "position": i}
                for i, s in enumerate(facts.sources)
            },
        )[0],
        _sync_rows(
            ProviderCode,
            row,
            current("codes"),
            lambda r: (r.kind, r.code),
            {(k, c): {"kind": k, "code": c} for k, c in _codes(facts)},
        )[0],
        _sync_rows(
            CredentialField,
            row,
            current("credential_fields"),
            lambda r: r.name,
            {
                f.name: {"name": f.name, "secret": f.secret, "required": f.required}
                | {"format_hint": f.format_hint, "confirmed": f.confirmed, "position": i}
                for i, f in enumerate(facts.credential_fields)
            },
        )[0],
        _sync_rows(
            KycRequirement,
            row,
            current("kyc_documents"),
            lambda r: (r.country, r.code),
            {
                (country, d.code): {"country": country, "code": d.code, "label": d.label}
                | {"confidence": d.confidence.value, "position": i}
                | {"source": d.source.id if d.source else ""}
                for country, docs in facts.kyc_documents.items()
                for i, d in enumerate(docs)
            },
        )[0],
        _sync_rows(
            SupportChannel,
            row,
            current("support"),
            lambda r: (r.kind, r.detail),
            {
                (c.kind, c.detail): {"kind": c.kind, "detail": c.detail, "position": i}
                | {"confidence": c.confidence.value, "source": c.source.id if c.source else ""}
                for i, c in enumerate(facts.support)
            },
        )[0],
        _sync_rows(
            Certification,
            row,
            current("certifications"),
            lambda r: r.name,
            {
                c.name: {"name": c.name, "position": i, "confidence": c.confidence.value}
                | {"source": c.source.id if c.source else ""}
                for i, c in enumerate(facts.certifications)
            },
        )[0],
    ]
    schedules_changed, schedules = _sync_rows(
        FeeScheduleRow,
        row,
        current("fee_schedules"),
        lambda r: r.key,
        {s.id: _schedule_fields(s, i) for i, s in enumerate(facts.fee_schedules)},
    )
    changes.append(schedules_changed)
    for schedule in facts.fee_schedules:
        changes.append(_sync_payout(schedules[schedule.id], _payout_fields(schedule)))
    return any(changes)


def _sync_payout(schedule: FeeScheduleRow, fields: dict[str, Any]) -> bool:
    try:
        rule = schedule.payout
    except PayoutRule.DoesNotExist:
        PayoutRule.objects.create(schedule=schedule, **fields)
        return True
    names = _assign(rule, fields)
    if names:
        rule.save(update_fields=names)
    return bool(names)
