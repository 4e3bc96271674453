"""A quote as the API returns it: ranked providers with cost, breakdown and reasons."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from payments.comparison import figure_sources
from payments.serializers.fields import MoneyField


class ProviderRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class LineSourceSerializer(serializers.Serializer):
    url = serializers.URLField(allow_null=True)
    date = serializers.CharField(allow_null=True)
    confidence = serializers.CharField(source="confidence.value")
    note = serializers.CharField()


class FeeLineSerializer(serializers.Serializer):
    kind = serializers.CharField(source="kind.value")
    label = serializers.CharField()
    detail = serializers.CharField()
    amount = MoneyField(allow_null=True, help_text="null: a figure it needs is unconfirmed")
    sources = serializers.SerializerMethodField()

    def get_sources(self, line: Any) -> list[dict[str, Any]]:
        return LineSourceSerializer(figure_sources(line.figures), many=True).data


class ScorePartSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.value")
    points = serializers.DecimalField(max_digits=4, decimal_places=3, help_text="0 to 1")
    weight = serializers.IntegerField()


class RecommendationSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    provider = ProviderRefSerializer()
    score = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="0 to 100")
    monthly_cost = MoneyField(
        source="estimate.total", allow_null=True, help_text="null: some fee is unconfirmed"
    )
    known_cost = MoneyField(source="estimate.known_part", help_text="sum of the known lines")
    effective_rate = serializers.DecimalField(
        source="estimate.effective_rate",
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text="percent of the monthly volume",
    )
    settlement_days = serializers.DecimalField(
        source="estimate.settlement_days", max_digits=4, decimal_places=0, allow_null=True
    )
    fee_schedule = serializers.CharField(source="estimate.schedule_id", allow_null=True)
    breakdown = FeeLineSerializer(source="estimate.lines", many=True)
    unconfirmed = serializers.ListField(
        source="estimate.unconfirmed", child=serializers.CharField()
    )
    notes = serializers.ListField(source="estimate.notes", child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    cautions = serializers.ListField(child=serializers.CharField())
    score_parts = ScorePartSerializer(source="parts", many=True)


class ExclusionSerializer(serializers.Serializer):
    provider = ProviderRefSerializer()
    reasons = serializers.ListField(child=serializers.CharField())


class QuoteSerializer(serializers.Serializer):
    currency = serializers.CharField()
    monthly_volume = MoneyField()
    average_ticket = MoneyField()
    payments_per_month = serializers.IntegerField()
    rates_as_of = serializers.DateField()
    catalog_version = serializers.IntegerField()
    recommendations = RecommendationSerializer(many=True)
    exclusions = ExclusionSerializer(many=True)


LIST_OF_SLUGS = _('Send the chosen providers as a list of slugs, e.g. "providers": ["alipay"].')


class SelectionInputSerializer(serializers.Serializer):
    providers = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=50,
        help_text="slugs of the chosen providers, e.g. alipay",
        error_messages={"required": LIST_OF_SLUGS, "not_a_list": LIST_OF_SLUGS},
    )


class SelectionSerializer(serializers.Serializer):
    providers = ProviderRefSerializer(many=True)
