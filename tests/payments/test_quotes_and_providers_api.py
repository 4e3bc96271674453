"""POST /api/v1/quotes/ (anonymous, rate-limited) and GET /api/v1/providers/ (the catalog)."""

import copy
from decimal import Decimal

import pytest

from tests.payments.test_survey_api import BAD_INPUT, SURVEY

pytestmark = pytest.mark.django_db
QUOTES = "/api/v1/quotes/"
PROVIDERS = "/api/v1/providers/"


def _quote(client, data=SURVEY, **extra):
    return client.post(QUOTES, data, content_type="application/json", **extra)


def _floats(value, path="$"):
    """Every float in a decoded JSON document, with where it is."""
    if isinstance(value, float):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _floats(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _floats(v, f"{path}[{i}]")]
    return []


def test_a_visitor_gets_ranked_providers_with_costs_reasons_and_exclusions(
    client, provider_catalog
):
    response = _quote(client, {**SURVEY, "cross_border_share": "0", "payout_frequency": "never"})
    assert response.status_code == 200
    body = response.json()
    assert _floats(body) == []
    assert body["monthly_volume"] == {"amount": "100000.00", "currency": "CNY"}
    assert body["payments_per_month"] == 1250
    ranked = {r["provider"]["slug"]: r for r in body["recommendations"]}
    assert [r["rank"] for r in body["recommendations"]] == list(
        range(1, len(body["recommendations"]) + 1)
    )
    alipay = ranked["alipay"]
    assert alipay["monthly_cost"] == {"amount": "600.00", "currency": "CNY"}
    assert alipay["effective_rate"] == "0.60"
    assert alipay["breakdown"][0]["amount"] == {"amount": "600.00", "currency": "CNY"}
    assert alipay["breakdown"][0]["sources"][0]["url"].startswith("https://")
    assert any("mainland China" in reason for reason in alipay["reasons"])
    excluded = {e["provider"]["slug"]: e["reasons"] for e in body["exclusions"]}
    assert "Square" in excluded["square"][0]


def test_an_unconfirmed_cost_is_null_not_invented(client, provider_catalog):
    body = _quote(client).json()  # 20% cross-border: Alipay publishes no surcharge
    alipay = next(r for r in body["recommendations"] if r["provider"]["slug"] == "alipay")
    assert alipay["monthly_cost"] is None
    assert alipay["effective_rate"] is None
    assert Decimal(alipay["known_cost"]["amount"]) > 0
    assert "Cross-border surcharge" in alipay["unconfirmed"]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_quote_input_is_a_400_naming_the_field(
    client, provider_catalog, changes, field, message
):
    response = _quote(client, {**copy.deepcopy(SURVEY), **changes})
    assert response.status_code == 400
    assert message in str(response.json()["extra"]["fields"][field])


def test_a_quote_body_of_the_wrong_shape_is_a_400(client, provider_catalog):
    for body in ([1, 2], "text", {}):
        response = _quote(client, body)
        assert response.status_code == 400, body
        assert "message" in response.json()


def test_visitors_are_limited_to_60_quotes_a_minute(client, provider_catalog):
    for _ in range(60):
        assert _quote(client).status_code == 200
    response = _quote(client)
    assert response.status_code == 429
    assert set(response.json()) == {"message", "extra"}


def test_logged_in_people_are_not_limited_by_the_visitor_rate(auth_client, owner, provider_catalog):
    client = auth_client(owner)
    for _ in range(61):
        assert _quote(client).status_code == 200


def test_the_catalog_lists_every_provider_with_sourced_figures(client, provider_catalog):
    body = client.get(PROVIDERS).json()
    assert _floats(body) == []
    assert body["version"] == 1 and body["as_of"] == "2026-11-26"
    alipay = next(p for p in body["providers"] if p["slug"] == "alipay")
    percent = alipay["fee_schedules"][0]["percent"]
    assert percent == {
        "value": "0.6",
        "confidence": "third_party",
        "source": "cnblogs-2024",
        "note": percent["note"],
    }
    assert alipay["fee_schedules"][0]["currency"] == "CNY"
    assert alipay["fee_schedules"][0]["cross_border_percent"]["value"] is None
    sources = {s["id"]: s for s in alipay["sources"]}
    assert sources["cnblogs-2024"]["date"] == "2024-11-05"


def test_the_catalog_filters_by_merchant_country_and_currency(client, provider_catalog):
    slugs = {p["slug"] for p in client.get(PROVIDERS, {"country": "CN"}).json()["providers"]}
    assert {"alipay", "wechatpay", "unionpay"} <= slugs
    assert "square" not in slugs
    body = client.get(PROVIDERS, {"country": "jp", "currency": "JPY"}).json()
    slugs = {p["slug"] for p in body["providers"]}
    assert "paypay" in slugs and "alipay" not in slugs
    paypay = next(p for p in body["providers"] if p["slug"] == "paypay")
    assert {doc["country"] for doc in paypay["kyc_documents"]} <= {"JP", "*"}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"country": "XX"}, "country", "not a country or region code"),
        ({"country": "CHINA"}, "country", "two capital letters"),
        ({"currency": "ABC"}, "currency", "not a currency we know"),
    ],
)
def test_an_unknown_filter_is_a_400(client, provider_catalog, query, field, message):
    response = client.get(PROVIDERS, query)
    assert response.status_code == 400
    assert message in str(response.json()["extra"]["fields"][field])


@pytest.mark.parametrize("copies", [0, 2])
def test_catalog_queries_do_not_grow_with_the_number_of_providers(
    client, larger_catalog, django_assert_max_num_queries, copies
):
    from payments.selectors import catalog_cache_clear

    count = larger_catalog(copies) if copies else 12
    catalog_cache_clear()  # the first request builds the catalog from the rows
    with django_assert_max_num_queries(10):
        body = client.get(PROVIDERS, {"country": "US"}).json()
    assert len(client.get(PROVIDERS).json()["providers"]) == count
    with django_assert_max_num_queries(2):  # then one query tells it is still current
        client.get(PROVIDERS, {"country": "US"})
    assert body["providers"]
