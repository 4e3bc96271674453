"""The catalog as the API shows it: every figure with its source, date and confidence."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from payments.catalog.schema import ProviderFacts
from payments.models.survey import CURRENCY_CHOICES
from payments.serializers.fields import CountryCodeField, FigureField, choice


class SourceSerializer(serializers.Serializer):
    id = serializers.CharField()
    url = serializers.URLField()
    date = serializers.CharField(allow_null=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    kind = serializers.CharField(source="kind.value")
    note = serializers.CharField()


class CoverageSerializer(serializers.Serializer):
    merchant_countries = serializers.SerializerMethodField()
    customer_regions = serializers.SerializerMethodField()
    customer_regions_excluded = serializers.SerializerMethodField()
    currencies = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    wallets = serializers.SerializerMethodField()
    confidence = serializers.CharField(source="confidence.value")
    note = serializers.CharField()

    def get_merchant_countries(self, obj: Any) -> list[str]:
        return sorted(obj.merchant_countries)

    def get_customer_regions(self, obj: Any) -> list[str]:
        return sorted(obj.customer_regions)

    def get_customer_regions_excluded(self, obj: Any) -> list[str]:
        return sorted(obj.customer_regions_excluded)

    def get_currencies(self, obj: Any) -> list[str]:
        return sorted(obj.currencies)

    def get_channels(self, obj: Any) -> list[str]:
        return sorted(c.value for c in obj.channels)

    def get_wallets(self, obj: Any) -> list[str]:
        return sorted(obj.wallets)


class PayoutSerializer(serializers.Serializer):
    currency = serializers.CharField(allow_null=True, help_text="currency of the amounts")
    percent = FigureField()
    fixed = FigureField()
    minimum = FigureField()
    maximum = FigureField()
    free_quota = FigureField()
    free_quota_period = serializers.CharField(allow_null=True)
    note = serializers.CharField()


class FeeScheduleSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    merchant_countries = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    currency = serializers.CharField(allow_null=True, help_text="currency of the fixed amounts")
    settlement_currencies = serializers.SerializerMethodField()
    percent = FigureField(help_text="percent per payment")
    fixed = FigureField(help_text="amount per payment, in `currency`")
    cross_border_percent = FigureField()
    fx_percent = FigureField()
    pass_through_percent = FigureField()
    settlement_days = FigureField()
    payout = PayoutSerializer()
    note = serializers.CharField()

    def get_merchant_countries(self, obj: Any) -> list[str]:
        return sorted(obj.merchant_countries)

    def get_channels(self, obj: Any) -> list[str]:
        return sorted(c.value for c in obj.channels)

    def get_settlement_currencies(self, obj: Any) -> list[str]:
        return sorted(obj.settlement_currencies)


class SourcedItemSerializer(serializers.Serializer):
    confidence = serializers.CharField(source="confidence.value")
    source = serializers.CharField(source="source.id", allow_null=True, default=None)


class SupportSerializer(SourcedItemSerializer):
    kind = serializers.CharField()
    detail = serializers.CharField()


class CertificationSerializer(SourcedItemSerializer):
    name = serializers.CharField()


class KycDocumentSerializer(SourcedItemSerializer):
    country = serializers.CharField(help_text='merchant country, or "*" for any')
    code = serializers.CharField()
    label = serializers.CharField()


class SandboxSerializer(serializers.Serializer):
    available = serializers.BooleanField(allow_null=True, help_text="null: unconfirmed")
    confidence = serializers.CharField(source="confidence.value")
    source = serializers.CharField(source="source.id", allow_null=True, default=None)
    note = serializers.CharField()


class CredentialFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    secret = serializers.BooleanField()
    required = serializers.BooleanField()
    format_hint = serializers.CharField()
    confirmed = serializers.BooleanField()


class ProviderSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    access = serializers.CharField(source="access.value")
    psp = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    coverage = CoverageSerializer()
    fee_schedules = FeeScheduleSerializer(many=True)
    support = SupportSerializer(many=True)
    support_note = serializers.CharField()
    certifications = CertificationSerializer(many=True)
    certifications_note = serializers.CharField()
    sandbox = SandboxSerializer()
    credential_fields = CredentialFieldSerializer(many=True)
    kyc_documents = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True)

    @extend_schema_field(KycDocumentSerializer(many=True))
    def get_kyc_documents(self, obj: ProviderFacts) -> list[dict[str, Any]]:
        country = self.context.get("country")
        groups = [(country, obj.kyc_for(country))] if country else sorted(obj.kyc_documents.items())
        return [
            {
                "country": where,
                "code": doc.code,
                "label": doc.label,
                "confidence": doc.confidence.value,
                "source": doc.source.id if doc.source else None,
            }
            for where, docs in groups
            for doc in docs
        ]


class CatalogSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    as_of = serializers.DateField(allow_null=True)
    providers = ProviderSerializer(many=True)


class ProvidersQuerySerializer(serializers.Serializer):
    country = CountryCodeField(
        required=False,
        help_text="Only providers that onboard merchants of this country (ISO 3166, e.g. CN)",
    )
    currency = choice(
        CURRENCY_CHOICES,
        _('"{input}" is not a currency we know: use an ISO 4217 code such as CNY or USD.'),
        required=False,
        help_text="Only providers that accept payments in this currency (ISO 4217, e.g. CNY)",
    )
