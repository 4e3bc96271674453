"""Merchants, files and upload helpers for the documents step.

Verification runs eagerly inside the upload's on-commit callbacks (CELERY_TASK_ALWAYS_EAGER
in test settings); OCR is off unless a test asks for the `ocr` fixture, since Tesseract is
the slow part and most tests are about something else.
"""

from __future__ import annotations

import pytest

from tests.onboarding.documents.helpers import CN_CODE, CN_NAME, US_EIN
from tests.onboarding.verification import corpus


@pytest.fixture(autouse=True)
def _no_ocr_by_default(settings):
    settings.DOCUMENT_OCR = False


@pytest.fixture
def ocr(settings):
    corpus.require_ocr_environment()
    settings.DOCUMENT_OCR = True


@pytest.fixture
def us_owner(user_factory, merchant_factory):
    owner = user_factory(email="us-owner@example.com")
    merchant_factory(
        owner=owner, legal_name="Kaitong Trading Ltd", country="US", registration_number=US_EIN
    )
    return owner


@pytest.fixture
def cn_owner(user_factory, merchant_factory):
    owner = user_factory(email="cn-owner@example.com")
    merchant_factory(
        owner=owner,
        legal_name=CN_NAME,
        country="CN",
        registration_number=CN_CODE,
        website="",
        industry="ecommerce",
    )
    return owner


@pytest.fixture
def teammate(member_factory):
    def make(owner, role: str):
        return member_factory(owner.membership.merchant, role=role)

    return make
