"""The comparison page: ranked providers, the cost chart, trying another volume, few queries."""

import re

import pytest
from django.urls import reverse

from payments.selectors import catalog_cache_clear
from payments.services.selection import provider_selection_set
from payments.services.survey import SurveyAnswers, survey_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def simple_survey(answered_survey, owner, merchant):
    """No cross-border sales and no payouts: Alipay's cost is fully published (0.6%)."""
    from decimal import Decimal

    return survey_update(
        application=merchant.application,
        actor=owner,
        answers=SurveyAnswers(cross_border_share=Decimal(0), payout_frequency="never"),
    )


def _cost(page: str, slug: str) -> str:
    match = re.search(rf'class="monthly-cost" data-provider="{slug}">([^<]+)<', page)
    assert match, slug
    return match.group(1).strip()


def test_the_page_ranks_providers_with_cost_chart_and_sources(auth_client, owner, simple_survey):
    response = auth_client(owner).get(reverse("providers"))
    page = response.content.decode()
    assert response.status_code == 200
    assert _cost(page, "alipay") == "600.00 CNY"
    assert '<svg class="cost-chart"' in page and 'role="img"' in page
    assert '<desc id="cost-chart-desc">' in page
    assert "How the cost of Alipay is computed" in page  # <details> breakdown
    assert "cnblogs.com</a> (2024-11-05), third-party source" in page
    assert "Not available for you" in page
    assert "Square onboards only merchants in" in page
    assert 'id="choose-square" disabled' in page
    assert "/static/css/payments.css" in page


def test_unconfirmed_figures_are_shown_as_such(auth_client, owner, answered_survey):
    page = auth_client(owner).get(reverse("providers")).content.decode()
    assert _cost(page, "alipay") == "at least 698.33 CNY (unconfirmed)"  # cross-border unknown
    assert "chart-bar-partial" in page
    assert "Not published or unconfirmed:" in page


def test_the_page_has_no_inline_style_or_script(auth_client, owner, answered_survey):
    page = auth_client(owner).get(reverse("providers")).content.decode()
    assert " style=" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert all("src=" in tag for tag in scripts), scripts


def test_another_volume_updates_the_numbers_without_saving(auth_client, owner, simple_survey):
    client = auth_client(owner)
    query = {"monthly_volume": "500,000", "average_ticket": "100"}
    page = client.get(reverse("providers"), query).content.decode()
    assert _cost(page, "alipay") == "3,000.00 CNY"
    assert "Your survey is unchanged" in page
    simple_survey.refresh_from_db()
    assert simple_survey.monthly_volume == 100000


def test_htmx_gets_only_the_results_and_the_address_to_show(auth_client, owner, simple_survey):
    client = auth_client(owner)
    response = client.get(
        reverse("providers_estimate"),
        {"monthly_volume": "500000", "average_ticket": "100", "providers": ["wechatpay"]},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="comparison-results"')
    assert "<html" not in page
    assert _cost(page, "alipay") == "3,000.00 CNY"
    assert 'id="choose-wechatpay" form="provider-selection" checked' in page
    assert response["HX-Replace-Url"] == "/providers/?monthly_volume=500000&average_ticket=100"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"monthly_volume": "-1", "average_ticket": "100"}, "above zero"),
        ({"monthly_volume": "100", "average_ticket": "1000"}, "larger than your monthly sales"),
        ({"monthly_volume": "1" * 40, "average_ticket": "100"}, "at most 14 digits"),
        ({"monthly_volume": "abc", "average_ticket": "100"}, "as a number"),
    ],
)
def test_bad_volumes_are_explained_and_the_survey_figures_stay(
    auth_client, owner, simple_survey, query, message
):
    client = auth_client(owner)
    page = client.get(reverse("providers"), query).content.decode()
    assert message in page
    assert _cost(page, "alipay") == "600.00 CNY"
    partial = client.get(reverse("providers_estimate"), query, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200  # htmx swaps 200 answers only
    assert message in partial.content.decode()


def test_an_unfinished_survey_leads_back_to_the_survey(auth_client, owner, provider_catalog):
    client = auth_client(owner)
    assert client.get(reverse("providers"))["Location"] == reverse("survey")
    assert (
        "Answer the market survey first"
        in client.get(reverse("providers_estimate")).content.decode()
    )


def test_the_dashboard_shows_survey_and_providers_done(
    auth_client, owner, merchant, answered_survey
):
    client = auth_client(owner)
    page = client.get(reverse("dashboard")).content.decode()
    assert re.search(
        r'step-row step-done">\s*<span[^>]*>Done</span>\s*<div>\s*<h3><a href="/survey/"', page
    )
    assert '<a class="button primary" href="/providers/">Continue with Providers</a>' in page
    provider_selection_set(application=merchant.application, actor=owner, slugs=["alipay"])
    page = client.get(reverse("dashboard")).content.decode()
    assert page.count('step-row step-done"') == 3  # business, survey, providers
    steps = {s["key"]: s["state"] for s in client.get("/api/v1/application/").json()["steps"]}
    assert (steps["survey"], steps["providers"], steps["documents"]) == ("done", "done", "current")


def test_the_dashboard_stays_within_8_queries_with_survey_and_choice(
    auth_client, owner, merchant, answered_survey, django_assert_max_num_queries
):
    provider_selection_set(application=merchant.application, actor=owner, slugs=["alipay"])
    client = auth_client(owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("copies", [0, 3])
def test_page_queries_do_not_grow_with_the_number_of_providers(
    auth_client,
    owner,
    merchant,
    answered_survey,
    larger_catalog,
    copies,
    django_assert_max_num_queries,
):
    if copies:
        larger_catalog(copies)
    provider_selection_set(application=merchant.application, actor=owner, slugs=["alipay"])
    client = auth_client(owner)
    catalog_cache_clear()
    with django_assert_max_num_queries(16):  # the first request builds the catalog
        page = client.get(reverse("providers")).content.decode()
    assert page.count('class="card provider-card"') == 6 * (copies + 1)
    with django_assert_max_num_queries(8):
        client.get(reverse("providers"))
    with django_assert_max_num_queries(8):
        client.get(
            reverse("providers_estimate"), {"monthly_volume": "5000", "average_ticket": "50"}
        )


def test_the_page_reads_the_database_twice_once_the_catalog_is_built(
    auth_client, owner, merchant, answered_survey, django_assert_num_queries
):
    """The user with their team, then survey, choice and catalog release in one query."""
    provider_selection_set(application=merchant.application, actor=owner, slugs=["alipay"])
    client = auth_client(owner)
    client.get(reverse("providers"))
    with django_assert_num_queries(2):
        assert client.get(reverse("providers")).status_code == 200


def test_comparison_inputs_carry_the_choice_in_catalog_order(owner, merchant, answered_survey):
    from payments.models import CatalogRelease
    from payments.selectors import comparison_inputs

    inputs = comparison_inputs(merchant.application)
    assert inputs.selected == []  # the survey alone, no chosen provider yet
    assert inputs.catalog_token == CatalogRelease.objects.get().token
    provider_selection_set(
        application=merchant.application, actor=owner, slugs=["wechatpay", "alipay"]
    )
    assert comparison_inputs(merchant.application).selected == ["alipay", "wechatpay"]
    assert inputs.facts.currency == "CNY"
