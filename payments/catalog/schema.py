"""The provider catalog as frozen dataclasses, and the strict loader that builds them from the
versioned JSON data file (``providers.json``) and from the rates table (``fx_rates.json``).

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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from payments.money import RatesTable, is_known_currency, is_whole_minor_units

CATALOG_DIR = Path(__file__).resolve().parent
PROVIDERS_FILE = CATALOG_DIR / "providers.json"
FX_RATES_FILE = CATALOG_DIR / "fx_rates.json"

ANY = "*"


class Confidence(StrEnum):
    OFFICIAL = "official"
    TRANSCRIPTION = "transcription"
    THIRD_PARTY = "third_party"
    UNCONFIRMED = "unconfirmed"

    @property
    def rank(self) -> int:
        return _CONFIDENCE_RANK[self]


_CONFIDENCE_RANK = {
    Confidence.OFFICIAL: 3,
    Confidence.TRANSCRIPTION: 2,
    Confidence.THIRD_PARTY: 1,
    Confidence.UNCONFIRMED: 0,
}


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    MINI_PROGRAM = "mini_program"
    INSTORE_QR = "instore_qr"
    POS = "pos"


class Access(StrEnum):
    DIRECT = "direct"
    THROUGH_PSP = "through_psp"


class QuotaPeriod(StrEnum):
    LIFETIME = "lifetime"
    MONTH = "month"


class CatalogError(ValueError):
    """The data file is malformed; the message says where and how."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    url: str
    date: str | None  # "2024-11-05", "2016-09" or "2017"; None when the page shows no date
    kind: Confidence  # never UNCONFIRMED: a source we read is at least third-party
    note: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One published number with where it comes from; ``value is None`` means unconfirmed."""

    value: Decimal | None
    confidence: Confidence
    source: Source | None
    note: str

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class PayoutRule:
    """Fee for moving money to the merchant's bank: on the part of one withdrawal above the free
    quota, ``percent`` of it plus ``fixed``, then held between ``minimum`` and ``maximum``."""

    currency: str | None
    percent: Figure
    fixed: Figure
    minimum: Figure | None
    maximum: Figure | None
    free_quota: Figure | None
    free_quota_period: QuotaPeriod | None
    note: str

    def figures(self) -> tuple[Figure, ...]:
        optional = (self.minimum, self.maximum, self.free_quota)
        return (self.percent, self.fixed, *(f for f in optional if f is not None))

    @property
    def known(self) -> bool:
        return all(f.known for f in self.figures())


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    id: str
    label: str
    merchant_countries: frozenset[str]
    channels: frozenset[Channel]
    currency: str | None  # currency of the fixed amounts; None only when none is known
    settlement_currencies: frozenset[str]
    percent: Figure
    fixed: Figure
    cross_border_percent: Figure
    fx_percent: Figure
    pass_through_percent: Figure | None  # e.g. interchange under Interchange++ pricing
    settlement_days: Figure
    payout: PayoutRule
    note: str

    def applies_to_country(self, country: str) -> bool:
        return ANY in self.merchant_countries or country in self.merchant_countries


@dataclass(frozen=True, slots=True)
class Coverage:
    merchant_countries: frozenset[str]
    customer_regions: frozenset[str]
    customer_regions_excluded: frozenset[str]
    currencies: frozenset[str]
    channels: frozenset[Channel]
    wallets: frozenset[str]
    confidence: Confidence
    sources: tuple[Source, ...]
    note: str

    def onboards(self, country: str) -> bool:
        return ANY in self.merchant_countries or country in self.merchant_countries

    def serves(self, region: str) -> bool:
        if region in self.customer_regions_excluded:
            return False
        return ANY in self.customer_regions or region in self.customer_regions

    def accepts_currency(self, currency: str) -> bool:
        return ANY in self.currencies or currency in self.currencies


@dataclass(frozen=True, slots=True)
class CredentialField:
    name: str
    secret: bool
    required: bool
    format_hint: str
    confirmed: bool  # False when the field name itself comes from memory, not a read source


@dataclass(frozen=True, slots=True)
class KycDocument:
    code: str
    label: str
    confidence: Confidence
    source: Source | None


@dataclass(frozen=True, slots=True)
class SupportChannel:
    kind: str  # phone, email, chat, help_center, community, ticket, account_manager
    detail: str
    confidence: Confidence
    source: Source | None


@dataclass(frozen=True, slots=True)
class Certification:
    name: str
    confidence: Confidence
    source: Source | None


@dataclass(frozen=True, slots=True)
class Sandbox:
    available: bool | None  # None: unconfirmed
    confidence: Confidence
    source: Source | None
    note: str


@dataclass(frozen=True, slots=True)
class ProviderFacts:
    slug: str
    name: str
    access: Access
    psp: str | None  # the PSP named in the figures when access is through_psp
    summary: str
    coverage: Coverage
    fee_schedules: tuple[FeeSchedule, ...]
    credential_fields: tuple[CredentialField, ...]
    kyc_documents: Mapping[str, tuple[KycDocument, ...]]  # merchant country or "*"
    support: tuple[SupportChannel, ...]
    support_note: str
    certifications: tuple[Certification, ...]
    certifications_note: str
    sandbox: Sandbox
    sources: tuple[Source, ...]

    def kyc_for(self, country: str) -> tuple[KycDocument, ...]:
        return self.kyc_documents.get(country) or self.kyc_documents.get(ANY, ())

    def confirmed_support_kinds(self) -> frozenset[str]:
        return frozenset(c.kind for c in self.support if c.confidence is not Confidence.UNCONFIRMED)


@dataclass(frozen=True, slots=True)
class Catalog:
    version: int
    as_of: date
    note: str
    providers: tuple[ProviderFacts, ...]

    def get(self, slug: str) -> ProviderFacts:
        for provider in self.providers:
            if provider.slug == slug:
                return provider
        raise KeyError(slug)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(p.slug for p in self.providers)


# --- loading ---------------------------------------------------------------------------------

_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SUPPORT_KINDS = frozenset(
    {"phone", "email", "chat", "help_center", "community", "ticket", "account_manager"}
)


class _Node:
    """A JSON object being read, with its path for error messages and a check for typos."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise CatalogError(f"{path}: expected an object, got {_describe(value)}")
        self.data: dict[str, Any] = value
        self.path = path
        self.read: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> object:
        if key not in self.data:
            raise CatalogError(f"{self.at(key)}: required key is missing")
        self.read.add(key)
        return self.data[key]

    def optional(self, key: str) -> object:
        self.read.add(key)
        return self.data.get(key)

    def node(self, key: str) -> _Node:
        return _Node(self.raw(key), self.at(key))

    def text(self, key: str, *, required: bool = True) -> str:
        """A required string must not be blank; an optional one may be absent, null or ""."""
        value = self.raw(key) if required else self.optional(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise CatalogError(f"{self.at(key)}: expected a non-empty string, got {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise CatalogError(f"{self.at(key)}: expected true or false, got {value!r}")
        return value

    def items(self, key: str) -> list[object]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise CatalogError(f"{self.at(key)}: expected a list, got {_describe(value)}")
        return value

    def choice[E: StrEnum](self, key: str, enum: type[E]) -> E:
        return _member(self.raw(key), enum, self.at(key))

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise CatalogError(f"{self.path or 'top level'}: unknown key(s) {', '.join(unknown)}")


def _member[E: StrEnum](value: object, enum: type[E], where: str) -> E:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    allowed = ", ".join(e.value for e in enum)
    raise CatalogError(f"{where}: {value!r} is not one of {allowed}")


def _describe(value: object) -> str:
    if isinstance(value, Decimal):
        return f"the JSON number {value} (write decimals as strings)"
    return f"{type(value).__name__} {value!r}"


def _codes(node: _Node, key: str, *, kind: str) -> frozenset[str]:
    codes: set[str] = set()
    for i, raw in enumerate(node.items(key)):
        where = f"{node.at(key)}[{i}]"
        if not isinstance(raw, str):
            raise CatalogError(f"{where}: expected a code string, got {raw!r}")
        if raw == ANY and kind != "wallet":
            codes.add(raw)
            continue
        valid = {
            "country": lambda c: bool(_COUNTRY.match(c)),
            "currency": is_known_currency,
            "wallet": lambda c: bool(_SLUG.match(c)),
        }[kind]
        if not valid(raw):
            raise CatalogError(f"{where}: {raw!r} is not a valid {kind} code")
        if raw in codes:
            raise CatalogError(f"{where}: {raw!r} is listed twice")
        codes.add(raw)
    return frozenset(codes)


def _channels(node: _Node, key: str) -> frozenset[Channel]:
    result: set[Channel] = set()
    for i, raw in enumerate(node.items(key)):
        result.add(_member(raw, Channel, f"{node.at(key)}[{i}]"))
    if not result:
        raise CatalogError(f"{node.at(key)}: at least one channel is required")
    return frozenset(result)


def _source_ref(node: _Node, key: str, sources: Mapping[str, Source]) -> Source | None:
    ref = node.optional(key)
    if ref is None:
        return None
    if not isinstance(ref, str) or ref not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise CatalogError(f"{node.at(key)}: unknown source {ref!r} (known: {known})")
    return sources[ref]


def _check_confidence(node: _Node, confidence: Confidence, source: Source | None) -> None:
    if confidence is Confidence.UNCONFIRMED:
        return
    if source is None:
        raise CatalogError(f"{node.path}: a {confidence} fact must cite a source")
    if confidence.rank > source.kind.rank:
        raise CatalogError(
            f"{node.path}: confidence {confidence} is higher than its source "
            f"{source.id!r} ({source.kind})"
        )


def _number(raw: object, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise CatalogError(f'{where}: expected a decimal string like "2.9", got {_describe(raw)}')
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise CatalogError(f"{where}: {raw!r} is not a decimal number") from None
    if not value.is_finite() or value < 0:
        raise CatalogError(f"{where}: {raw!r} must be a finite number of at least 0")
    return value


def _figure(
    parent: _Node,
    key: str,
    sources: Mapping[str, Source],
    *,
    unit: str,
    currency: str | None = None,
) -> Figure:
    """``unit`` is "percent", "amount" (in ``currency``) or "days"."""
    node = parent.node(key)
    confidence = node.choice("confidence", Confidence)
    source = _source_ref(node, "source", sources)
    note = node.text("note", required=False)
    raw = node.raw("value")
    value: Decimal | None = None
    if raw is None:
        if confidence is not Confidence.UNCONFIRMED:
            raise CatalogError(f"{node.at('value')}: null is only allowed when unconfirmed")
        if not note:
            raise CatalogError(f"{node.path}: an unconfirmed figure needs a note saying why")
    else:
        if confidence is Confidence.UNCONFIRMED:
            raise CatalogError(
                f"{node.at('value')}: an unconfirmed figure must be null, not a number"
            )
        value = _number(raw, node.at("value"))
        if unit == "percent" and value > 100:
            raise CatalogError(f"{node.at('value')}: a percentage above 100 ({raw})")
        if unit == "days" and value != value.to_integral_value():
            raise CatalogError(f"{node.at('value')}: days must be a whole number ({raw})")
        if unit == "amount":
            if currency is None:
                raise CatalogError(f"{node.path}: an amount needs the schedule's currency")
            if not is_whole_minor_units(value, currency):
                raise CatalogError(
                    f"{node.at('value')}: {raw} has more decimals than {currency} allows"
                )
    _check_confidence(node, confidence, source)
    node.finish()
    return Figure(value=value, confidence=confidence, source=source, note=note)


def _optional_figure(
    parent: _Node,
    key: str,
    sources: Mapping[str, Source],
    *,
    unit: str,
    currency: str | None = None,
) -> Figure | None:
    if not parent.has(key):
        return None
    return _figure(parent, key, sources, unit=unit, currency=currency)


def _sources(node: _Node) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for i, raw in enumerate(node.items("sources")):
        item = _Node(raw, f"{node.at('sources')}[{i}]")
        source_id = item.text("id")
        if source_id in sources:
            raise CatalogError(f"{item.at('id')}: duplicate source id {source_id!r}")
        url = item.text("url")
        if not url.startswith(("https://", "http://")):
            raise CatalogError(f"{item.at('url')}: expected an http(s) URL, got {url!r}")
        when = item.optional("date")
        if when is not None and (not isinstance(when, str) or not _PARTIAL_DATE.match(when)):
            raise CatalogError(
                f"{item.at('date')}: expected YYYY, YYYY-MM, YYYY-MM-DD or null, got {when!r}"
            )
        kind = item.choice("kind", Confidence)
        if kind is Confidence.UNCONFIRMED:
            raise CatalogError(f"{item.at('kind')}: a source we read cannot be unconfirmed")
        sources[source_id] = Source(
            id=source_id, url=url, date=when, kind=kind, note=item.text("note", required=False)
        )
        item.finish()
    return sources


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


def _sourced_items(
    node: _Node, key: str, sources: Mapping[str, Source], text_keys: tuple[str, ...]
) -> list[tuple[dict[str, str], Confidence, Source | None]]:
    """A list of objects with text fields plus ``confidence`` and an optional ``source``."""
    result: list[tuple[dict[str, str], Confidence, Source | None]] = []
    for i, raw in enumerate(node.items(key)):
        item = _Node(raw, f"{node.at(key)}[{i}]")
        texts = {name: item.text(name) for name in text_keys}
        confidence = item.choice("confidence", Confidence)
        source = _source_ref(item, "source", sources)
        _check_confidence(item, confidence, source)
        item.finish()
        result.append((texts, confidence, source))
    return result


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


def _iso_date(node: _Node, key: str) -> date:
    raw = node.raw(key)
    try:
        if isinstance(raw, str):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise CatalogError(f"{node.at(key)}: expected a date YYYY-MM-DD, got {raw!r}")


def _version(node: _Node) -> int:
    version = node.raw("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CatalogError(f"version: expected a positive whole number, got {version!r}")
    return version


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
