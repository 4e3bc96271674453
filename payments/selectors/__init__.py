"""Reads used by the payments views and APIs."""

from .application import (
    EDITABLE_STATUSES,
    ComparisonInputs,
    JourneyState,
    SurveyIncomplete,
    application_is_editable,
    comparison_inputs,
    journey_state,
    remember_journey_state,
    selected_providers,
    survey_facts,
    survey_for,
    with_amounts,
)
from .catalog import (
    CatalogFacts,
    catalog_cache_clear,
    catalog_facts,
    fx_rates,
    provider_data,
    provider_facts_from_row,
    provider_rows,
    provider_slugs_matching,
)

__all__ = [
    "EDITABLE_STATUSES",
    "CatalogFacts",
    "ComparisonInputs",
    "JourneyState",
    "SurveyIncomplete",
    "application_is_editable",
    "catalog_cache_clear",
    "catalog_facts",
    "comparison_inputs",
    "fx_rates",
    "journey_state",
    "provider_data",
    "provider_facts_from_row",
    "provider_rows",
    "provider_slugs_matching",
    "remember_journey_state",
    "selected_providers",
    "survey_facts",
    "survey_for",
    "with_amounts",
]
