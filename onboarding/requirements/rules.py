"""The requirements checklist as data: load rules.json, evaluate it for one merchant.

Pure: no ORM, no settings. The caller gathers the facts (profile, survey channels, chosen
providers and the document codes each provider asks for, from the provider catalog) and gets
back the items to collect, each once, with whether it is mandatory and who asks for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from onboarding.verification.base import FileFormat, IdentityDocument, ItemSpec

RULES_FILE = Path(__file__).resolve().parent / "rules.json"
ANY = "*"


class RulesError(ValueError):
    """rules.json says something this module cannot follow."""


class Expiry(StrEnum):
    NONE = "none"  # no date to enter (the check still reads one if the text has it)
    OPTIONAL = "optional"  # the merchant may enter it; the check reads it otherwise
    REQUIRED = "required"  # entered or read: without a date the expiry check fails


@dataclass(frozen=True, slots=True)
class Side:
    key: str  # "" for a one-sided document, else "front" / "back"
    expiry: Expiry
    identity: IdentityDocument


@dataclass(frozen=True, slots=True)
class ItemDefinition:
    """What a document is and how it is checked, whoever asks for it."""

    key: str
    formats: frozenset[FileFormat]
    sides: tuple[Side, ...]
    min_long_side_px: int = 1000
    min_short_side_px: int = 700

    def side(self, key: str) -> Side | None:
        return next((s for s in self.sides if s.key == key), None)

    def spec(self, side_key: str, *, max_bytes: int) -> ItemSpec:
        """The verification pipeline's view of one side of this item."""
        side = self.side(side_key) or self.sides[0]
        return ItemSpec(
            document_type=self.key,
            accepted_formats=self.formats,
            max_bytes=max_bytes,
            min_long_side_px=self.min_long_side_px,
            min_short_side_px=self.min_short_side_px,
            expiry_required=side.expiry is Expiry.REQUIRED,
            identity=side.identity,
        )


@dataclass(frozen=True, slots=True)
class Condition:
    country: frozenset[str] | None = None
    country_not: frozenset[str] | None = None
    industry: frozenset[str] | None = None
    channels: frozenset[str] | None = None  # any of them
    has_website: bool | None = None

    def holds(self, facts: Facts) -> bool:
        return (
            (self.country is None or facts.country in self.country)
            and (self.country_not is None or facts.country not in self.country_not)
            and (self.industry is None or facts.industry in self.industry)
            and (self.channels is None or bool(self.channels & facts.channels))
            and (self.has_website is None or facts.has_website == self.has_website)
        )


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Condition
    mandatory: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProviderDocument:
    items: Mapping[str, str]  # merchant country (or "*") -> item key
    mandatory: bool

    def item_for(self, country: str) -> str | None:
        return self.items.get(country) or self.items.get(ANY)


@dataclass(frozen=True, slots=True)
class Rules:
    version: int
    items: Mapping[str, ItemDefinition]  # in checklist order
    rules: tuple[Rule, ...]
    provider_documents: Mapping[str, ProviderDocument]
    not_documents: frozenset[str]


@dataclass(frozen=True, slots=True)
class Facts:
    country: str  # ISO 3166-1 alpha-2
    industry: str
    has_website: bool = False
    channels: frozenset[str] = frozenset()  # survey channels: web, app, instore_qr, ...
    # provider slug -> the kyc_documents codes it asks of this merchant's country
    provider_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Requirement:
    item: ItemDefinition
    mandatory: bool
    asked_by: tuple[str, ...] = ()  # provider slugs, in the order they were chosen
    rules: tuple[str, ...] = ()  # ids of the rules that ask for it

    @property
    def key(self) -> str:
        return self.item.key


def evaluate(rules: Rules, facts: Facts) -> tuple[Requirement, ...]:
    """The checklist for these facts, in the order items are listed in rules.json."""
    found: dict[str, Requirement] = {}

    def ask(key: str, *, mandatory: bool, provider: str | None = None, rule: str | None = None):
        current = found.get(key) or Requirement(rules.items[key], mandatory=False)
        found[key] = replace(
            current,
            mandatory=current.mandatory or mandatory,
            asked_by=_add(current.asked_by, provider),
            rules=_add(current.rules, rule),
        )

    for rule in rules.rules:
        if rule.when.holds(facts):
            for key in rule.mandatory:
                ask(key, mandatory=True, rule=rule.id)
            for key in rule.optional:
                ask(key, mandatory=False, rule=rule.id)
    for provider, codes in facts.provider_codes.items():
        for code in codes:
            document = rules.provider_documents.get(code)
            item = document.item_for(facts.country) if document else None
            if document is not None and item is not None:
                ask(item, mandatory=document.mandatory, provider=provider)
    return tuple(found[key] for key in rules.items if key in found)


def _add(values: tuple[str, ...], value: str | None) -> tuple[str, ...]:
    return values if value is None or value in values else (*values, value)


# --- loading -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    return parse_rules(json.loads(path.read_text(encoding="utf-8")))


def parse_rules(data: Any) -> Rules:
    try:
        items = {key: _item(key, raw) for key, raw in data["items"].items()}
        rules = tuple(_rule(raw) for raw in data["rules"])
        providers = {
            code: ProviderDocument(dict(raw["item"]), bool(raw["mandatory"]))
            for code, raw in data["provider_documents"].items()
        }
        parsed = Rules(
            version=int(data["version"]),
            items=items,
            rules=rules,
            provider_documents=providers,
            not_documents=frozenset(data.get("not_documents", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"rules.json: {exc!r}") from exc
    _check_references(parsed)
    return parsed


def _item(key: str, raw: Mapping[str, Any]) -> ItemDefinition:
    sides = tuple(
        Side(s["key"], Expiry(s["expiry"]), IdentityDocument(s["identity"])) for s in raw["sides"]
    )
    if not sides or len({s.key for s in sides}) != len(sides):
        raise RulesError(f"rules.json: item {key!r} needs distinct sides")
    return ItemDefinition(
        key=key,
        formats=frozenset(FileFormat(f) for f in raw["formats"]),
        sides=sides,
        min_long_side_px=int(raw.get("min_long_side_px", 1000)),
        min_short_side_px=int(raw.get("min_short_side_px", 700)),
    )


def _rule(raw: Mapping[str, Any]) -> Rule:
    when = raw["when"]
    unknown = set(when) - {"country", "country_not", "industry", "channels", "has_website"}
    if unknown:
        raise RulesError(f"rules.json: rule {raw['id']!r} has unknown conditions {unknown}")

    def codes(name: str) -> frozenset[str] | None:
        return frozenset(when[name]) if name in when else None

    return Rule(
        id=raw["id"],
        when=Condition(
            country=codes("country"),
            country_not=codes("country_not"),
            industry=codes("industry"),
            channels=codes("channels"),
            has_website=when.get("has_website"),
        ),
        mandatory=tuple(raw.get("mandatory", ())),
        optional=tuple(raw.get("optional", ())),
    )


def _check_references(rules: Rules) -> None:
    named: Iterable[str] = [
        *(key for rule in rules.rules for key in (*rule.mandatory, *rule.optional)),
        *(item for doc in rules.provider_documents.values() for item in doc.items.values()),
    ]
    missing = sorted(set(named) - set(rules.items))
    if missing:
        raise RulesError(f"rules.json names items it does not define: {missing}")
    both = sorted(set(rules.provider_documents) & rules.not_documents)
    if both:
        raise RulesError(f"rules.json: codes both mapped and marked not documents: {both}")
