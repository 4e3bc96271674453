"""Sessions in the database, read with their user in one query, and every check Django
makes on a session still made."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onboarding.auth_backends import KaitongBackend, preload_user
from onboarding.models import Session
from tests.factories import signed_in_client

pytestmark = pytest.mark.django_db


def _session(client: Client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_records_whose_it_is(owner):
    client = signed_in_client(owner)
    assert _session(client).user_id == owner.pk
    assert client.get(reverse("dashboard")).status_code == 200


def test_one_query_reads_session_user_team_and_journey(owner, django_assert_num_queries):
    client = signed_in_client(owner)
    with django_assert_num_queries(1):
        page = client.get(reverse("dashboard")).content.decode()
    assert "Alpha Owner Trading Ltd" in page


def test_an_expired_session_signs_nobody_in(owner):
    client = signed_in_client(owner)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_password_changed_elsewhere_ends_the_session(owner):
    client = signed_in_client(owner)
    owner.set_password("a-new-password-for-kaitong-42")
    owner.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_deactivated_or_deleted_user_is_signed_out(owner, user_factory):
    client = signed_in_client(owner)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get(reverse("dashboard")).status_code == 302
    other = user_factory()
    client = signed_in_client(other)
    other.delete()
    assert client.get(reverse("business")).status_code == 302  # to the login page


def test_logging_out_deletes_the_session_row(owner):
    client = signed_in_client(owner)
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_a_preloaded_user_serves_only_its_own_id(owner, user_factory):
    other = user_factory()
    preload_user(other)
    assert KaitongBackend().get_user(owner.pk) == owner
    preload_user(owner)
    assert KaitongBackend().get_user(owner.pk) == owner
    assert KaitongBackend().get_user(owner.pk) == owner  # taken once, then read again


def test_clearsessions_removes_expired_rows(owner, user_factory):
    signed_in_client(owner)
    signed_in_client(user_factory())
    Session.objects.filter(user=owner).update(expire_date=timezone.now() - timedelta(days=1))
    call_command("clearsessions")
    assert not Session.objects.filter(user=owner).exists() and Session.objects.count() == 1


def test_the_hourly_task_clears_expired_sessions(owner):
    from onboarding.tasks import clear_expired_sessions

    signed_in_client(owner)
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    clear_expired_sessions.delay()
    assert not Session.objects.exists()


def test_a_session_without_a_user_keeps_its_data():
    from onboarding.sessions import SessionStore

    store = SessionStore()
    store["kaitong_pending_invitation"] = "token-123"
    store.save()
    assert Session.objects.get(session_key=store.session_key).user_id is None
    assert SessionStore(store.session_key).load() == {"kaitong_pending_invitation": "token-123"}
