"""Where the checklist's facts come from: the merchant profile, and the payments app's survey
and provider selection (imported lazily, so the checklist works before that app has them)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from onboarding.requirements.rules import Facts

if TYPE_CHECKING:
    from onboarding.models import Application, Merchant
    from payments.catalog.schema import Catalog


def selected_provider_slugs(application: Application) -> list[str]:
    """The providers the merchant chose, in the order chosen; [] without the payments model."""
    try:
        from payments.models import ProviderSelection
    except ImportError:
        return []
    return list(
        ProviderSelection.objects.filter(application=application)
        .order_by("created_at", "id")
        .values_list("provider__slug", flat=True)
    )


def survey_channels(application: Application) -> frozenset[str]:
    """The sales channels answered in the survey (web, app, instore_qr, ...); empty without one."""
    try:
        from payments.models import Survey
    except ImportError:
        return frozenset()
    survey = Survey.objects.filter(application=application).first()
    channels = getattr(survey, "channels", None) or ()
    return frozenset(str(getattr(channel, "value", channel)) for channel in channels)


@lru_cache(maxsize=1)
def provider_catalog() -> Catalog | None:
    """The provider catalog data file (payments/catalog/providers.json), parsed once."""
    try:
        from payments.catalog.schema import load_catalog
    except ImportError:
        return None
    return load_catalog()


def provider_codes(slugs: Iterable[str], country: str) -> dict[str, tuple[str, ...]]:
    """Provider slug -> the kyc_documents codes it asks merchants of `country` for."""
    catalog = provider_catalog()
    codes: dict[str, tuple[str, ...]] = {}
    for slug in slugs:
        if catalog is None or slug not in catalog.slugs:
            codes[slug] = ()
            continue
        codes[slug] = tuple(document.code for document in catalog.get(slug).kyc_for(country))
    return codes


def provider_name(slug: str) -> str:
    catalog = provider_catalog()
    if catalog is None or slug not in catalog.slugs:
        return slug
    return catalog.get(slug).name


def merchant_facts(merchant: Merchant, application: Application) -> Facts:
    country = str(getattr(merchant.country, "code", merchant.country) or "").upper()
    return Facts(
        country=country,
        industry=merchant.industry,
        has_website=bool(merchant.website),
        channels=survey_channels(application),
        provider_codes=provider_codes(selected_provider_slugs(application), country),
    )
