"""Staff must set up TOTP before the staff area opens; the test computes the code itself."""

import base64
import hashlib
import hmac
import struct
import time

import pytest

from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 with SHA-1, 30-second steps and 6 digits, as authenticator apps compute it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


def test_staff_without_mfa_sets_up_totp_before_the_staff_area_opens(
    page, user_factory, merchant_factory
):
    merchant_factory(legal_name="Queue Visible Ltd")
    user_factory(email="reviewer@example.com", is_staff=True)
    log_in(page, "reviewer@example.com", lands_on=None)

    page.goto("/staff/")
    # allauth asks for the password again before a security setting changes.
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert "two-factor authentication" in page.locator(".messages").inner_text()
    page.get_by_label("Password:").fill("correct-horse-battery-staple-9")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()

    page.goto("/staff/")
    assert page.get_by_role("heading", name="Applications").is_visible()
    assert page.get_by_role("cell", name="Queue Visible Ltd").is_visible()
