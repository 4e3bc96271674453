"""The survey and provider steps of the merchant journey (see onboarding/journey.py)."""

from onboarding.journey import register_step_page
from onboarding.journey_facts import register_journey_fact
from onboarding.selectors import MerchantContext
from payments.selectors import journey_state
from payments.selectors.application import JOURNEY_FACTS_OF_APPLICATION


def survey_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).survey_complete


def providers_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).providers_chosen


def register() -> None:
    for name, build in JOURNEY_FACTS_OF_APPLICATION.items():
        register_journey_fact(name, build)
    register_step_page("survey", "survey", survey_done)
    register_step_page("providers", "providers", providers_done)
