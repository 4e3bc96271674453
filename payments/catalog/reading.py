"""Reading the data file's JSON strictly: every problem named with its place."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from payments.catalog.facts import (
    ANY,
    CatalogError,
    Channel,
    Confidence,
    Figure,
    Source,
)
from payments.money import is_known_currency, is_whole_minor_units

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
