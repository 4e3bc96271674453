"""A new merchant signs up, verifies their email from the outbox, and starts the journey."""

import re

import pytest

from onboarding.outbox import list_messages
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _verification_link() -> str:
    messages = [m for m in list_messages() if "new.shop@example.com" in m["to"]]
    assert messages, "no verification email in the outbox"
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[0]["body"]).group(0)


def test_signup_verify_business_dashboard_then_chinese(page, outbox_mailer):
    page.goto("/")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Email:").fill("new.shop@example.com")
    page.get_by_label("Password:", exact=True).fill("Sunny-Orchard-Lantern-42")
    page.get_by_label("Password (again):").fill("Sunny-Orchard-Lantern-42")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")

    page.goto(_verification_link())
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/business/")
    page.get_by_label("Legal name").fill("Sunny Orchard Trading Ltd")
    page.get_by_label("Country or region").select_option("HK")
    page.get_by_label("Registration number").fill("HK-7654321")
    page.get_by_label("Industry").select_option("ecommerce")
    page.get_by_label("Website").fill("https://sunny.example.com")
    page.get_by_label("Contact phone").fill("+852 2345 6789")
    page.get_by_role("button", name="Create my business").click()

    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Sunny Orchard Trading Ltd").is_visible()
    assert page.get_by_role("heading", name="Next thing to do").is_visible()
    assert "Survey" in page.locator(".stepper [aria-current=step]").inner_text()

    page.get_by_role("button", name="简体中文").click()
    page.wait_for_url("**/dashboard/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", name="下一步").is_visible()
    assert page.get_by_role("heading", name="您的开通进度").is_visible()
    assert "调查问卷" in page.locator(".stepper").inner_text()


def test_bad_business_input_is_explained_next_to_the_field(page, user_factory):
    user_factory(email="typo@example.com")
    log_in(page, "typo@example.com", lands_on="**/business/")
    page.get_by_label("Legal name").fill("Typo Ltd")
    page.get_by_label("Country or region").select_option("CN")
    page.get_by_label("Registration number").fill("91440300MA5FUTQ54K")
    page.get_by_label("Industry").select_option("retail")
    page.get_by_label("Contact phone").fill("+86 138 0013 8000")
    page.get_by_role("button", name="Create my business").click()
    error = page.locator("#id_registration_number_error")
    assert "not a valid Unified Social Credit Code" in error.inner_text()
    assert page.get_by_label("Legal name").input_value() == "Typo Ltd"  # nothing typed is lost


def test_dashboard_fits_a_360px_screen(page, user_factory, merchant_factory):
    owner = user_factory(email="narrow@example.com")
    merchant_factory(owner=owner, legal_name="Narrow Screen Ltd")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "narrow@example.com")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 361)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, wide
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
