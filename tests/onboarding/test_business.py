"""The first "about your business" page: creating and editing the merchant profile."""

import pytest
from django.urls import reverse

from onboarding.models import Application, Merchant, Role

pytestmark = pytest.mark.django_db

VALID = {
    "legal_name": "深圳开通贸易有限公司",
    "country": "CN",
    "registration_number": "91440300MA5FUTQ54X",
    "industry": "ecommerce",
    "website": "https://shop.example.cn",
    "contact_phone": "+86 138 0013 8000",
}


def test_new_user_creates_business_and_becomes_owner_with_draft_application(
    auth_client, user_factory
):
    user = user_factory()
    response = auth_client(user).post(reverse("business"), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    merchant = Merchant.objects.get()
    assert merchant.legal_name == VALID["legal_name"]
    assert user.membership.role == Role.OWNER
    assert merchant.application.status == "draft"


def test_new_user_is_sent_to_business_page_before_dashboard(auth_client, user_factory):
    response = auth_client(user_factory()).get(reverse("dashboard"))
    assert response["Location"] == reverse("business")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("legal_name", "x" * 10_000, "at most 200 characters"),
        ("legal_name", "", "Enter your business&#x27;s legal name."),
        ("country", "ZZ", "Choose your country or region from the list."),
        ("country", "China", "Choose your country or region from the list."),
        ("registration_number", "91440300MA5FUTQ54K", "not a valid Unified Social Credit Code"),
        ("registration_number", "1" * 40, "not a valid Unified Social Credit Code"),
        ("industry", "weapons", "Choose your industry from the list."),
        ("website", "javascript:alert(1)", "Enter a full web address"),
        ("contact_phone", "call me", "Enter a phone number of digits"),
    ],
)
def test_bad_business_input_gets_a_clear_message_and_saves_nothing(
    auth_client, user_factory, field, value, message
):
    response = auth_client(user_factory()).post(reverse("business"), {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Merchant.objects.exists()
    assert not Application.objects.exists()


def test_registration_number_outside_china_uses_general_format(auth_client, user_factory):
    data = {**VALID, "country": "US", "registration_number": "<b>12</b>"}
    response = auth_client(user_factory()).post(reverse("business"), data)
    assert "Use 3 to 64 letters" in response.content.decode()


def test_html_in_every_text_field_is_shown_escaped(auth_client, user_factory):
    html = '<script>alert("x")</script>'
    client = auth_client(user_factory())
    client.post(
        reverse("business"),
        {**VALID, "country": "US", "registration_number": "EX-1", "legal_name": html},
    )
    response = client.get(reverse("dashboard"))
    page = response.content.decode()
    assert html not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_owner_edits_profile_and_change_is_audited(auth_client, owner, merchant):
    data = {**VALID, "legal_name": "Renamed Ltd"}
    auth_client(owner).post(reverse("business"), data)
    merchant.refresh_from_db()
    assert merchant.legal_name == "Renamed Ltd"
    assert merchant.audit_events.filter(action="profile_updated").exists()


def test_developer_sees_profile_read_only_and_cannot_change_it(
    auth_client, merchant, member_factory
):
    developer = member_factory(merchant, Role.DEVELOPER)
    client = auth_client(developer)
    page = client.get(reverse("business")).content.decode()
    assert "Only the owner can change these details." in page
    client.post(reverse("business"), {**VALID, "legal_name": "Hijacked"})
    merchant.refresh_from_db()
    assert merchant.legal_name == "Alpha Owner Trading Ltd"


def test_second_business_cannot_be_created_by_a_member(auth_client, owner):
    from onboarding.errors import DomainError
    from onboarding.services.merchants import merchant_create

    with pytest.raises(DomainError):
        merchant_create(owner=owner, **VALID)
    assert Merchant.objects.count() == 1
