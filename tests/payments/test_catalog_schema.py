import copy
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from payments.catalog.schema import (
    Catalog,
    CatalogError,
    Confidence,
    Figure,
    load_catalog,
    load_fx_rates,
    parse_catalog,
)
from tests.payments import MINIMAL_PROVIDER, catalog_data

REQUIRED_SLUGS = {
    "alipay",
    "wechatpay",
    "paypal",
    "stripe",
    "adyen",
    "square",
    "applepay",
    "googlepay",
    "unionpay",
    "alipayplus",
}


def all_figures(catalog: Catalog) -> list[tuple[str, Figure]]:
    found: list[tuple[str, Figure]] = []
    for provider in catalog.providers:
        for schedule in provider.fee_schedules:
            where = f"{provider.slug}/{schedule.id}"
            for name in ("percent", "fixed", "cross_border_percent", "fx_percent"):
                found.append((f"{where}.{name}", getattr(schedule, name)))
            found.append((f"{where}.settlement_days", schedule.settlement_days))
            if schedule.pass_through_percent:
                found.append((f"{where}.pass_through_percent", schedule.pass_through_percent))
            found.extend((f"{where}.payout", f) for f in schedule.payout.figures())
    return found


def test_the_shipped_catalog_loads_with_its_version_and_date() -> None:
    catalog = load_catalog()
    assert catalog.version >= 1
    assert catalog.as_of == date(2026, 11, 26)
    assert set(catalog.slugs) >= REQUIRED_SLUGS


def test_every_shipped_figure_has_a_dated_source_or_says_it_is_unconfirmed() -> None:
    for where, figure in all_figures(load_catalog()):
        if figure.value is None:
            assert figure.confidence is Confidence.UNCONFIRMED, where
            assert figure.note, where
        else:
            assert figure.source is not None, where
            assert figure.confidence.rank <= figure.source.kind.rank, where


def test_the_shipped_catalog_invents_no_rate_where_none_is_public() -> None:
    catalog = load_catalog()
    assert catalog.get("alipayplus").fee_schedules[0].percent.value is None
    assert catalog.get("unionpay").fee_schedules[0].percent.value is None
    assert catalog.get("wechatpay").fee_schedules[0].payout.percent.value is None


def test_the_shipped_catalog_holds_the_published_headline_rates() -> None:
    catalog = load_catalog()

    def rate(slug: str) -> tuple[Decimal | None, Decimal | None]:
        schedule = catalog.get(slug).fee_schedules[0]
        return schedule.percent.value, schedule.fixed.value

    assert rate("alipay") == (Decimal("0.6"), Decimal(0))
    assert rate("wechatpay") == (Decimal("0.6"), Decimal(0))
    assert rate("paypal") == (Decimal("3.49"), Decimal("0.49"))
    assert rate("stripe") == (Decimal("2.9"), Decimal("0.30"))
    assert rate("adyen") == (Decimal("0.60"), Decimal("0.13"))


def test_providers_reached_through_a_psp_name_it() -> None:
    catalog = load_catalog()
    assert catalog.get("applepay").psp == "stripe"
    assert catalog.get("googlepay").psp == "stripe"
    assert catalog.get("alipay").psp is None


def test_the_shipped_rates_table_says_its_date_and_source() -> None:
    rates = load_fx_rates()
    assert (rates.base, rates.as_of) == ("EUR", date(2025, 10, 21))
    assert rates.rates["CNY"] == Decimal("8.2626")
    assert "ECB" in rates.source and rates.note


def test_a_minimal_provider_parses() -> None:
    catalog = parse_catalog(catalog_data())
    assert catalog.get("testpay").fee_schedules[0].percent.value == Decimal(1)


def broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    provider = copy.deepcopy(MINIMAL_PROVIDER)
    change(provider)
    return catalog_data(provider)


def set_percent(value: object) -> Callable[[dict[str, Any]], None]:
    def change(p: dict[str, Any]) -> None:
        p["fee_schedules"][0]["percent"]["value"] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_percent(Decimal("2.9")), "write decimals as strings"),
        (set_percent("2,9"), "not a decimal number"),
        (set_percent("101"), "percentage above 100"),
        (set_percent(None), "null is only allowed when unconfirmed"),
        (
            lambda p: p["fee_schedules"][0].update(
                fixed={"value": "0.305", "confidence": "official", "source": "doc"}
            ),
            "more decimals than CNY allows",
        ),
        (
            lambda p: p["fee_schedules"][0]["percent"].update(source="nowhere"),
            "unknown source 'nowhere'",
        ),
        (
            lambda p: p["fee_schedules"][0]["percent"].update(confidence="unconfirmed"),
            "must be null",
        ),
        (lambda p: p["sources"][0].update(kind="third_party"), "higher than its source"),
        (lambda p: p["fee_schedules"][0].update(channels=["fax"]), "'fax' is not one of"),
        (lambda p: p["coverage"].update(merchant_countries=["China"]), "not a valid country"),
        (lambda p: p["coverage"].update(currencies=["RMB"]), "not a valid currency"),
        (lambda p: p.update(fee="0.6"), "unknown key(s) fee"),
        (lambda p: p.pop("sandbox"), "sandbox: required key is missing"),
        (lambda p: p.update(access="through_psp"), "psp: required exactly when"),
        (lambda p: p["sources"][0].update(date="Nov 2024"), "expected YYYY"),
    ],
)
def test_a_malformed_provider_is_refused_with_the_place_and_the_reason(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(broken(change))
    assert message in str(caught.value)
    assert str(caught.value).startswith("providers[0]")


def test_duplicate_slugs_are_refused() -> None:
    data = catalog_data(copy.deepcopy(MINIMAL_PROVIDER), copy.deepcopy(MINIMAL_PROVIDER))
    with pytest.raises(CatalogError, match="duplicate slug"):
        parse_catalog(data)


def test_a_catalog_without_a_version_is_refused() -> None:
    data = catalog_data()
    del data["version"]
    with pytest.raises(CatalogError, match="version: required key is missing"):
        parse_catalog(data)


def test_a_file_that_is_not_json_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "providers.json"
    path.write_text('{"version": 1,\n "as_of": }', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"providers\.json: not valid JSON .* line 2"):
        load_catalog(path)


def test_a_json_number_in_the_file_is_refused_by_name(tmp_path: Path) -> None:
    text = json.dumps(catalog_data()).replace('"value": "1"', '"value": 1.5', 1)
    path = tmp_path / "providers.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert "providers.json: providers[0].fee_schedules[0].percent.value" in str(caught.value)
    assert "JSON number 1.5" in str(caught.value)


def test_a_rates_table_with_a_zero_rate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fx_rates.json"
    path.write_text(
        json.dumps({"base": "EUR", "as_of": "2025-10-21", "source": "x", "rates": {"USD": "0"}}),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"rates\.USD: a rate must be above 0"):
        load_fx_rates(path)
