"""Reads of a merchant's survey and provider selection, and the journey state they give."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from onboarding.journey import forget_journey
from onboarding.memo import BoundedMemo
from onboarding.models import Application, ApplicationStatus
from onboarding.prepared import PreparedQuery
from onboarding.selectors import JOURNEY_FACTS, MerchantContext
from payments.fees import SurveyError, SurveyFacts
from payments.models import CatalogRelease, ProviderSelection, Survey
from payments.money import Money

EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED})


class SurveyIncomplete(SurveyError):
    """The survey still has unanswered pages."""


def application_is_editable(application: Application) -> bool:
    return application.status in EDITABLE_STATUSES


def survey_for(application: Application) -> Survey | None:
    """The survey with its region and wallet rows (three queries), or None."""
    return (
        Survey.objects.filter(application=application)
        .prefetch_related("regions", "wallets")
        .first()
    )


def survey_facts(
    survey: Survey, *, volume: Decimal | None = None, ticket: Decimal | None = None
) -> SurveyFacts:
    """The one place a stored survey becomes the fee engine's input.

    ``volume`` and ``ticket`` replace the stored amounts (the comparison page's "try another
    volume"). Raises SurveyIncomplete for unanswered pages, SurveyError for answers the
    engine refuses; both carry a message that says what to do.
    """
    from payments.survey_pages import missing_pages

    missing = missing_pages(survey)
    if missing:
        raise SurveyIncomplete(
            _("Finish the survey first: the page “%(page)s” is not answered yet.")
            % {"page": missing[0].title}
        )
    currency = survey.currency
    volume = survey.monthly_volume if volume is None else volume
    ticket = survey.average_ticket if ticket is None else ticket
    assert volume is not None and ticket is not None and survey.payouts_per_month is not None
    return SurveyFacts(
        merchant_country=str(survey.merchant_country),
        currency=currency,
        monthly_volume=Money(volume, currency),
        average_ticket=Money(ticket, currency),
        region_shares={str(r.region): r.share for r in survey.regions.all()},
        channels=survey.channels,
        payouts_per_month=survey.payouts_per_month,
        cross_border_share=survey.cross_border_share or Decimal(0),
        wallet_shares={w.wallet: w.share for w in survey.wallets.all()},
        priorities=survey.priorities,
    )


_FACTS: BoundedMemo[SurveyFacts] = BoundedMemo(1024)


# One row per chosen provider (one with no slug when none is chosen), in catalog order, each
# carrying the survey and the catalog release's token: the comparison page's reads together.
_COMPARISON_ROWS: PreparedQuery[Survey] = PreparedQuery(
    lambda application_id: (
        Survey.objects.filter(application_id=application_id, completed_at__isnull=False)
        .annotate(
            chosen_slug=F("application__provider_selections__provider__slug"),
            chosen_position=F("application__provider_selections__provider__position"),
            catalog_token=Subquery(CatalogRelease.objects.order_by("pk").values("token")[:1]),
        )
        .order_by("chosen_position", "chosen_slug")
    ),
    "application_id",
)


@dataclass(frozen=True)
class ComparisonInputs:
    survey: Survey
    facts: SurveyFacts
    selected: list[str]
    catalog_token: str


def comparison_inputs(application: Application) -> ComparisonInputs | None:
    """The finished survey with its facts, the chosen slugs and the catalog's token, in one
    query (None while the survey is unfinished)."""
    rows = _COMPARISON_ROWS(application_id=application.pk)
    if not rows:
        return None
    finished = _with_facts(rows[0])
    if finished is None:
        return None
    survey, facts = finished
    selected = [row.chosen_slug for row in rows if row.chosen_slug]
    return ComparisonInputs(survey, facts, selected, rows[0].catalog_token or "")


def _with_facts(survey: Survey) -> tuple[Survey, SurveyFacts] | None:
    key = (survey.pk, survey.updated_at)
    facts = _FACTS.get(key)
    if facts is None:
        try:
            facts = survey_facts(survey)
        except SurveyError:
            return None
        _FACTS.put(key, facts)
    return survey, facts


def with_amounts(facts: SurveyFacts, *, volume: Decimal, ticket: Decimal) -> SurveyFacts:
    """The same survey with another monthly volume and average ticket ("what if")."""
    return replace(
        facts,
        monthly_volume=Money(volume, facts.currency),
        average_ticket=Money(ticket, facts.currency),
    )


def selected_providers(application: Application) -> list[dict[str, str]]:
    """The chosen providers' slugs and names, in catalog order."""
    return list(
        ProviderSelection.objects.filter(application=application)
        .order_by("provider__position", "provider__slug")
        .values(slug=F("provider__slug"), name=F("provider__name"))
    )


@dataclass(frozen=True)
class JourneyState:
    survey_complete: bool
    providers_chosen: bool


_NOTE = "payments.journey_state"
SURVEY_COMPLETE, PROVIDERS_CHOSEN = "survey_complete", "providers_chosen"
# The two facts as expressions on an application: loaded with the user when the session is
# (registered as journey facts by payments.journey), or on their own (below).
JOURNEY_FACTS_OF_APPLICATION = {
    SURVEY_COMPLETE: lambda application: Exists(
        Survey.objects.filter(application=application, completed_at__isnull=False)
    ),
    PROVIDERS_CHOSEN: lambda application: Exists(
        ProviderSelection.objects.filter(application=application)
    ),
}
_JOURNEY_STATE: PreparedQuery[dict] = PreparedQuery(
    lambda application_id: (
        Application.objects.filter(pk=application_id)
        .annotate(
            **{name: build(OuterRef("pk")) for name, build in JOURNEY_FACTS_OF_APPLICATION.items()}
        )
        .values(*JOURNEY_FACTS_OF_APPLICATION)
    ),
    "application_id",
)


def journey_state(ctx: MerchantContext) -> JourneyState:
    """Survey and selection state for the journey, in no query of its own when the facts came
    with the user, else in one query per request.

    The MerchantContext is built once per request (merchant_context_cached), so the state is
    kept on it: the layout's stepper and the dashboard ask for it several times.
    """
    state = ctx.notes.get(_NOTE)
    if state is None:
        facts = ctx.notes.get(JOURNEY_FACTS, {})
        if not JOURNEY_FACTS_OF_APPLICATION.keys() <= facts.keys():
            facts = _JOURNEY_STATE.first(application_id=ctx.application.pk) or {}
        survey_complete = bool(facts.get(SURVEY_COMPLETE))
        state = JourneyState(
            survey_complete=survey_complete,
            providers_chosen=survey_complete and bool(facts.get(PROVIDERS_CHOSEN)),
        )
        remember_journey_state(ctx, state)
    return state


def remember_journey_state(ctx: MerchantContext, state: JourneyState) -> None:
    """Pages that already read the survey and selection save the journey its query."""
    ctx.notes[_NOTE] = state
    forget_journey(ctx)
