"""REST API of the payments app: catalog, quotes, the caller's survey and provider choice.

Reads are open to every member of the merchant's team; writes to the owner only. Every
answer concerns the caller's own merchant: there is no id in these URLs to guess.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from onboarding.errors import DomainError
from onboarding.permissions import EDIT_PROFILE, role_allows
from onboarding.selectors import MerchantContext, merchant_context_cached
from payments import selectors, survey_pages
from payments.comparison import compare
from payments.fees import SurveyError
from payments.forms import in_minor_units
from payments.models import Survey
from payments.serializers.catalog import CatalogSerializer, ProvidersQuerySerializer
from payments.serializers.quotes import (
    QuoteSerializer,
    SelectionInputSerializer,
    SelectionSerializer,
)
from payments.serializers.survey import SurveyInputSerializer, SurveyOutputSerializer
from payments.services.selection import provider_selection_set
from payments.services.survey import survey_update

ERROR_RESPONSES = {400: None, 403: None, 404: None}


class QuoteThrottle(AnonRateThrottle):
    """Anonymous quotes are rate-limited per client address (DEFAULT_THROTTLE_RATES)."""

    scope = "anon_quotes"


def _member(request: Request) -> MerchantContext:
    ctx = merchant_context_cached(request)
    if ctx is None:
        raise Http404
    return ctx


def _owner(request: Request, message: Any) -> MerchantContext:
    ctx = _member(request)
    if not role_allows(ctx.role, EDIT_PROFILE):
        raise PermissionDenied(message)
    return ctx


class ProvidersApi(APIView):
    """The published facts of the catalog: public, like the prices they come from."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="Provider catalog",
        parameters=[ProvidersQuerySerializer],
        responses={200: CatalogSerializer, 400: None},
    )
    def get(self, request: Request) -> Response:
        query = ProvidersQuerySerializer(
            data={key: value.upper() for key, value in request.query_params.items()}
        )
        query.is_valid(raise_exception=True)
        country = query.validated_data.get("country")
        currency = query.validated_data.get("currency")
        catalog = selectors.catalog_facts()
        providers = catalog.providers
        if country or currency:
            matching = selectors.provider_slugs_matching(country=country, currency=currency)
            providers = tuple(p for p in providers if p.slug in matching)
        data = {"version": catalog.version, "as_of": catalog.as_of, "providers": providers}
        return Response(CatalogSerializer(data, context={"country": country}).data)


class QuotesApi(APIView):
    """Rank the catalog for a survey; open to visitors, rate-limited for them."""

    permission_classes = [AllowAny]
    throttle_classes = [QuoteThrottle]

    @extend_schema(
        summary="Quote: every provider estimated and ranked for a survey",
        request=SurveyInputSerializer,
        responses={200: QuoteSerializer, 400: None, 429: None},
    )
    def post(self, request: Request) -> Response:
        serializer = SurveyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            facts = serializer.survey_facts()
        except SurveyError as error:
            raise DomainError(error.message) from None
        comparison = compare(facts)
        quote = comparison.quote
        data = {
            "currency": facts.currency,
            "monthly_volume": facts.monthly_volume,
            "average_ticket": facts.average_ticket,
            "payments_per_month": facts.transactions,
            "rates_as_of": quote.rates_as_of,
            "catalog_version": comparison.catalog.version,
            "recommendations": quote.recommendations,
            "exclusions": quote.exclusions,
        }
        return Response(QuoteSerializer(data).data)


def _survey_data(survey: Survey | None, ctx: MerchantContext) -> dict[str, Any]:
    if survey is None:
        raise Http404
    missing = survey_pages.missing_pages(survey)
    editable = role_allows(ctx.role, EDIT_PROFILE) and selectors.application_is_editable(
        ctx.application
    )
    return {
        "merchant_country": str(survey.merchant_country),
        "currency": survey.currency,
        "region_shares": [
            {"region": str(r.region), "share": r.share} for r in survey.regions.all()
        ],
        "cross_border_share": survey.cross_border_share,
        "channels": sorted(c.value for c in survey.channels),
        "wallets": [{"wallet": w.wallet, "share": w.share} for w in survey.wallets.all()],
        "monthly_volume": in_minor_units(survey.monthly_volume, survey.currency),
        "average_ticket": in_minor_units(survey.average_ticket, survey.currency),
        "payout_frequency": survey.payout_frequency,
        "priorities": sorted(p.value for p in survey.priorities),
        "complete": not missing,
        "editable": editable,
        "missing_pages": [page.key for page in missing],
        "updated_at": survey.updated_at,
    }


class SurveyApi(APIView):
    @extend_schema(
        summary="The caller's market survey",
        responses={200: SurveyOutputSerializer, 404: None},
    )
    def get(self, request: Request) -> Response:
        ctx = _member(request)
        survey = selectors.survey_for(ctx.application)
        return Response(SurveyOutputSerializer(_survey_data(survey, ctx)).data)

    @extend_schema(
        summary="Answer the whole market survey (the owner only, until submission)",
        request=SurveyInputSerializer,
        responses={200: SurveyOutputSerializer, **ERROR_RESPONSES},
    )
    def put(self, request: Request) -> Response:
        ctx = _owner(request, _("Only the owner can change the survey."))
        serializer = SurveyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        survey_update(application=ctx.application, actor=request.user, answers=serializer.answers())
        survey = selectors.survey_for(ctx.application)
        return Response(SurveyOutputSerializer(_survey_data(survey, ctx)).data)


class SelectionApi(APIView):
    @extend_schema(
        summary="The providers the caller's merchant chose", responses=SelectionSerializer
    )
    def get(self, request: Request) -> Response:
        ctx = _member(request)
        return Response(SelectionSerializer(_selection(ctx)).data)

    @extend_schema(
        summary="Choose providers by slug (the owner only, until submission)",
        request=SelectionInputSerializer,
        responses={200: SelectionSerializer, **ERROR_RESPONSES},
    )
    def put(self, request: Request) -> Response:
        ctx = _owner(request, _("Only the owner can choose providers."))
        serializer = SelectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provider_selection_set(
            application=ctx.application,
            actor=request.user,
            slugs=serializer.validated_data["providers"],
        )
        return Response(SelectionSerializer(_selection(ctx)).data, status=status.HTTP_200_OK)


def _selection(ctx: MerchantContext) -> dict[str, Any]:
    return {"providers": selectors.selected_providers(ctx.application)}
