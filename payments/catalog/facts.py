"""The provider catalog as frozen dataclasses: what the fee engine and the pages read.

Built by schema.py from the data file (or from the catalog rows); see its docstring for the
conventions of the data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

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
