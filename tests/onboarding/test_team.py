"""Teams: owners invite by email with single-use links that expire in 7 days."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onboarding.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db


def _invite(client, email="dev@example.com", role="developer", capture=None):
    with capture(execute=True):
        return client.post(reverse("team"), {"email": email, "role": role})


def _link(mailoutbox) -> str:
    return re.search(r"https?://[^/\s]+(/invite/[^\s]+/)", mailoutbox[-1].body).group(1)


def test_owner_invites_and_teammate_joins_with_the_emailed_link(
    client,
    auth_client,
    owner,
    merchant,
    user_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _invite(auth_client(owner), capture=django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["dev@example.com"]
    assert merchant.legal_name in mailoutbox[-1].subject
    link = _link(mailoutbox)
    invitee = user_factory(email="dev@example.com")
    client.force_login(invitee)
    assert merchant.legal_name in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == reverse("dashboard")
    assert Membership.objects.get(user=invitee).role == Role.DEVELOPER
    assert Invitation.objects.get().token_hash not in mailoutbox[-1].body


def test_reused_invitation_link_is_refused(
    client, auth_client, owner, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(auth_client(owner), capture=django_capture_on_commit_callbacks)
    link = _link(mailoutbox)
    client.force_login(user_factory(email="dev@example.com"))
    client.post(link)
    client.force_login(user_factory(email="other@example.com"))
    response = client.post(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert Membership.objects.filter(user__email="other@example.com").count() == 0


def test_expired_invitation_link_is_refused(
    client, auth_client, owner, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(auth_client(owner), capture=django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(user_factory(email="dev@example.com"))
    response = client.post(_link(mailoutbox))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user__email="dev@example.com").exists()


def test_invitation_expires_seven_days_after_it_is_sent(
    auth_client, owner, django_capture_on_commit_callbacks
):
    _invite(auth_client(owner), capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_invitation_for_another_address_cannot_be_taken(
    client, auth_client, owner, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(auth_client(owner), capture=django_capture_on_commit_callbacks)
    client.force_login(user_factory(email="eve@example.com"))
    response = client.post(_link(mailoutbox))
    assert response.status_code == 400
    assert "sent to dev@example.com" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_unknown_token_gets_a_clear_message(client):
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_revoked_invitation_link_stops_working(
    client, auth_client, owner, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    owner_client = auth_client(owner)
    _invite(owner_client, capture=django_capture_on_commit_callbacks)
    link = _link(mailoutbox)
    owner_client.post(reverse("invitation_revoke", args=[Invitation.objects.get().pk]))
    client.force_login(user_factory(email="dev@example.com"))
    assert client.post(link).status_code == 410


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("not-an-email", "developer", "Enter a valid email address"),
        ("dev@example.com", "owner", "Select a valid choice"),
    ],
)
def test_bad_invitation_input_is_explained(
    auth_client, owner, email, role, message, django_capture_on_commit_callbacks
):
    response = _invite(auth_client(owner), email, role, capture=django_capture_on_commit_callbacks)
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.DEVELOPER, Role.VIEWER])
def test_non_owners_cannot_invite(
    auth_client, merchant, member_factory, role, django_capture_on_commit_callbacks
):
    member = member_factory(merchant, role)
    response = _invite(auth_client(member), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_owner_removes_a_member_but_not_themselves(auth_client, owner, merchant, member_factory):
    developer = member_factory(merchant, Role.DEVELOPER)
    client = auth_client(owner)
    client.post(reverse("member_remove", args=[developer.membership.pk]))
    assert not Membership.objects.filter(user=developer).exists()
    client.post(reverse("member_remove", args=[owner.membership.pk]))
    assert Membership.objects.filter(user=owner).exists()


def test_owner_cannot_touch_another_merchants_members(
    auth_client, owner, merchant_factory, member_factory
):
    other = merchant_factory(legal_name="Bravo Ltd")
    victim = member_factory(other, Role.DEVELOPER)
    response = auth_client(owner).post(reverse("member_remove", args=[victim.membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(user=victim).exists()
