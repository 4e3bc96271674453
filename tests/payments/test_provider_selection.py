"""Choosing providers on the comparison page and through PUT /api/v1/application/providers/."""

import pytest
from django.urls import reverse

from onboarding.models import AuditEvent, Role
from onboarding.transitions import transition
from payments.models import ProviderSelection

pytestmark = pytest.mark.django_db
API = "/api/v1/application/providers/"


def _chosen(merchant) -> list[str]:
    return sorted(
        ProviderSelection.objects.filter(application=merchant.application).values_list(
            "provider__slug", flat=True
        )
    )


def _put(client, slugs):
    return client.put(API, {"providers": slugs}, content_type="application/json")


def test_the_owner_chooses_two_providers_on_the_page(auth_client, owner, merchant, answered_survey):
    client = auth_client(owner)
    response = client.post(reverse("providers"), {"providers": ["alipay", "wechatpay"]})
    assert response["Location"] == reverse("dashboard")
    assert _chosen(merchant) == ["alipay", "wechatpay"]
    event = AuditEvent.objects.get(action="providers_selected")
    assert (event.actor, event.note) == (owner, "alipay, wechatpay")
    page = client.get(reverse("providers")).content.decode()
    assert 'value="alipay" id="choose-alipay" form="provider-selection" checked' in page


def test_a_new_choice_replaces_the_old_one(auth_client, owner, merchant, answered_survey):
    client = auth_client(owner)
    assert _put(client, ["alipay", "wechatpay"]).status_code == 200
    response = _put(client, ["unionpay", "wechatpay"])
    assert response.json() == {
        "providers": [
            {"slug": "wechatpay", "name": "WeChat Pay"},
            {"slug": "unionpay", "name": "UnionPay / QuickPass"},
        ]
    }
    assert _chosen(merchant) == ["unionpay", "wechatpay"]


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ([], "Choose at least one provider."),
        (["alipay", "nosuchpay"], "We do not know these providers: nosuchpay."),
        (["alipay", "square"], "Square onboards only merchants in"),
        (["stripe"], "Stripe does not onboard merchants in mainland China."),
    ],
)
def test_a_bad_choice_is_refused_with_the_reason_and_nothing_changes(
    auth_client, owner, merchant, answered_survey, slugs, message
):
    client = auth_client(owner)
    _put(client, ["wechatpay"])

    response = _put(client, slugs)
    assert response.status_code == 400
    assert message in response.json()["message"]

    page = client.post(reverse("providers"), {"providers": slugs}, follow=True)
    assert page.status_code == 200
    assert message in page.content.decode().replace("&#x27;", "'")
    assert _chosen(merchant) == ["wechatpay"]


def test_the_api_needs_a_list_of_slugs(auth_client, owner, answered_survey):
    client = auth_client(owner)
    for body in ({}, {"providers": "alipay"}, {"providers": [{"slug": "alipay"}]}):
        response = client.put(API, body, content_type="application/json")
        assert response.status_code == 400, body
        assert "fields" in response.json()["extra"]


def test_providers_cannot_be_chosen_before_the_survey_is_finished(auth_client, owner, merchant):
    response = _put(auth_client(owner), ["alipay"])
    assert response.status_code == 400
    assert "survey" in response.json()["message"]
    assert _chosen(merchant) == []


def test_the_choice_is_frozen_once_the_application_is_submitted(
    auth_client, owner, merchant, answered_survey
):
    client = auth_client(owner)
    _put(client, ["alipay"])
    transition(merchant.application, "submitted", actor=owner)
    assert _put(client, ["wechatpay"]).status_code == 400
    page = client.get(reverse("providers")).content.decode()
    assert "can no longer be changed" in page
    assert 'id="choose-alipay" form="provider-selection" checked disabled' in page
    assert _chosen(merchant) == ["alipay"]


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_developers_and_viewers_see_the_choice_but_cannot_change_it(
    auth_client, owner, merchant, member_factory, answered_survey, role
):
    _put(auth_client(owner), ["alipay"])
    client = auth_client(member_factory(merchant, role=role))
    assert client.get(API).json() == {"providers": [{"slug": "alipay", "name": "Alipay"}]}
    assert _put(client, ["wechatpay"]).status_code == 403
    assert client.post(reverse("providers"), {"providers": ["wechatpay"]}).status_code == 404
    assert (
        "Only the owner can choose providers" in client.get(reverse("providers")).content.decode()
    )
    assert _chosen(merchant) == ["alipay"]


def test_another_merchant_neither_sees_nor_changes_this_choice(
    auth_client, owner, merchant, answered_survey, merchant_factory
):
    _put(auth_client(owner), ["alipay", "wechatpay"])
    other = auth_client(merchant_factory(legal_name="Bravo Ltd").memberships.get().user)
    assert other.get(API).json() == {"providers": []}
    assert _put(other, ["alipay"]).status_code == 400  # Bravo has no survey of its own
    assert _chosen(merchant) == ["alipay", "wechatpay"]
