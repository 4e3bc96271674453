"""Saving which providers the merchant chose."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import Application, AuditEvent, User
from payments.fees import join_text
from payments.models import Provider, ProviderSelection, Survey
from payments.recommend import exclusion_reasons
from payments.selectors import SurveyIncomplete, catalog_facts, survey_facts
from payments.services.survey import ensure_editable


def provider_selection_set(
    *, application: Application, actor: User, slugs: Sequence[str]
) -> list[ProviderSelection]:
    """Replace the application's chosen providers with ``slugs``; all or nothing.

    Refuses an empty choice, providers that are unknown or inactive, and providers the
    recommender excludes for this merchant's survey, each with a message that says why.
    """
    wanted = list(dict.fromkeys(s.strip() for s in slugs if s and s.strip()))
    if not wanted:
        raise DomainError(_("Choose at least one provider."), extra={"providers": []})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        ensure_editable(locked)
        survey = Survey.objects.filter(application=locked).first()
        try:
            if survey is None:
                raise SurveyIncomplete(_("Answer the market survey first."))
            facts = survey_facts(survey)
        except SurveyIncomplete as error:
            raise DomainError(error.message) from None
        providers = {p.slug: p for p in Provider.objects.filter(slug__in=wanted, active=True)}
        unknown = [slug for slug in wanted if slug not in providers]
        if unknown:
            raise DomainError(
                _("We do not know these providers: %(slugs)s. Choose from the comparison.")
                % {"slugs": ", ".join(unknown)},
                extra={"unknown": unknown},
            )
        catalog = catalog_facts()
        excluded: dict[str, list[str]] = {}
        for slug in wanted:
            provider = catalog.get(slug)
            if provider is None:
                excluded[slug] = [str(_("Its catalog data is being corrected."))]
                continue
            reasons = exclusion_reasons(facts, provider)
            if reasons:
                excluded[slug] = [str(reason) for reason in reasons]
        if excluded:
            raise DomainError(
                _("These providers cannot be chosen: %(reasons)s")
                % {"reasons": join_text(r for reasons in excluded.values() for r in reasons)},
                extra={"excluded": excluded},
            )
        current = {
            s.provider.slug: s
            for s in ProviderSelection.objects.filter(application=locked).select_related("provider")
        }
        removed = [s.pk for slug, s in current.items() if slug not in providers]
        ProviderSelection.objects.filter(pk__in=removed).delete()
        for slug in wanted:
            if slug not in current:
                current[slug] = ProviderSelection.objects.create(
                    application=locked, provider=providers[slug], selected_by=actor
                )
        AuditEvent.objects.create(
            merchant_id=locked.merchant_id,
            actor=actor,
            subject_type="payments.providerselection",
            subject_id=str(locked.pk),
            action="providers_selected",
            note=", ".join(wanted),
        )
    return [current[slug] for slug in wanted]
