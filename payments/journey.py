"""The survey and provider steps of the merchant journey (see onboarding/journey.py)."""

from onboarding.journey import register_step_page
from onboarding.selectors import MerchantContext
from payments.selectors import journey_state


def survey_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).survey_complete


def providers_done(ctx: MerchantContext) -> bool:
    return journey_state(ctx).providers_chosen


def register() -> None:
    register_step_page("survey", "survey", survey_done)
    register_step_page("providers", "providers", providers_done)
