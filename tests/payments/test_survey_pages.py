"""The market survey pages: saved page by page, resumable, refusing bad input plainly."""

from decimal import Decimal

import pytest
from django.urls import reverse

from onboarding.models import Role
from onboarding.transitions import transition
from payments.models import Survey, SurveyRegion

pytestmark = pytest.mark.django_db

GOOD_PAGES = {
    "market": {"merchant_country": "CN", "currency": "CNY"},
    "customers": {
        "region_1": "CN",
        "share_1": "80",
        "region_2": "HK",
        "share_2": "20",
        "cross_border_share": "20",
    },
    "channels": {
        "channels": ["web", "instore_qr"],
        "wallet_1": "wechatpay",
        "wallet_share_1": "70",
    },
    "volume": {
        "monthly_volume": "100,000.00",
        "average_ticket": "80",
        "payout_frequency": "weekly",
        "priorities": ["lowest_cost"],
    },
}


def _url(key: str) -> str:
    return reverse("survey_page", kwargs={"key": key})


def _post(client, key: str, **changes):
    data = {**GOOD_PAGES[key], **changes}
    return client.post(_url(key), {k: v for k, v in data.items() if v is not None})


def _answer(client, *keys: str) -> None:
    for key in keys:
        assert _post(client, key).status_code == 302, key


def test_each_page_saves_and_leads_to_the_next(auth_client, owner, provider_catalog):
    client = auth_client(owner)
    response = _post(client, "market")
    assert response["Location"] == _url("customers")
    survey = Survey.objects.get()
    assert (survey.merchant_country, survey.currency, survey.completed_at) == ("CN", "CNY", None)
    assert _post(client, "customers")["Location"] == _url("channels")
    assert _post(client, "channels")["Location"] == _url("volume")
    assert _post(client, "volume")["Location"] == reverse("providers")
    survey.refresh_from_db()
    assert survey.monthly_volume == Decimal("100000")  # the separators were dropped
    assert survey.completed_at is not None
    assert {(r.region, r.share) for r in survey.regions.all()} == {
        ("CN", Decimal(80)),
        ("HK", Decimal(20)),
    }


def test_the_survey_resumes_where_it_was_left(auth_client, owner):
    client = auth_client(owner)
    _answer(client, "market", "customers")
    page = client.get(reverse("survey")).content.decode()
    assert page.count("Answered") == 2
    assert f'href="{_url("channels")}">Continue the survey' in page
    # A page shows what was answered before.
    again = client.get(_url("customers")).content.decode()
    assert 'value="80"' in again and '<option value="HK" selected>' in again


def test_the_volume_page_needs_the_currency_first(auth_client, owner):
    response = auth_client(owner).get(_url("volume"))
    assert response["Location"] == _url("market")


def test_changing_the_currency_clears_amounts_given_in_the_old_one(auth_client, owner):
    client = auth_client(owner)
    _answer(client, "market", "customers", "channels", "volume")
    _post(client, "market", currency="JPY")
    survey = Survey.objects.get()
    assert (survey.monthly_volume, survey.average_ticket, survey.completed_at) == (None, None, None)
    assert "Expected sales per month (JPY)" in client.get(_url("volume")).content.decode()


@pytest.mark.parametrize(
    ("key", "changes", "field", "message"),
    [
        ("volume", {"monthly_volume": "-5"}, "monthly_volume", "above zero"),
        ("volume", {"monthly_volume": "0"}, "monthly_volume", "above zero"),
        ("volume", {"average_ticket": "200000"}, "average_ticket", "larger than your monthly"),
        ("volume", {"monthly_volume": "9" * 40}, "monthly_volume", "at most 14 digits"),
        ("volume", {"monthly_volume": "lots"}, "monthly_volume", "Enter the amount as a number"),
        ("volume", {"average_ticket": "12.345"}, "average_ticket", "round the average payment"),
        ("volume", {"payout_frequency": "hourly"}, "payout_frequency", "from the list"),
        ("customers", {"share_1": "70"}, None, "add up to 90%, not 100%"),
        ("customers", {"share_1": "abc"}, "share_1", "as a number from 0 to 100"),
        ("customers", {"share_1": "1" * 40}, "share_1", "from 0 to 100"),
        ("customers", {"region_2": "ZZ"}, "region_2", "Choose a region from the list"),
        ("customers", {"region_2": "CN"}, "region_2", "listed twice"),
        ("customers", {"share_2": None}, "share_2", "Enter the share for Hong Kong"),
        ("customers", {"cross_border_share": "120"}, "cross_border_share", "from 0 to 100"),
        ("market", {"currency": "XYZ"}, "currency", "Choose a currency from the list"),
        ("market", {"merchant_country": "XX"}, "merchant_country", "from the list"),
        ("channels", {"channels": []}, "channels", "at least one place"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(
    auth_client, owner, key, changes, field, message
):
    client = auth_client(owner)
    _answer(client, "market", "customers", "channels", "volume")
    before = (
        list(Survey.objects.values()),
        sorted(SurveyRegion.objects.values_list("region", "share")),
    )

    response = _post(client, key, **changes)

    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field or "__all__")
    assert errors, form.errors
    assert any(message in str(error) for error in errors), errors
    assert (
        list(Survey.objects.values()),
        sorted(SurveyRegion.objects.values_list("region", "share")),
    ) == before
    assert f'id="id_{field}_error"' in response.content.decode() if field else True


def test_the_survey_cannot_change_once_the_application_is_submitted(auth_client, owner, merchant):
    client = auth_client(owner)
    _answer(client, "market", "customers", "channels", "volume")
    transition(merchant.application, "submitted", actor=owner)

    response = _post(client, "market", currency="USD")

    assert "can no longer be changed" in response.content.decode()
    assert Survey.objects.get().currency == "CNY"


def test_changes_requested_opens_the_survey_again(auth_client, owner, merchant):
    client = auth_client(owner)
    _answer(client, "market")
    for status in ["submitted", "in_review", "changes_requested"]:
        transition(merchant.application, status, actor=owner)
    assert _post(client, "market", currency="USD").status_code == 302
    assert Survey.objects.get().currency == "USD"


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_team_members_read_the_survey_but_only_the_owner_changes_it(
    auth_client, owner, merchant, member_factory, role
):
    _answer(auth_client(owner), "market")
    client = auth_client(member_factory(merchant, role=role))
    page = client.get(_url("market")).content.decode()
    assert "Only the owner can change the survey" in page
    assert "disabled" in page
    assert _post(client, "market", currency="USD").status_code == 404
    assert Survey.objects.get().currency == "CNY"


def test_an_unknown_survey_page_is_not_found(auth_client, owner):
    assert auth_client(owner).get(_url("nonsense")).status_code == 404


def test_another_merchant_never_sees_this_survey(auth_client, owner, merchant_factory):
    _answer(auth_client(owner), "market", "customers")
    other = merchant_factory(legal_name="Bravo Ltd").memberships.get().user
    page = auth_client(other).get(_url("customers")).content.decode()
    assert 'value="80"' not in page
    assert Survey.objects.count() == 1
