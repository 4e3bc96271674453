"""The comparison page from the page cache: what each caller may do, and the survey's
latest answers, are always their own (see tests/onboarding/test_page_cache.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from onboarding.models import Role
from payments.services.survey import SurveyAnswers, survey_update
from tests.factories import signed_in_client

pytestmark = pytest.mark.django_db


def test_owner_and_viewer_of_one_merchant_get_their_own_comparison(
    answered_survey, owner, merchant, member_factory
):
    viewer = member_factory(merchant, role=Role.VIEWER)
    for _ in range(2):
        owner_page = signed_in_client(owner).get(reverse("providers")).content.decode()
        viewer_page = signed_in_client(viewer).get(reverse("providers")).content.decode()
        assert "Save my choice" in owner_page and "Save my choice" not in viewer_page
        assert "Only the owner can choose providers" in viewer_page


def test_a_changed_survey_changes_the_comparison(answered_survey, owner, merchant):
    client = signed_in_client(owner)
    before = client.get(reverse("providers")).content.decode()
    survey_update(
        application=merchant.application,
        actor=owner,
        answers=SurveyAnswers(monthly_volume=Decimal("500000.00")),
    )
    after = client.get(reverse("providers")).content.decode()
    assert "500,000.00 CNY" in after and "500,000.00 CNY" not in before
