"""The FAQ's "how is the withdrawal fee computed" as a page anyone can use, without JavaScript."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _calculate(client, **query):
    return client.get(reverse("withdrawal_fee"), query)


def test_a_visitor_computes_a_withdrawal_with_a_partly_used_free_quota(client, provider_catalog):
    # Alipay: 0.1% above a 20,000 CNY lifetime quota. 15,000 used: of 30,000, 5,000 is free
    # and 25,000 pays 0.1% = 25.00 CNY.
    response = _calculate(client, rule="alipay/standard", amount="30,000", quota_used="15000")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="withdrawal-fee"><strong>25.00 CNY</strong></dd>' in page
    assert "Free part 5,000.00 CNY; charged part 25,000.00 CNY." in page
    assert "szdaily.com" in page  # where the rule comes from


def test_the_minimum_fee_applies_to_a_small_withdrawal(client, provider_catalog):
    page = _calculate(client, rule="alipay/standard", amount="50", quota_used="20000")
    assert "<strong>0.10 CNY</strong>" in page.content.decode()


def test_an_unconfirmed_rule_says_so(client, provider_catalog):
    page = _calculate(client, rule="wechatpay/standard", amount="1000").content.decode()
    assert "<strong>unconfirmed</strong>" in page
    assert "The withdrawal fee is unconfirmed." in page


def test_the_empty_form_lists_every_rule_with_its_currency(client, provider_catalog):
    page = client.get(reverse("withdrawal_fee")).content.decode()
    assert '<option value="alipay/standard">Alipay — Standard rate (most industries) (CNY)' in page
    assert 'class="withdrawal-fee"' not in page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"amount": "-3"}, "amount", "above zero"),
        ({"amount": "0"}, "amount", "above zero"),
        ({"amount": "10.555"}, "amount", "CNY has 2 decimals"),
        ({"amount": "9" * 40}, "amount", "at most 14 digits"),
        ({"amount": "ten"}, "amount", "as a number"),
        ({"quota_used": "-1"}, "quota_used", "0 or more"),
        ({"rule": "nosuchpay/standard"}, "rule", "from the list"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(client, provider_catalog, query, field, message):
    response = _calculate(client, **({"rule": "alipay/standard", "amount": "100"} | query))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert 'class="withdrawal-fee"' not in response.content.decode()
