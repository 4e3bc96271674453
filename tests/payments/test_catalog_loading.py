"""load_catalog: the data file becomes rows, idempotently; rows become the engine's facts."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from payments.catalog.schema import load_catalog
from payments.models import (
    CatalogRelease,
    FeeSchedule,
    PayoutRule,
    Provider,
    ProviderCode,
    ProviderSelection,
    ProviderSource,
)
from payments.selectors import catalog_facts, provider_slugs_matching
from payments.services.catalog import catalog_load, catalog_touch
from payments.services.selection import provider_selection_set
from tests.payments.conftest import shipped_catalog_data

pytestmark = pytest.mark.django_db

ROW_MODELS = [Provider, ProviderSource, ProviderCode, FeeSchedule, PayoutRule]


def _snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in ROW_MODELS
    } | {"updated": sorted(Provider.objects.values_list("slug", "updated_at"))}


def _write(tmp_path, data) -> Path:
    path = tmp_path / "providers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_loading_twice_changes_nothing(provider_catalog):
    before = _snapshot()
    token = CatalogRelease.objects.get().token
    with CaptureQueriesContext(connection) as queries:
        report = catalog_load()
    assert not report.changed
    assert len(report.unchanged) == len(load_catalog().providers)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert _snapshot() == before
    assert CatalogRelease.objects.get().token == token


def test_the_command_says_when_nothing_changed(provider_catalog, capsys):
    call_command("load_catalog")
    assert "Catalog unchanged (12 providers)." in capsys.readouterr().out


def test_a_changed_figure_in_the_file_updates_its_row_only(provider_catalog, tmp_path):
    data = shipped_catalog_data()
    alipay = next(p for p in data["providers"] if p["slug"] == "alipay")
    alipay["fee_schedules"][0]["percent"]["value"] = "0.55"
    ids_before = sorted(FeeSchedule.objects.values_list("pk", flat=True))
    old_token = CatalogRelease.objects.get().token

    call_command("load_catalog", "--file", str(_write(tmp_path, data)))

    schedule = FeeSchedule.objects.get(provider__slug="alipay", key="standard")
    assert schedule.percent == Decimal("0.55")
    assert sorted(FeeSchedule.objects.values_list("pk", flat=True)) == ids_before
    assert CatalogRelease.objects.get().token != old_token
    assert catalog_facts().get("alipay").fee_schedules[0].percent.value == Decimal("0.55")


def test_a_provider_removed_from_the_file_is_marked_inactive_not_deleted(
    answered_survey, owner, merchant, tmp_path
):
    provider_selection_set(application=merchant.application, actor=owner, slugs=["wechatpay"])
    data = shipped_catalog_data()
    data["providers"] = [p for p in data["providers"] if p["slug"] != "wechatpay"]

    report = catalog_load(path=_write(tmp_path, data))

    assert report.deactivated == ["wechatpay"]
    wechat = Provider.objects.get(slug="wechatpay")
    assert not wechat.active
    assert ProviderSelection.objects.filter(provider=wechat).exists()
    assert catalog_facts().get("wechatpay") is None
    # Back in the file, it is active again (the others only move back to their place).
    assert "wechatpay" in catalog_load().updated
    assert Provider.objects.get(slug="wechatpay").active


def test_a_broken_file_changes_nothing_and_names_the_problem(provider_catalog, tmp_path):
    data = shipped_catalog_data()
    data["providers"][0]["fee_schedules"][0]["percent"]["value"] = 0.6
    before = _snapshot()
    with pytest.raises(CommandError, match=r"percent\.value"):
        call_command("load_catalog", "--file", str(_write(tmp_path, data)))
    assert _snapshot() == before


def test_rows_give_back_exactly_the_facts_of_the_file(provider_catalog):
    facts = catalog_facts()
    assert facts.problems == {}
    assert facts.providers == load_catalog().providers
    assert facts.version == load_catalog().version


def test_coverage_facts_are_queryable_rows(provider_catalog):
    assert ProviderCode.objects.filter(provider__slug="alipay", kind="currency").count() == 1
    in_china = provider_slugs_matching(country="CN", currency=None)
    assert {"alipay", "wechatpay", "unionpay"} <= in_china
    assert "square" not in in_china
    assert "paypal" in in_china  # onboards merchants anywhere ("*")
    assert provider_slugs_matching(country="JP", currency="JPY") >= {"paypay"}
    assert "paypay" not in provider_slugs_matching(country="JP", currency="USD")


def test_an_admin_edit_reaches_the_next_quote(provider_catalog):
    assert catalog_facts().get("alipay").fee_schedules[0].percent.value == Decimal("0.6")
    FeeSchedule.objects.filter(provider__slug="alipay").update(percent=Decimal("0.38"))
    catalog_touch()
    assert catalog_facts().get("alipay").fee_schedules[0].percent.value == Decimal("0.38")


def test_rows_that_no_longer_pass_the_checks_leave_that_provider_out(provider_catalog, caplog):
    schedule = FeeSchedule.objects.get(provider__slug="alipay")
    schedule.percent = None  # null while its provenance still says "third_party"
    schedule.save()
    catalog_touch()
    facts = catalog_facts()
    assert facts.get("alipay") is None
    assert "null is only allowed when unconfirmed" in facts.problems["alipay"]
    assert facts.get("wechatpay") is not None
    assert "alipay left out" in caplog.text


@pytest.fixture
def admin_client(client, staff_with_mfa):
    staff_with_mfa.is_superuser = True
    staff_with_mfa.save()
    client.force_login(staff_with_mfa)
    return client


def test_admins_see_each_providers_rows_checked(admin_client, provider_catalog):
    alipay = Provider.objects.get(slug="alipay")
    assert admin_client.get("/admin/payments/provider/").status_code == 200
    page = admin_client.get(f"/admin/payments/provider/{alipay.pk}/change/").content.decode()
    assert "OK: the rows pass the data file&#x27;s checks." in page
    FeeSchedule.objects.filter(provider=alipay).update(percent=None)
    page = admin_client.get(f"/admin/payments/provider/{alipay.pk}/change/").content.decode()
    assert "null is only allowed when unconfirmed" in page


def test_an_admin_save_refreshes_the_catalog_everywhere(admin_client, provider_catalog):
    from django.contrib.admin.sites import site

    token = CatalogRelease.objects.get().token
    schedule = FeeSchedule.objects.get(provider__slug="alipay")
    schedule.percent = Decimal("0.5")
    site._registry[FeeSchedule].save_model(None, schedule, None, True)
    assert CatalogRelease.objects.get().token != token
    assert catalog_facts().get("alipay").fee_schedules[0].percent.value == Decimal("0.5")
