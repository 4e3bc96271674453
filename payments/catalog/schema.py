"""The strict loader of the provider catalog: it builds the frozen dataclasses of facts.py from
the versioned JSON data file (``providers.json``) and the rates table (``fx_rates.json``); the
JSON-reading primitives are in reading.py. This module is the catalog's public face: it
re-exports the dataclasses.

Conventions of the data file (a reviewer editing it should not need to read this code):

* Every figure is ``{"value": "0.6", "confidence": ..., "source": <source id>, "note": ...}``.
  Values are decimal *strings* (a JSON number such as 0.6 is refused: it would be read as a
  binary float first). Percentages are in percent: "0.6" means 0.6 %.
* ``confidence`` is one of official / transcription / third_party / unconfirmed, and never
  higher than the kind of the source it cites. ``value: null`` means "exists or may exist, but
  no source gives the number"; it must say ``unconfirmed`` and carry a note. Nothing else may be
  unconfirmed: an unconfirmed figure has no number.
* An optional fee element that is *absent* (no ``minimum``, no ``free_quota``) does not exist.
* ``"*"`` in a list of countries, regions or currencies means "any".

The loader is pure apart from reading the file, fails on the first problem, and names the
place: ``providers[3].fee_schedules[0].percent.value: ...``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from payments.catalog.facts import (
    ANY,
    Access,
    Catalog,
    CatalogError,
    Certification,
    Channel,
    Confidence,
    Coverage,
    CredentialField,
    FeeSchedule,
    Figure,
    KycDocument,
    PayoutRule,
    ProviderFacts,
    QuotaPeriod,
    Sandbox,
    Source,
    SupportChannel,
)
from payments.catalog.reading import (
    _COUNTRY,
    _SLUG,
    _SUPPORT_KINDS,
    _channels,
    _check_confidence,
    _codes,
    _figure,
    _iso_date,
    _Node,
    _number,
    _optional_figure,
    _source_ref,
    _sourced_items,
    _sources,
    _version,
)
from payments.money import RatesTable, is_known_currency

CATALOG_DIR = Path(__file__).resolve().parent
PROVIDERS_FILE = CATALOG_DIR / "providers.json"
FX_RATES_FILE = CATALOG_DIR / "fx_rates.json"

__all__ = [
    "ANY",
    "CATALOG_DIR",
    "FX_RATES_FILE",
    "PROVIDERS_FILE",
    "Access",
    "Catalog",
    "CatalogError",
    "Certification",
    "Channel",
    "Confidence",
    "Coverage",
    "CredentialField",
    "FeeSchedule",
    "Figure",
    "KycDocument",
    "PayoutRule",
    "ProviderFacts",
    "QuotaPeriod",
    "Sandbox",
    "Source",
    "SupportChannel",
    "load_catalog",
    "load_fx_rates",
    "parse_catalog",
    "parse_fx_rates",
]


def _payout(node: _Node, sources: Mapping[str, Source], currency: str | None) -> PayoutRule:
    def amount(key: str) -> Figure | None:
        return _optional_figure(node, key, sources, unit="amount", currency=currency)

    quota = amount("free_quota")
    period: QuotaPeriod | None = None
    if quota is not None:
        period = node.choice("free_quota_period", QuotaPeriod)
    elif node.has("free_quota_period"):
        raise CatalogError(f"{node.at('free_quota_period')}: given without a free_quota")
    rule = PayoutRule(
        currency=currency,
        percent=_figure(node, "percent", sources, unit="percent"),
        fixed=_figure(node, "fixed", sources, unit="amount", currency=currency),
        minimum=amount("minimum"),
        maximum=amount("maximum"),
        free_quota=quota,
        free_quota_period=period,
        note=node.text("note", required=False),
    )
    lo, hi = rule.minimum, rule.maximum
    if lo and hi and lo.value is not None and hi.value is not None and lo.value > hi.value:
        raise CatalogError(f"{node.path}: minimum {lo.value} is above maximum {hi.value}")
    node.finish()
    return rule


def _schedule(node: _Node, sources: Mapping[str, Source]) -> FeeSchedule:
    raw_currency = node.optional("currency")
    currency: str | None = None
    if raw_currency is not None:
        if not isinstance(raw_currency, str) or not is_known_currency(raw_currency):
            raise CatalogError(f"{node.at('currency')}: unknown currency {raw_currency!r}")
        currency = raw_currency
    schedule = FeeSchedule(
        id=node.text("id"),
        label=node.text("label"),
        merchant_countries=_codes(node, "merchant_countries", kind="country"),
        channels=_channels(node, "channels"),
        currency=currency,
        settlement_currencies=_codes(node, "settlement_currencies", kind="currency"),
        percent=_figure(node, "percent", sources, unit="percent"),
        fixed=_figure(node, "fixed", sources, unit="amount", currency=currency),
        cross_border_percent=_figure(node, "cross_border_percent", sources, unit="percent"),
        fx_percent=_figure(node, "fx_percent", sources, unit="percent"),
        pass_through_percent=_optional_figure(
            node, "pass_through_percent", sources, unit="percent"
        ),
        settlement_days=_figure(node, "settlement_days", sources, unit="days"),
        payout=_payout(node.node("payout"), sources, currency),
        note=node.text("note", required=False),
    )
    if not schedule.merchant_countries:
        raise CatalogError(f"{node.at('merchant_countries')}: at least one country is required")
    node.finish()
    return schedule


def _coverage(node: _Node, sources: Mapping[str, Source]) -> Coverage:
    refs: list[Source] = []
    for i, ref in enumerate(node.items("sources")):
        if not isinstance(ref, str) or ref not in sources:
            raise CatalogError(f"{node.at('sources')}[{i}]: unknown source {ref!r}")
        refs.append(sources[ref])
    confidence = node.choice("confidence", Confidence)
    if confidence is not Confidence.UNCONFIRMED and not refs:
        raise CatalogError(f"{node.path}: a {confidence} coverage must cite a source")
    coverage = Coverage(
        merchant_countries=_codes(node, "merchant_countries", kind="country"),
        customer_regions=_codes(node, "customer_regions", kind="country"),
        customer_regions_excluded=_codes(node, "customer_regions_excluded", kind="country"),
        currencies=_codes(node, "currencies", kind="currency"),
        channels=_channels(node, "channels"),
        wallets=_codes(node, "wallets", kind="wallet"),
        confidence=confidence,
        sources=tuple(refs),
        note=node.text("note", required=False),
    )
    for key in ("merchant_countries", "customer_regions", "currencies"):
        if not getattr(coverage, key):
            raise CatalogError(f"{node.at(key)}: at least one entry is required")
    node.finish()
    return coverage


def _provider(node: _Node) -> ProviderFacts:
    slug = node.text("slug")
    if not _SLUG.match(slug):
        raise CatalogError(f"{node.at('slug')}: {slug!r} is not a lowercase slug")
    sources = _sources(node)
    access = node.choice("access", Access)
    psp = node.text("psp", required=False) or None
    if (access is Access.THROUGH_PSP) != (psp is not None):
        raise CatalogError(f"{node.at('psp')}: required exactly when access is through_psp")

    schedules = tuple(
        _schedule(_Node(raw, f"{node.at('fee_schedules')}[{i}]"), sources)
        for i, raw in enumerate(node.items("fee_schedules"))
    )
    if not schedules:
        raise CatalogError(f"{node.at('fee_schedules')}: at least one schedule is required")
    if len({s.id for s in schedules}) != len(schedules):
        raise CatalogError(f"{node.at('fee_schedules')}: schedule ids must be unique")

    credentials: list[CredentialField] = []
    for i, raw in enumerate(node.items("credential_fields")):
        item = _Node(raw, f"{node.at('credential_fields')}[{i}]")
        credentials.append(
            CredentialField(
                name=item.text("name"),
                secret=item.flag("secret"),
                required=item.flag("required"),
                format_hint=item.text("format_hint"),
                confirmed=item.flag("confirmed"),
            )
        )
        item.finish()

    kyc_node = node.node("kyc_documents")
    kyc: dict[str, tuple[KycDocument, ...]] = {}
    for country in list(kyc_node.data):
        if country != ANY and not _COUNTRY.match(country):
            raise CatalogError(f"{kyc_node.at(country)}: {country!r} is not a country code")
        kyc[country] = tuple(
            KycDocument(code=t["code"], label=t["label"], confidence=c, source=src)
            for t, c, src in _sourced_items(kyc_node, country, sources, ("code", "label"))
        )
    kyc_node.finish()

    support = tuple(
        SupportChannel(kind=t["kind"], detail=t["detail"], confidence=c, source=src)
        for t, c, src in _sourced_items(node, "support", sources, ("kind", "detail"))
    )
    for channel in support:
        if channel.kind not in _SUPPORT_KINDS:
            allowed = ", ".join(sorted(_SUPPORT_KINDS))
            raise CatalogError(
                f"{node.at('support')}: kind {channel.kind!r} is not one of {allowed}"
            )

    sandbox_node = node.node("sandbox")
    available = sandbox_node.raw("available")
    if available is not None and not isinstance(available, bool):
        raise CatalogError(f"{sandbox_node.at('available')}: expected true, false or null")
    sandbox_confidence = sandbox_node.choice("confidence", Confidence)
    sandbox_source = _source_ref(sandbox_node, "source", sources)
    if (available is None) != (sandbox_confidence is Confidence.UNCONFIRMED):
        raise CatalogError(f"{sandbox_node.path}: available is null exactly when unconfirmed")
    _check_confidence(sandbox_node, sandbox_confidence, sandbox_source)
    sandbox = Sandbox(
        available=available,
        confidence=sandbox_confidence,
        source=sandbox_source,
        note=sandbox_node.text("note"),
    )
    sandbox_node.finish()

    provider = ProviderFacts(
        slug=slug,
        name=node.text("name"),
        access=access,
        psp=psp,
        summary=node.text("summary"),
        coverage=_coverage(node.node("coverage"), sources),
        fee_schedules=schedules,
        credential_fields=tuple(credentials),
        kyc_documents=MappingProxyType(kyc),
        support=support,
        support_note=node.text("support_note", required=False),
        certifications=tuple(
            Certification(name=t["name"], confidence=c, source=src)
            for t, c, src in _sourced_items(node, "certifications", sources, ("name",))
        ),
        certifications_note=node.text("certifications_note", required=False),
        sandbox=sandbox,
        sources=tuple(sources.values()),
    )
    node.finish()
    return provider


def parse_catalog(data: object) -> Catalog:
    """Build the catalog from already-decoded JSON (decoded with ``parse_float=Decimal``)."""
    root = _Node(data, "")
    providers: list[ProviderFacts] = []
    for i, raw in enumerate(root.items("providers")):
        providers.append(_provider(_Node(raw, f"providers[{i}]")))
    slugs = [p.slug for p in providers]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise CatalogError(f"providers: duplicate slug(s) {', '.join(duplicates)}")
    catalog = Catalog(
        version=_version(root),
        as_of=_iso_date(root, "as_of"),
        note=root.text("note", required=False),
        providers=tuple(providers),
    )
    root.finish()
    return catalog


def parse_fx_rates(data: object) -> RatesTable:
    root = _Node(data, "")
    base = root.text("base")
    rates_node = root.node("rates")
    rates: dict[str, Decimal] = {}
    for code in list(rates_node.data):
        where = rates_node.at(code)
        if not is_known_currency(code):
            raise CatalogError(f"{where}: unknown currency {code!r}")
        value = _number(rates_node.raw(code), where)
        if value == 0:
            raise CatalogError(f"{where}: a rate must be above 0")
        rates[code] = value
    rates_node.finish()
    try:
        table = RatesTable(
            base=base,
            as_of=_iso_date(root, "as_of"),
            source=root.text("source"),
            rates=MappingProxyType(rates),
            note=root.text("note", required=False),
        )
    except ValueError as exc:
        raise CatalogError(f"rates table: {exc}") from None
    root.finish()
    return table


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        # Decimal for any stray JSON number, so that the validator can refuse it by name
        # instead of it silently becoming a binary float.
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def load_catalog(path: Path = PROVIDERS_FILE) -> Catalog:
    """Read and validate ``providers.json``; raises CatalogError naming the first problem."""
    try:
        return parse_catalog(_read_json(path))
    except CatalogError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise CatalogError(f"{path.name}: {exc}") from None


def load_fx_rates(path: Path = FX_RATES_FILE) -> RatesTable:
    try:
        return parse_fx_rates(_read_json(path))
    except CatalogError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise CatalogError(f"{path.name}: {exc}") from None
