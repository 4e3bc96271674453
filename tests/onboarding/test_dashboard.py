"""The merchant dashboard: each step's state, the next thing to do, few queries."""

import pytest
from django.urls import reverse

from onboarding.models import ApplicationStatus
from onboarding.transitions import transition

pytestmark = pytest.mark.django_db


def test_dashboard_shows_business_done_and_survey_next(auth_client, owner):
    page = auth_client(owner).get(reverse("dashboard")).content.decode()
    assert "Alpha Owner Trading Ltd" in page
    assert 'class="step step-done"' in page  # business
    assert 'aria-current="step"' in page
    assert "Next thing to do" in page
    assert "Describe your customers, channels and expected volume." in page


def test_stepper_names_all_seven_steps_in_order(auth_client, owner):
    page = auth_client(owner).get(reverse("dashboard")).content.decode()
    labels = ["Business", "Survey", "Providers", "Documents", "Review", "Credentials", "Go live"]
    positions = [
        page.index(f"<span>{label}</span>")
        if f"<span>{label}</span>" in page
        else page.index(f">{label}</a>")
        for label in labels
    ]
    assert positions == sorted(positions)


def test_dashboard_shows_live_status_when_the_merchant_is_live(auth_client, owner, merchant):
    for status in ["submitted", "in_review", "approved", "live"]:
        transition(merchant.application, status, actor=owner)
    page = auth_client(owner).get(reverse("dashboard")).content.decode()
    assert "badge-live" in page
    assert str(ApplicationStatus.LIVE.label) in page


@pytest.mark.parametrize("extra_merchants", [0, 30])
def test_dashboard_query_count_does_not_grow_with_data(
    auth_client, owner, merchant_factory, django_assert_max_num_queries, extra_merchants
):
    for number in range(extra_merchants):
        merchant_factory(legal_name=f"Other {number}")
    client = auth_client(owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("dashboard")).status_code == 200


def test_application_api_query_count_is_bounded(
    auth_client, owner, merchant, django_assert_max_num_queries
):
    for status in ["submitted", "in_review", "changes_requested", "submitted"]:
        transition(merchant.application, status, actor=owner)
    client = auth_client(owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("api_application")).status_code == 200


def test_staff_queue_query_count_is_bounded(
    auth_client, staff_with_mfa, merchant_factory, django_assert_max_num_queries
):
    for number in range(20):
        merchant_factory(legal_name=f"Queued {number}")
    client = auth_client(staff_with_mfa)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("staff_queue")).content.decode()
    assert "Queued 19" in page


def test_dashboard_reads_the_database_once(auth_client, owner, django_assert_num_queries):
    """Session, user, team, application and the journey's facts come in one prepared query."""
    client = auth_client(owner)
    client.get(reverse("dashboard"))
    with django_assert_num_queries(1):
        assert client.get(reverse("dashboard")).status_code == 200
