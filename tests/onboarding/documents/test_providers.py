"""The checklist follows the payments step: survey channels and the providers chosen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onboarding.requirements.sources import (
    merchant_facts,
    provider_catalog,
    selected_provider_slugs,
)
from payments.selectors import catalog_cache_clear
from payments.services.catalog import catalog_load
from payments.services.selection import provider_selection_set
from payments.services.survey import survey_update
from tests.payments.conftest import CN_SURVEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def chose_alipay_and_wechat(cn_owner):
    catalog_cache_clear()
    catalog_load()
    application = cn_owner.membership.merchant.application
    survey_update(application=application, actor=cn_owner, answers=CN_SURVEY)
    provider_selection_set(application=application, actor=cn_owner, slugs=["wechatpay", "alipay"])
    yield application
    catalog_cache_clear()


def test_providers_chosen_in_the_payments_step_drive_the_checklist(
    chose_alipay_and_wechat, cn_owner, auth_client, django_assert_max_num_queries
):
    application = chose_alipay_and_wechat
    assert selected_provider_slugs(application) == ["wechatpay", "alipay"]
    facts = merchant_facts(cn_owner.membership.merchant, application, provider_catalog())
    assert facts.channels == {"web", "instore_qr"}
    client = auth_client(cn_owner)
    with django_assert_max_num_queries(9):
        data = client.get(reverse("api_requirements")).json()
    items = {i["key"]: (i["mandatory"], i["asked_by"]) for i in data["items"]}
    assert items == {
        "business_licence": (True, ["WeChat Pay", "Alipay"]),
        "legal_rep_id": (True, ["WeChat Pay", "Alipay"]),
        "bank_account_proof": (True, ["WeChat Pay"]),
        "icp_filing": (True, ["Alipay"]),  # selling on the web in mainland China
        "industry_licence": (False, ["WeChat Pay", "Alipay"]),
        "storefront_photo": (True, ["Alipay"]),  # in-store QR payments
    }
    page = client.get(reverse("documents")).content.decode()
    assert "Asked by WeChat Pay, Alipay" in page


def test_an_admins_edit_of_a_providers_documents_reaches_the_checklist(
    chose_alipay_and_wechat, cn_owner, auth_client
):
    """The checklist reads the catalog from the database, not the data file it came from."""
    from payments.models import KycRequirement
    from payments.services.catalog import catalog_touch

    client = auth_client(cn_owner)

    def asked_by() -> dict:
        items = client.get(reverse("api_requirements")).json()["items"]
        return {item["key"]: item["asked_by"] for item in items}

    assert asked_by()["icp_filing"] == ["Alipay"]
    KycRequirement.objects.filter(provider__slug="alipay", code="website_icp").delete()
    catalog_touch()  # what the admin does on save
    assert asked_by()["icp_filing"] == []  # still needed for selling on the web in China
