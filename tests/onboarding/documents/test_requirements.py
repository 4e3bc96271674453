"""The checklist rules: data in rules.json, a pure evaluator, and the facts fed to it."""

from __future__ import annotations

import json

import pytest

from onboarding.requirements.rules import (
    RULES_FILE,
    Expiry,
    Facts,
    RulesError,
    evaluate,
    load_rules,
    parse_rules,
)
from onboarding.requirements.sources import (
    merchant_facts,
    provider_catalog,
    provider_codes,
    selected_provider_slugs,
)
from onboarding.requirements.texts import ITEM_TEXTS
from onboarding.verification.base import IdentityDocument
from payments.catalog.schema import load_catalog
from payments.selectors import CatalogFacts

RULES = load_rules()
# The shipped data file, as the database holds it after `load_catalog` (no database needed).
FILE_CATALOG = CatalogFacts("file", 1, None, load_catalog().providers, {})


def checklist(**facts) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """item key -> (mandatory, providers asking)."""
    found = evaluate(RULES, Facts(**{"industry": "ecommerce", **facts}))
    return {r.key: (r.mandatory, r.asked_by) for r in found}


def test_mainland_china_needs_licence_both_sides_of_the_legal_reps_id_and_bank_proof():
    items = checklist(country="CN")
    assert items == {
        "business_licence": (True, ()),
        "legal_rep_id": (True, ()),
        "bank_account_proof": (True, ()),
    }
    id_card = RULES.items["legal_rep_id"]
    assert [(s.key, s.expiry, s.identity) for s in id_card.sides] == [
        ("front", Expiry.NONE, IdentityDocument.CN_RESIDENT_ID),
        ("back", Expiry.REQUIRED, IdentityDocument.NONE),
    ]
    licence = RULES.items["business_licence"].spec("", max_bytes=10)
    assert licence.identity is IdentityDocument.CN_BUSINESS_LICENCE and licence.max_bytes == 10


def test_elsewhere_the_company_registration_and_a_photo_id_are_asked():
    assert checklist(country="US") == {
        "company_registration": (True, ()),
        "representative_id": (True, ()),
        "bank_account_proof": (True, ()),
    }


def test_a_website_in_mainland_china_needs_its_icp_filing():
    assert checklist(country="CN", has_website=True)["icp_filing"] == (True, ())
    assert "icp_filing" not in checklist(country="HK", has_website=True)


def test_selling_in_store_needs_a_storefront_photo():
    assert checklist(country="SG", channels=frozenset({"instore_qr"}))["storefront_photo"][0]
    assert "storefront_photo" not in checklist(country="SG", channels=frozenset({"web"}))


def test_a_regulated_industry_needs_its_licence_in_china_and_may_add_it_elsewhere():
    assert checklist(country="CN", industry="food")["industry_licence"] == (True, ())
    assert checklist(country="GB", industry="food")["industry_licence"] == (False, ())
    assert "industry_licence" not in checklist(country="CN", industry="digital")


def test_a_document_asked_by_two_providers_is_collected_once_naming_both():
    codes = provider_codes(["alipay", "wechatpay"], "CN", FILE_CATALOG)
    items = checklist(country="CN", provider_codes=codes)
    assert items["business_licence"] == (True, ("alipay", "wechatpay"))
    assert items["legal_rep_id"] == (True, ("alipay", "wechatpay"))
    assert items["industry_licence"] == (False, ("alipay", "wechatpay"))  # "where required"
    assert list(items).count("business_licence") == 1


def test_stripe_adds_proof_of_address_and_maps_its_id_to_the_countrys_id_item():
    items = checklist(country="US", provider_codes=provider_codes(["stripe"], "US", FILE_CATALOG))
    assert items["address_proof"] == (True, ("stripe",))
    assert items["representative_id"] == (True, ("stripe",))
    assert items["ownership_proof"] == (False, ("stripe",))
    cn = checklist(country="CN", provider_codes=provider_codes(["stripe"], "CN", FILE_CATALOG))
    assert cn["legal_rep_id"] == (True, ("stripe",)) and "representative_id" not in cn


def test_optional_from_one_provider_and_mandatory_from_another_is_mandatory():
    codes = {"one": ("industry_licence",), "two": ("storefront_photos",)}
    items = checklist(country="SG", channels=frozenset({"pos"}), provider_codes=codes)
    assert items["storefront_photo"] == (True, ("two",))
    assert items["industry_licence"] == (False, ("one",))


def test_an_unknown_provider_or_code_adds_nothing():
    assert provider_codes(["no-such-provider"], "CN", FILE_CATALOG) == {"no-such-provider": ()}
    assert provider_codes(["alipay"], "CN", None) == {"alipay": ()}  # no payments app
    items = checklist(country="CN", provider_codes={"x": ("crystal_ball",)})
    assert set(items) == {"business_licence", "legal_rep_id", "bank_account_proof"}


def test_every_document_code_in_the_provider_catalog_is_mapped_or_declared_not_a_document():
    codes = {
        document.code
        for provider in FILE_CATALOG.providers
        for documents in provider.kyc_documents.values()
        for document in documents
    }
    unknown = codes - set(RULES.provider_documents) - RULES.not_documents
    assert unknown == set(), "map these codes in rules.json, or list them in not_documents"


def test_every_item_has_merchant_facing_texts_and_no_text_is_orphaned():
    assert set(ITEM_TEXTS) == set(RULES.items)


def test_rules_file_is_versioned_data():
    data = json.loads(RULES_FILE.read_text())
    assert data["version"] == RULES.version >= 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"].append({"id": "x", "when": {}, "mandatory": ["ghost"]}), "ghost"),
        (lambda d: d["rules"].append({"id": "x", "when": {"moon": ["full"]}}), "moon"),
        (lambda d: d["not_documents"].append("bank_account"), "bank_account"),
        (lambda d: d["items"]["icp_filing"].update(formats=["gif"]), "gif"),
    ],
    ids=["unknown-item", "unknown-condition", "mapped-and-ignored", "unknown-format"],
)
def test_a_broken_rules_file_is_refused_naming_the_problem(change, message):
    data = json.loads(RULES_FILE.read_text())
    change(data)
    with pytest.raises(RulesError, match=message):
        parse_rules(data)


@pytest.mark.django_db
def test_facts_come_from_the_profile_and_the_payments_step(merchant_factory):
    merchant = merchant_factory(country="CN", industry="food", website="https://shop.example.cn")
    facts = merchant_facts(merchant, merchant.application, provider_catalog())
    assert (facts.country, facts.industry, facts.has_website) == ("CN", "food", True)
    assert selected_provider_slugs(merchant.application) == []
    assert facts.provider_codes == {} and facts.channels == frozenset()
