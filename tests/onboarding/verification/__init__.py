"""Tests of the pure verification core: no database, no project settings needed.

Check details are lazy translations; rendering one needs configured settings, so when the
suite runs without pytest-django (and without DJANGO_SETTINGS_MODULE) a minimal, untranslated
configuration is installed here.
"""

import os

from django.conf import settings
from django.utils import translation

from onboarding.verification.base import Detail

if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
    settings.configure(USE_I18N=False)


def english(detail: Detail) -> str:
    """The detail as an English-speaking merchant reads it, whatever the active language
    (project settings may default to Chinese once the catalogue exists)."""
    with translation.override("en"):
        return str(detail)
