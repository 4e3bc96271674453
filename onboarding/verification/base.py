"""The values that cross the verification boundary: what goes in, what each check returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# A JSON-compatible value: check data is stored as-is in a JSON column.
type JSONValue = str | int | float | bool | Sequence[JSONValue] | Mapping[str, JSONValue] | None


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"


class FileFormat(StrEnum):
    """The only formats a KYC upload may have, decided by content, never by name."""

    JPEG = "jpeg"
    PNG = "png"
    PDF = "pdf"

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES[self]

    @property
    def extension(self) -> str:
        """The extension used for generated storage keys and renditions."""
        return "jpg" if self is FileFormat.JPEG else self.value


_CONTENT_TYPES = {
    FileFormat.JPEG: "image/jpeg",
    FileFormat.PNG: "image/png",
    FileFormat.PDF: "application/pdf",
}


class IdentityDocument(StrEnum):
    """Which identifier the document carries, which decides the identifier check."""

    NONE = "none"
    CN_BUSINESS_LICENCE = "cn_business_licence"  # 营业执照: USCC + company name
    CN_RESIDENT_ID = "cn_resident_id"  # 居民身份证: the 18-character ID number
    COMPANY_REGISTRATION = "company_registration"  # elsewhere: the country's company number


# The check names in pipeline order. Storage can key check rows on these and show progress
# before any result arrives; a name never changes meaning once stored.
CHECK_ORDER: tuple[str, ...] = (
    "content_type",
    "decode",
    "resolution",
    "sharpness",
    "exposure",
    "rendition",
    "duplicates",
    "ocr",
    "registration_number",
    "company_name",
    "id_number",
    "expiry",
)


@dataclass(frozen=True, slots=True)
class Detail:
    """A plain-words message, translated when it is shown rather than when it is made.

    `template` is a `gettext_lazy` string with named placeholders, so a translator can move
    them. To store a detail keep `msgid` and `params`; `Detail.restore(msgid, params)` gives
    it back, rendered in whatever language is active at display time.
    """

    template: StrPromise
    params: Mapping[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        text = str(self.template)
        # Only interpolate when there are params: a template without any must not need %%.
        return text % dict(self.params) if self.params else text

    @property
    def msgid(self) -> str:
        """The untranslated template, the key of the translation catalogue."""
        with translation.override(None):
            return str(self.template)

    @classmethod
    def restore(cls, msgid: str, params: Mapping[str, str | int]) -> Detail:
        return cls(gettext_lazy(msgid), dict(params))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's verdict. `data` holds JSON-compatible facts; `data["reason"]` is a stable
    machine-readable code for every non-pass outcome (and for most passes)."""

    check: str
    outcome: Outcome
    detail: Detail
    data: Mapping[str, JSONValue] = field(default_factory=dict)


def make_result(
    check: str,
    outcome: Outcome,
    template: StrPromise,
    params: Mapping[str, str | int] | None = None,
    /,
    **data: JSONValue,
) -> CheckResult:
    return CheckResult(check, outcome, Detail(template, dict(params or {})), data)


def skipped(check: str, template: StrPromise, reason: str, /, **data: JSONValue) -> CheckResult:
    return make_result(check, Outcome.SKIPPED, template, None, reason=reason, **data)


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """What the checklist item asks of the document."""

    document_type: str  # the checklist key, e.g. "business_licence"
    accepted_formats: frozenset[FileFormat] = frozenset(FileFormat)
    max_bytes: int = 10 * 1024 * 1024
    # Orientation-free: a portrait phone photo of a landscape licence is still fine.
    min_long_side_px: int = 1000
    min_short_side_px: int = 700
    expiry_required: bool = False
    identity: IdentityDocument = IdentityDocument.NONE


@dataclass(frozen=True, slots=True)
class MerchantFacts:
    """What the merchant's profile says, to compare with what the document shows."""

    country: str  # ISO 3166-1 alpha-2, e.g. "CN"
    legal_name: str
    registration_number: str


@dataclass(frozen=True, slots=True)
class VerificationInput:
    original_path: Path  # the stored original; never served, only read here
    declared_filename: str  # the user's name for the file: metadata, only its suffix is used
    item: ItemSpec
    merchant: MerchantFacts
    entered_expiry: date | None = None


def describe_formats(formats: frozenset[FileFormat]) -> str:
    """'JPEG, PNG, PDF' for messages: a comma list reads the same in English and Chinese."""
    return ", ".join(f.name for f in FileFormat if f in formats)
