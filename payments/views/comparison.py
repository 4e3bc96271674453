"""The comparison page: ranked providers for the merchant's survey, and choosing some.

"Try another volume or ticket" is a GET form: without JavaScript it reloads the page; with
htmx it asks ``estimate`` for the results alone and swaps them in place. Neither saves.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import replace_url

from onboarding.errors import DomainError
from onboarding.permissions import EDIT_PROFILE, role_allows
from onboarding.selectors import MerchantContext
from onboarding.views.mixins import merchant_required
from payments.comparison import compare
from payments.forms import TryVolumeForm, in_minor_units
from payments.models import Survey
from payments.selectors import (
    JourneyState,
    SurveyIncomplete,
    application_is_editable,
    remember_journey_state,
    selected_slugs,
    survey_facts,
    survey_for,
)
from payments.services.selection import provider_selection_set

TRY_FIELDS = ("monthly_volume", "average_ticket")


def _try_form(request: HttpRequest, survey: Survey) -> TryVolumeForm:
    if any(request.GET.get(name) for name in TRY_FIELDS):
        return TryVolumeForm(request.GET, currency=survey.currency)
    initial = {name: in_minor_units(getattr(survey, name), survey.currency) for name in TRY_FIELDS}
    return TryVolumeForm(initial=initial, currency=survey.currency)


def _context(
    request: HttpRequest, ctx: MerchantContext, survey: Survey, selected: list[str]
) -> dict:
    form = _try_form(request, survey)
    volume: Decimal | None = None
    ticket: Decimal | None = None
    if form.is_bound and form.is_valid():
        volume, ticket = form.cleaned_data["monthly_volume"], form.cleaned_data["average_ticket"]
    comparison = compare(survey_facts(survey, volume=volume, ticket=ticket))
    is_owner = role_allows(ctx.role, EDIT_PROFILE)
    return {
        "survey": survey,
        "try_form": form,
        "what_if": volume is not None
        and (volume, ticket) != (survey.monthly_volume, survey.average_ticket),
        "comparison": comparison,
        "quote": comparison.quote,
        "chart": comparison.chart,
        "selected": set(selected),
        "can_select": is_owner and application_is_editable(ctx.application),
        "is_owner": is_owner,
    }


def _complete_survey(request: HttpRequest, ctx: MerchantContext) -> Survey | None:
    survey = survey_for(ctx.application)
    if survey is None or survey.completed_at is None:
        return None
    try:
        survey_facts(survey)
    except SurveyIncomplete:
        return None
    return survey


@merchant_required()
def providers(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    if request.method == "POST" and not role_allows(ctx.role, EDIT_PROFILE):
        raise Http404
    survey = _complete_survey(request, ctx)
    if survey is None:
        messages.info(request, _("Answer the market survey first; the comparison is built on it."))
        return redirect("survey")
    saved = selected_slugs(ctx.application)
    if request.method == "POST":
        chosen = request.POST.getlist("providers")
        try:
            provider_selection_set(application=ctx.application, actor=request.user, slugs=chosen)
        except DomainError as error:
            messages.error(request, str(error.message))
            saved = chosen
        else:
            messages.success(
                request, _("Your choice is saved. Next: the documents these providers need.")
            )
            return redirect("dashboard")
    remember_journey_state(ctx, JourneyState(survey_complete=True, providers_chosen=bool(saved)))
    context = _context(request, ctx, survey, saved)
    return render(request, "payments/comparison.html", context)


@require_GET
@merchant_required()
def estimate(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    """The results part of the comparison, for htmx; the checked boxes come along in the
    query so that a choice not yet saved survives the swap."""
    survey = _complete_survey(request, ctx)
    if survey is None:
        return render(request, "payments/_survey_needed.html")
    chosen = request.GET.getlist("providers") or selected_slugs(ctx.application)
    context = _context(request, ctx, survey, chosen)
    response = render(request, "payments/_comparison_results.html", context)
    if request.htmx and context["try_form"].is_valid():
        query = {name: request.GET.get(name, "") for name in TRY_FIELDS}
        replace_url(response, f"{reverse('providers')}?{urlencode(query)}")
    return response
