"""Where the checklist's facts come from: the merchant profile, and the payments app's survey,
provider selection and catalog (imported lazily, so the checklist works before that app has
them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onboarding.requirements.rules import Facts

if TYPE_CHECKING:
    from onboarding.models import Application, Merchant
    from payments.selectors import CatalogFacts


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


def provider_catalog() -> CatalogFacts | None:
    """The active provider catalog as the database holds it (loaded from the data file and
    perhaps edited by an admin since); None without the payments app. One query while the
    catalog is unchanged."""
    try:
        from payments.selectors import catalog_facts
    except ImportError:
        return None
    return catalog_facts()


def provider_codes(
    slugs: Iterable[str], country: str, catalog: CatalogFacts | None
) -> dict[str, tuple[str, ...]]:
    """Provider slug -> the kyc_documents codes it asks merchants of `country` for."""
    codes: dict[str, tuple[str, ...]] = {}
    for slug in slugs:
        provider = catalog.get(slug) if catalog is not None else None
        codes[slug] = (
            tuple(document.code for document in provider.kyc_for(country)) if provider else ()
        )
    return codes


def provider_name(slug: str, catalog: CatalogFacts | None) -> str:
    provider = catalog.get(slug) if catalog is not None else None
    return provider.name if provider is not None else slug


def merchant_facts(
    merchant: Merchant, application: Application, catalog: CatalogFacts | None
) -> Facts:
    country = str(getattr(merchant.country, "code", merchant.country) or "").upper()
    return Facts(
        country=country,
        industry=merchant.industry,
        has_website=bool(merchant.website),
        channels=survey_channels(application),
        provider_codes=provider_codes(selected_provider_slugs(application), country, catalog),
    )
