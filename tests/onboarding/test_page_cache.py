"""Pages served from the page cache: each merchant sees their own page, with a CSRF token,
a CSP nonce and flash messages of their own request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from onboarding import page_cache
from onboarding.transitions import transition
from tests.factories import signed_in_client
from tests.onboarding.test_business import VALID as VALID_BUSINESS

pytestmark = pytest.mark.django_db


def _dashboard(client: Client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))


def test_two_merchants_each_see_their_own_dashboard(merchant_factory):
    alpha = merchant_factory(legal_name="Alpha Tea House").memberships.get().user
    beta = merchant_factory(legal_name="Beta Noodle Bar").memberships.get().user
    for _ in range(2):
        alpha_page, beta_page = (
            _dashboard(signed_in_client(alpha)),
            _dashboard(signed_in_client(beta)),
        )
        assert "Alpha Tea House" in alpha_page and "Beta Noodle Bar" not in alpha_page
        assert "Beta Noodle Bar" in beta_page and "Alpha Tea House" not in beta_page


def test_each_response_has_a_fresh_csrf_token_that_is_accepted(owner):
    client = signed_in_client(owner, enforce_csrf_checks=True)
    first, second = _dashboard(client), _dashboard(client)
    assert len(_tokens(first)) == 1 and len(_tokens(second)) == 1
    assert _tokens(first) != _tokens(second)  # masked anew, as Django does per request
    token = _tokens(second).pop()
    response = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": "/dashboard/"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302
    assert "控制台" in _dashboard(client)


def test_the_script_nonce_is_the_one_in_this_responses_policy(owner):
    client = signed_in_client(owner)
    nonces = []
    for _ in range(2):
        response = client.get(reverse("dashboard"))
        nonce = re.search(r'<script[^>]* nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_no_placeholder_reaches_a_page(owner):
    client = signed_in_client(owner)
    for _ in range(2):
        page = _dashboard(client)
        assert page_cache.CSRF_HOLE not in page and page_cache.NONCE_HOLE not in page


def test_a_flash_message_shows_on_a_page_served_before_and_only_once(owner):
    client = signed_in_client(owner)
    _dashboard(client)
    response = client.post(reverse("business"), VALID_BUSINESS, follow=True)
    assert "Your business details are saved." in response.content.decode()
    assert "Your business details are saved." not in _dashboard(client)


def test_a_renamed_merchant_and_a_new_status_show_at_once(owner, merchant):
    client = signed_in_client(owner)
    assert "Draft" in _dashboard(client)
    merchant.legal_name = "Alpha Renamed Ltd"
    merchant.save(update_fields=["legal_name"])
    transition(merchant.application, "submitted", actor=owner)
    page = _dashboard(client)
    assert "Alpha Renamed Ltd" in page and "Submitted" in page


def test_the_cache_stays_within_its_byte_budget(owner, monkeypatch):
    monkeypatch.setattr(page_cache._PAGES, "budget", 20_000)
    client = signed_in_client(owner)
    for number in range(12):
        assert client.get(reverse("dashboard"), {"from": number}).status_code == 200
    assert 0 < page_cache._PAGES.total <= 20_000
    assert sum(page.size for page in page_cache._PAGES.values()) == page_cache._PAGES.total
