"""Sign-up, verification, login limits, MFA secrets at rest, and staff MFA enforcement."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from onboarding.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _signup(client, email, password="A-long-enough-passphrase-42"):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def test_signup_requires_email_verification_before_login(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "new.merchant@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.merchant@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("dashboard")).status_code == 302
    assert len(mailoutbox) == 1
    assert "confirm" in mailoutbox[0].body.lower()


@pytest.mark.parametrize("bad_email", ["not-an-email", "a@", "@example.com", "x" * 300 + "@e.com"])
def test_signup_with_malformed_email_says_so_and_creates_nothing(client, bad_email):
    response = _signup(client, bad_email)
    assert response.status_code == 200
    assert "valid email address" in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_existing_email_does_not_reveal_the_account(
    client, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    user_factory(email="taken@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "taken@example.com")
    # Same answer as a fresh sign-up; the owner of the address is told by email instead.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="taken@example.com").count() == 1
    assert len(mailoutbox) == 1


def test_login_rate_limit_stops_password_guessing(client, user_factory):
    user_factory(email="target@example.com")
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": "target@example.com", "password": "wrong"}
        )
    assert "Too many failed login attempts" in response.content.decode()
    response = client.post(
        reverse("account_login"), {"login": "target@example.com", "password": PASSWORD}
    )
    # Still locked, even with the right password: guessing gains nothing.
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_with_right_password_reaches_the_business_page(client, user_factory):
    user_factory(email="fresh@example.com")
    response = client.post(
        reverse("account_login"), {"login": "fresh@example.com", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("business")


def test_totp_secret_is_stored_encrypted(staff_with_mfa):
    from allauth.mfa.adapter import get_adapter

    authenticator = Authenticator.objects.get(user=staff_with_mfa, type=Authenticator.Type.TOTP)
    stored = authenticator.data["secret"]
    plain = get_adapter().decrypt(stored)
    assert len(plain) == 32 and plain.isalnum()
    assert plain not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token


@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/outbox/", "/admin/", "/admin/onboarding/merchant/"]
)
def test_staff_without_mfa_is_sent_to_set_it_up(auth_client, staff_user, path):
    response = auth_client(staff_user).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_mfa_opens_the_staff_area(auth_client, staff_with_mfa):
    assert auth_client(staff_with_mfa).get("/staff/").status_code == 200


def test_merchant_user_gets_404_for_staff_pages(auth_client, owner):
    assert auth_client(owner).get("/staff/").status_code == 404


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_password_reset_does_not_reveal_unknown_addresses(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_email_change_sends_a_verification_to_the_new_address(
    auth_client, owner, mailoutbox, django_capture_on_commit_callbacks
):
    client = auth_client(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "new-address@example.com"}
        )
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["new-address@example.com"]
    assert EmailAddress.objects.get(email="new-address@example.com").verified is False
    owner.refresh_from_db()
    assert owner.email != "new-address@example.com"  # unchanged until verified


def test_password_change_needs_the_old_password(auth_client, owner):
    client = auth_client(owner)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong",
            "password1": "New-Pass-Phrase-77",
            "password2": "New-Pass-Phrase-77",
        },
    )
    assert response.status_code == 200
    assert "Please type your current password." in response.content.decode()
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "New-Pass-Phrase-77",
            "password2": "New-Pass-Phrase-77",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("New-Pass-Phrase-77")
