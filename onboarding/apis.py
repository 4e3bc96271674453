"""REST API for the merchant's own data; every view answers only about the caller's merchant."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from onboarding import selectors
from onboarding.journey import journey_for


class MerchantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    legal_name = serializers.CharField()
    country = serializers.CharField()
    registration_number = serializers.CharField()
    industry = serializers.CharField()
    website = serializers.CharField()
    contact_phone = serializers.CharField()


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    is_staff = serializers.BooleanField()
    role = serializers.CharField(allow_null=True)
    merchant = MerchantSerializer(allow_null=True)


class StepSerializer(serializers.Serializer):
    key = serializers.CharField()
    number = serializers.IntegerField()
    label = serializers.CharField()
    state = serializers.CharField()


class HistorySerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.SerializerMethodField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_actor(self, event) -> str | None:
        # Staff identities stay internal; merchants see who acted only within their team.
        if event.actor is None:
            return None
        return "staff" if event.actor.is_staff else event.actor.email


class ApplicationSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    status_changed_at = serializers.DateTimeField()
    steps = StepSerializer(many=True)
    history = HistorySerializer(many=True)


class MeApi(APIView):
    @extend_schema(responses=MeSerializer, summary="The caller, their merchant and role")
    def get(self, request):
        ctx = selectors.merchant_context_cached(request)
        data = {
            "email": request.user.email,
            "is_staff": request.user.is_staff,
            "role": ctx.role if ctx else None,
            "merchant": ctx.merchant if ctx else None,
        }
        return Response(MeSerializer(data).data)


class ApplicationApi(APIView):
    @extend_schema(responses=ApplicationSerializer, summary="The caller's application")
    def get(self, request):
        ctx = selectors.merchant_context_cached(request)
        if ctx is None:
            raise Http404
        application = ctx.application
        application.steps = journey_for(ctx)
        application.history = selectors.application_history(application)
        return Response(ApplicationSerializer(application).data)
