"""Queries compiled once and run with new values give what the queryset would have."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onboarding.auth_backends import KaitongBackend
from onboarding.models import Membership, User
from onboarding.prepared import PreparedQuery

pytestmark = pytest.mark.django_db

USER_WITH_TEAM = PreparedQuery(
    lambda user_id: User.objects.select_related("membership__merchant__application").filter(
        pk=user_id
    ),
    "user_id",
)
MEMBER_EMAILS = PreparedQuery(
    lambda merchant_id: (
        Membership.objects.filter(merchant_id=merchant_id)
        .order_by("user__email")
        .values("role", "user__email")
    ),
    "merchant_id",
)


def test_each_call_binds_its_own_values(merchant_factory):
    first = merchant_factory(legal_name="First Ltd").memberships.get().user
    second = merchant_factory(legal_name="Second Ltd").memberships.get().user
    assert USER_WITH_TEAM.first(user_id=first.pk).email == first.email
    assert USER_WITH_TEAM.first(user_id=second.pk).email == second.email
    assert USER_WITH_TEAM(user_id=10**9) == []


def test_related_objects_come_loaded_in_the_one_query(owner):
    with CaptureQueriesContext(connection) as captured:
        user = USER_WITH_TEAM.first(user_id=owner.pk)
        application = user.membership.merchant.application
    assert len(captured.captured_queries) == 1
    assert user.membership.merchant.legal_name == "Alpha Owner Trading Ltd"
    assert application.status == "draft"
    assert application.created_at.tzinfo is not None  # database values converted as usual


def test_a_user_without_a_team_has_no_membership(staff_user):
    user = USER_WITH_TEAM.first(user_id=staff_user.pk)
    with pytest.raises(Membership.DoesNotExist):
        _ = user.membership


def test_values_queries_give_the_same_dicts_as_the_queryset(merchant, member_factory):
    member_factory(merchant)
    member_factory(merchant, role="viewer")
    expected = list(
        Membership.objects.filter(merchant_id=merchant.pk)
        .order_by("user__email")
        .values("role", "user__email")
    )
    assert MEMBER_EMAILS(merchant_id=merchant.pk) == expected
    assert len(expected) == 3


def test_a_parameter_missing_from_the_query_is_refused_when_compiled(owner):
    unused = PreparedQuery(lambda user_id: User.objects.filter(is_active=True), "user_id")
    with pytest.raises(ImproperlyConfigured, match="user_id"):
        unused(user_id=owner.pk)


def test_the_backend_loads_user_team_and_journey_facts_in_one_query(owner):
    with CaptureQueriesContext(connection) as captured:
        user = KaitongBackend().get_user(owner.pk)
        _ = user.membership.merchant.application.status
    assert len(captured.captured_queries) == 1
    assert user.journey_fact_survey_complete is False
    assert user.journey_fact_providers_chosen is False


def test_the_backend_refuses_inactive_users_and_bad_ids(owner):
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert KaitongBackend().get_user(owner.pk) is None
    assert KaitongBackend().get_user("not-a-number") is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements")
def test_on_postgresql_the_statement_is_prepared_on_the_server(owner):
    USER_WITH_TEAM(user_id=owner.pk)
    USER_WITH_TEAM(user_id=owner.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any('FROM "onboarding_user"' in statement for statement in statements)
