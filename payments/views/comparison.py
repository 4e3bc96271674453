"""The comparison page: ranked providers for the merchant's survey, and choosing some.

"Try another volume or ticket" is a GET form: without JavaScript it reloads the page; with
htmx it asks ``estimate`` for the results alone and swaps them in place. Neither saves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_spaces_between_tags
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import replace_url

from onboarding.errors import DomainError
from onboarding.memo import BoundedMemo
from onboarding.page_cache import render_page
from onboarding.permissions import EDIT_PROFILE, role_allows
from onboarding.selectors import MerchantContext
from onboarding.views.mixins import merchant_required
from payments.comparison import compare, facts_key
from payments.forms import TryVolumeForm, in_minor_units
from payments.selectors import (
    ComparisonInputs,
    JourneyState,
    application_is_editable,
    catalog_facts,
    comparison_inputs,
    remember_journey_state,
    with_amounts,
)
from payments.services.selection import provider_selection_set

TRY_FIELDS = ("monthly_volume", "average_ticket")
_RESULTS: BoundedMemo[SafeString] = BoundedMemo(512)


def _context(
    request: HttpRequest, ctx: MerchantContext, inputs: ComparisonInputs, selected: list[str]
) -> dict[str, Any]:
    survey, facts = inputs.survey, inputs.facts
    what_if = False
    form: Any
    if any(request.GET.get(name) for name in TRY_FIELDS):
        form = TryVolumeForm(request.GET, currency=survey.currency)
        if form.is_valid():
            volume = form.cleaned_data["monthly_volume"]
            ticket = form.cleaned_data["average_ticket"]
            what_if = (volume, ticket) != (survey.monthly_volume, survey.average_ticket)
            if what_if:
                facts = with_amounts(facts, volume=volume, ticket=ticket)
        shown = {name: (form[name].value(), form[name].errors) for name in TRY_FIELDS}
    else:
        initial = {
            name: in_minor_units(getattr(survey, name), survey.currency) for name in TRY_FIELDS
        }
        # Built only if the page is rendered rather than served from the page cache.
        form = SimpleLazyObject(lambda: TryVolumeForm(initial=initial, currency=survey.currency))
        shown = {name: (initial[name], []) for name in TRY_FIELDS}
    is_owner = role_allows(ctx.role, EDIT_PROFILE)
    # What the "try another volume" form shows: its values and errors (the labels follow
    # from the currency and the language).
    try_key = tuple(
        (name, str(value or ""), tuple(str(e) for e in errors))
        for name, (value, errors) in shown.items()
    )
    results = {
        "catalog_token": inputs.catalog_token,
        "facts": facts,
        "facts_key": facts_key(facts),
        "selected": frozenset(selected),
        "can_select": is_owner and application_is_editable(ctx.application),
        "what_if": what_if,
        # htmx swaps the results only: the form's errors travel with them.
        "form_errors": [f"{field.label}: {error}" for field in form for error in field.errors]
        if request.htmx and not isinstance(form, SimpleLazyObject)
        else [],
    }
    return {
        **results,
        "survey": survey,
        "try_key": (survey.currency, try_key),
        "try_form": form,
        "is_owner": is_owner,
        "results": _results_html(results),
    }


def _results_html(context: dict[str, Any]) -> SafeString:
    """The ranked results, rendered once per (catalog version, language, survey, choice).

    They hold nothing but what the key names (no names, no tokens), and rendering them is
    most of the page's cost; a merchant coming back, or two merchants with the same answers,
    get the same bytes. The quote is computed only when they are rendered."""
    catalog = catalog_facts(context["catalog_token"])
    key = (
        catalog.token,
        get_language(),
        context["facts_key"],
        tuple(sorted(context["selected"])),
        context["can_select"],
        context["what_if"],
    )
    cacheable = not context["form_errors"]
    cached = _RESULTS.get(key) if cacheable else None
    if cached is not None:
        return cached
    comparison = compare(context["facts"], catalog)
    html = render_to_string(
        "payments/_comparison_results.html",
        {**context, "comparison": comparison, "quote": comparison.quote, "chart": comparison.chart},
    )
    # The templates' indentation is a quarter of the bytes; the cached copy goes without it.
    html = mark_safe(strip_spaces_between_tags(html))  # noqa: S308 (rendered, escaped HTML)
    if cacheable:
        _RESULTS.put(key, html)
    return html


@merchant_required()
def providers(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    if request.method == "POST" and not role_allows(ctx.role, EDIT_PROFILE):
        raise Http404
    inputs = comparison_inputs(ctx.application)
    if inputs is None:
        messages.info(request, _("Answer the market survey first; the comparison is built on it."))
        return redirect("survey")
    saved = inputs.selected
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
    context = _context(request, ctx, inputs, saved)
    # The page shows the facts, the try form, the results and what the caller may do.
    key = tuple(
        context[name]
        for name in ("facts_key", "try_key", "what_if", "can_select", "is_owner", "results")
    )
    return render_page(request, "payments/comparison.html", context, key=key)


@require_GET
@merchant_required()
def estimate(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    """The results part of the comparison, for htmx; the checked boxes come along in the
    query so that a choice not yet saved survives the swap."""
    inputs = comparison_inputs(ctx.application)
    if inputs is None:
        return render(request, "payments/_survey_needed.html")
    chosen = request.GET.getlist("providers") or inputs.selected
    context = _context(request, ctx, inputs, chosen)
    response = HttpResponse(context["results"])
    if request.htmx and context["try_form"].is_valid():
        query = {name: request.GET.get(name, "") for name in TRY_FIELDS}
        replace_url(response, f"{reverse('providers')}?{urlencode(query)}")
    return response
