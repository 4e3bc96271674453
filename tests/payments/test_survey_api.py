"""GET and PUT /api/v1/application/survey/: the whole survey at once, owner only."""

import copy

import pytest
from django.urls import reverse

from onboarding.models import Role
from onboarding.transitions import transition
from payments.models import Survey

pytestmark = pytest.mark.django_db
URL = "/api/v1/application/survey/"

SURVEY = {
    "merchant_country": "CN",
    "currency": "CNY",
    "region_shares": [{"region": "CN", "share": "80"}, {"region": "HK", "share": "20"}],
    "cross_border_share": "20",
    "channels": ["web", "instore_qr"],
    "wallets": [{"wallet": "wechatpay", "share": "70"}],
    "monthly_volume": "100000.00",
    "average_ticket": "80.00",
    "payout_frequency": "weekly",
    "priorities": ["lowest_cost"],
}


def _put(client, data):
    return client.put(URL, data, content_type="application/json")


def _changed(**changes):
    data = copy.deepcopy(SURVEY)
    data.update(changes)
    return data


def test_the_api_url_is_named():
    assert reverse("api_survey") == URL


def test_owner_puts_the_whole_survey_and_reads_it_back(auth_client, owner, provider_catalog):
    client = auth_client(owner)
    response = _put(client, SURVEY)
    assert response.status_code == 200, response.json()
    body = client.get(URL).json()
    assert body["complete"] is True and body["missing_pages"] == []
    assert body["monthly_volume"] == "100000.00"  # a string in the currency's minor units
    assert body["region_shares"] == [
        {"region": "CN", "share": "80.00"},
        {"region": "HK", "share": "20.00"},
    ]
    assert body["channels"] == ["instore_qr", "web"]
    assert Survey.objects.get().completed_at is not None


def test_no_survey_yet_is_not_found_with_a_message(auth_client, owner):
    response = auth_client(owner).get(URL)
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


BAD_INPUT = [
    ({"monthly_volume": "-100"}, "monthly_volume", "above zero"),
    ({"monthly_volume": "0"}, "monthly_volume", "above zero"),
    ({"average_ticket": "200000"}, "average_ticket", "larger than your monthly sales"),
    ({"monthly_volume": "9" * 40}, "monthly_volume", "at most 14 digits"),
    ({"monthly_volume": "a lot"}, "monthly_volume", "as a number"),
    ({"monthly_volume": 100000.5}, "monthly_volume", "Send amounts as strings"),
    ({"monthly_volume": [1]}, "monthly_volume", "as a number"),
    ({"average_ticket": "1.001"}, "average_ticket", "round the average payment"),
    ({"currency": "XYZ"}, "currency", '"XYZ" is not a currency we know'),
    ({"merchant_country": "ZZ"}, "merchant_country", '"ZZ" is not a country'),
    ({"merchant_country": "CHN"}, "merchant_country", "two capital letters"),
    (
        {"region_shares": [{"region": "CN", "share": "70"}]},
        "region_shares",
        "add up to 70%, not 100%",
    ),
    ({"region_shares": []}, "region_shares", "at least one region"),
    (
        {"region_shares": [{"region": "CN", "share": "50"}, {"region": "CN", "share": "50"}]},
        "region_shares",
        "listed once",
    ),
    ({"cross_border_share": "101"}, "cross_border_share", "from 0 to 100"),
    ({"channels": []}, "channels", "at least one sales channel"),
    ({"channels": ["fax"]}, "channels", '"fax" is not a sales channel'),
    ({"payout_frequency": "hourly"}, "payout_frequency", "not a payout frequency"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_is_a_400_with_the_field_and_nothing_is_saved(
    auth_client, owner, provider_catalog, changes, field, message
):
    client = auth_client(owner)
    assert _put(client, SURVEY).status_code == 200
    before = client.get(URL).json()

    response = _put(client, _changed(**changes))

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some fields need attention."
    assert message in str(body["extra"]["fields"][field]), body
    assert client.get(URL).json() == before


def test_a_body_that_is_not_json_is_a_400(auth_client, owner):
    response = auth_client(owner).put(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "message" in response.json()


def test_a_submitted_application_refuses_changes(auth_client, owner, merchant, provider_catalog):
    client = auth_client(owner)
    _put(client, SURVEY)
    transition(merchant.application, "submitted", actor=owner)
    response = _put(client, _changed(currency="USD"))
    assert response.status_code == 400
    assert "can no longer be changed" in response.json()["message"]
    assert client.get(URL).json()["editable"] is False


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_developers_and_viewers_read_but_cannot_write(
    auth_client, owner, merchant, member_factory, role, provider_catalog
):
    _put(auth_client(owner), SURVEY)
    client = auth_client(member_factory(merchant, role=role))
    assert client.get(URL).json()["editable"] is False
    response = _put(client, _changed(currency="USD"))
    assert response.status_code == 403
    assert response.json()["message"] == "Only the owner can change the survey."
    assert Survey.objects.get().currency == "CNY"


def test_another_merchant_never_reads_or_writes_this_survey(
    auth_client, owner, merchant_factory, provider_catalog
):
    _put(auth_client(owner), SURVEY)
    other = auth_client(merchant_factory(legal_name="Bravo Ltd").memberships.get().user)
    assert other.get(URL).status_code == 404
    assert _put(other, _changed(currency="USD")).status_code == 200
    assert sorted(Survey.objects.values_list("currency", flat=True)) == ["CNY", "USD"]


def test_staff_and_visitors_have_no_survey(client, staff_user):
    assert client.get(URL).status_code == 403
    client.force_login(staff_user)
    assert client.get(URL).status_code == 404


def test_missing_fields_say_what_to_send(auth_client, owner):
    response = _put(auth_client(owner), {"region_shares": [{"share": "100"}]})
    assert response.status_code == 400
    fields = response.json()["extra"]["fields"]
    assert fields["merchant_country"] == ["Give the country or region of the business, e.g. CN."]
    assert fields["monthly_volume"] == [
        'Give monthly_volume: expected sales per month, e.g. "250000.00".'
    ]
    assert fields["region_shares"] == {"0": {"region": ["Give the region of this row, e.g. CN."]}}
    assert "This field is required." not in str(fields)
