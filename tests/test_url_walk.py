"""Every URL of the project, as an anonymous visitor and as another merchant's user.

The resolver is walked, so URLs added by later capabilities are covered automatically:
no answer is a 500, and no answer contains merchant A's data.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from onboarding.health import record_worker_heartbeat
from onboarding.models import AuditEvent, Invitation
from onboarding.services.documents import NewUpload, documents_upload
from onboarding.services.teams import invitation_create
from tests.onboarding.verification import corpus

pytestmark = pytest.mark.django_db
SECRET_NAME = "Alpha Secret Trading 7f3c"
SECRET_EMAIL = "alpha-owner-7f3c@example.com"
SKIP_PREFIXES = ("static/", "media/")
_PNG = corpus.png_bytes(corpus.textured_photo((64, 64)))


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str, ids: list[int]) -> list[str]:
    """Fill converters and regex groups with the ids of merchant A's objects, or a junk token."""
    urls = []
    for value in ids:
        url = re.sub(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)", str(value), route)
        url = re.sub(r"<int:\w+>", str(value), url)
        url = re.sub(r"<(?:\w+:)?\w+>", "junk-token", url)
        url = url.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
        urls.append("/" + url)
    return sorted(set(urls))


@pytest.fixture
def merchant_a(merchant_factory, user_factory, django_capture_on_commit_callbacks):
    owner = user_factory(email=SECRET_EMAIL)
    merchant = merchant_factory(owner=owner, legal_name=SECRET_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            merchant=merchant,
            invited_by=owner,
            email="dev-7f3c@example.com",
            role="developer",
            base_url="http://testserver/",
        )
        documents_upload(
            application=merchant.application,
            actor=owner,
            uploads=[NewUpload("bank_account_proof", "", SimpleUploadedFile("a.png", _PNG))],
        )
    record_worker_heartbeat("walker")  # so /healthz answers 200, not its honest 503
    return merchant


def _all_urls(merchant):
    ids = {merchant.pk, merchant.application.pk, Invitation.objects.get().pk}
    ids |= set(merchant.documents.values_list("pk", flat=True))
    ids |= set(merchant.memberships.values_list("pk", flat=True))
    ids |= set(AuditEvent.objects.values_list("pk", flat=True))
    routes = [r for r in _walk(get_resolver()) if not r.startswith(SKIP_PREFIXES)]
    return sorted({url for route in routes for url in _concrete(route, sorted(ids))})


def _assert_no_leak_and_no_error(client, urls):
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code < 500, f"{method.upper()} {url} -> {response.status_code}"
            body = b"".join(response) if response.streaming else response.content
            assert SECRET_NAME.encode() not in body, f"{method.upper()} {url} leaks the name"
            assert SECRET_EMAIL.encode() not in body, f"{method.upper()} {url} leaks the email"


def test_anonymous_visitor_gets_no_error_and_no_merchant_data(client, merchant_a):
    urls = _all_urls(merchant_a)
    assert len(urls) > 40  # the walk really covers the project (allauth, admin, api, pages)
    _assert_no_leak_and_no_error(client, urls)


def test_other_merchants_user_gets_no_error_and_no_merchant_a_data(
    client, merchant_a, merchant_factory
):
    other = merchant_factory(legal_name="Bravo Ltd")
    client.force_login(other.memberships.get().user)
    _assert_no_leak_and_no_error(client, _all_urls(merchant_a))
