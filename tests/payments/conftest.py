"""Fixtures for the payments tests that use the database: the loaded catalog, surveys."""

import copy
import json
from decimal import Decimal

import pytest

from payments.catalog.schema import PROVIDERS_FILE, Channel, parse_catalog
from payments.fees import Priority
from payments.selectors import catalog_cache_clear
from payments.services.catalog import catalog_load, catalog_sync
from payments.services.survey import SurveyAnswers, survey_update

CN_SURVEY = SurveyAnswers(
    merchant_country="CN",
    currency="CNY",
    region_shares={"CN": Decimal(80), "HK": Decimal(20)},
    cross_border_share=Decimal(20),
    channels=frozenset({Channel.WEB, Channel.INSTORE_QR}),
    wallet_shares={"wechatpay": Decimal(70), "alipay": Decimal(60)},
    monthly_volume=Decimal("100000.00"),
    average_ticket=Decimal("100.00"),
    payout_frequency="weekly",
    priorities=frozenset({Priority.LOWEST_COST}),
)


@pytest.fixture
def provider_catalog(db):
    """The shipped providers.json loaded into the rows, and no stale copy in this process."""
    catalog_cache_clear()
    report = catalog_load()
    yield report
    catalog_cache_clear()


@pytest.fixture
def answered_survey(provider_catalog, owner, merchant):
    """The owner's merchant with the whole survey answered (a mainland China shop)."""
    return survey_update(application=merchant.application, actor=owner, answers=CN_SURVEY)


def shipped_catalog_data() -> dict:
    """providers.json as decoded JSON (decimals stay strings), for tests that edit it."""
    return json.loads(PROVIDERS_FILE.read_text(encoding="utf-8"))


def with_copies(data: dict, copies: int) -> dict:
    """The catalog plus ``copies`` renamed copies of each provider: same facts, more rows."""
    extra = []
    for number in range(1, copies + 1):
        for provider in data["providers"]:
            clone = copy.deepcopy(provider)
            clone["slug"] = f"{provider['slug']}-copy{number}"
            clone["name"] = f"{provider['name']} copy {number}"
            extra.append(clone)
    return {**data, "providers": [*data["providers"], *extra]}


@pytest.fixture
def larger_catalog(provider_catalog):
    """Switch the loaded catalog to one with three times as many providers."""

    def grow(copies: int = 2) -> int:
        catalog = parse_catalog(with_copies(shipped_catalog_data(), copies))
        catalog_sync(catalog=catalog)
        return len(catalog.providers)

    return grow
