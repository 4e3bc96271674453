"""The survey and provider steps of the merchant journey (see onboarding/journey.py)."""

from django.db.models import Exists, OuterRef

from onboarding.journey import register_step_page
from onboarding.journey_facts import register_journey_fact
from onboarding.selectors import MerchantContext
from payments.models import ProviderSelection, Survey
from payments.selectors import journey_state
from payments.selectors.application import PROVIDERS_CHOSEN, SURVEY_COMPLETE


def survey_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).survey_complete


def providers_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).providers_chosen


def _survey_complete(application: OuterRef) -> Exists:
    return Exists(Survey.objects.filter(application=application, completed_at__isnull=False))


def _providers_chosen(application: OuterRef) -> Exists:
    return Exists(ProviderSelection.objects.filter(application=application))


def register() -> None:
    register_journey_fact(SURVEY_COMPLETE, _survey_complete)
    register_journey_fact(PROVIDERS_CHOSEN, _providers_chosen)
    register_step_page("survey", "survey", survey_done)
    register_step_page("providers", "providers", providers_done)
