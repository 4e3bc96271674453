"""Survey-shaped input, shared by the survey API and the quotes API, and the stored survey."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from payments import validation
from payments.catalog import WALLET_NAMES
from payments.catalog.schema import Channel
from payments.fees import Priority, SurveyFacts
from payments.models import PAYOUTS_PER_MONTH, PayoutFrequency
from payments.models.survey import CURRENCY_CHOICES
from payments.money import Money, quantum
from payments.serializers.fields import CountryCodeField, StrictDecimalField
from payments.serializers.fields import choice as _choice
from payments.services.survey import SurveyAnswers

# DRF's own "This field is required." does not say what to send; these do.
REQUIRED = {
    "merchant_country": _("Give the country or region of the business, e.g. CN."),
    "currency": _("Give the currency you sell in, e.g. CNY."),
    "region_shares": _(
        "Give region_shares: where your customers are, with shares adding up to 100."
    ),
    "cross_border_share": _(
        'Give cross_border_share: the percentage of sales paid from abroad, e.g. "0".'
    ),
    "channels": _('Give channels: where customers pay you, e.g. ["web"].'),
    "monthly_volume": _('Give monthly_volume: expected sales per month, e.g. "250000.00".'),
    "average_ticket": _('Give average_ticket: the amount of a typical payment, e.g. "120.00".'),
    "payout_frequency": _("Give payout_frequency: never, monthly, twice_monthly, weekly or daily."),
    "region": _("Give the region of this row, e.g. CN."),
    "wallet": _("Give the wallet of this row, e.g. wechatpay."),
    "share": _('Give the share of this row in percent, e.g. "25".'),
}


class RequiredSaysWhat:
    """Every required field's message names what to send (see REQUIRED)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if name in REQUIRED:
                field.error_messages["required"] = REQUIRED[name]


class RegionShareSerializer(RequiredSaysWhat, serializers.Serializer):
    region = CountryCodeField()
    share = StrictDecimalField(percent=True, help_text="% of customers, e.g. 80")


class WalletShareSerializer(RequiredSaysWhat, serializers.Serializer):
    wallet = _choice(
        list(WALLET_NAMES),
        _('"{input}" is not a wallet we know, e.g. alipay or wechatpay.'),
    )
    share = StrictDecimalField(percent=True, help_text="% of customers who use it")


class SurveyInputSerializer(RequiredSaysWhat, serializers.Serializer):
    merchant_country = CountryCodeField()
    currency = _choice(
        CURRENCY_CHOICES,
        _('"{input}" is not a currency we know: use an ISO 4217 code such as CNY or USD.'),
    )
    region_shares = serializers.ListField(
        child=RegionShareSerializer(),
        allow_empty=False,
        max_length=50,
        error_messages={"empty": _("Add at least one region where your customers are.")},
    )
    cross_border_share = StrictDecimalField(percent=True)
    channels = serializers.ListField(
        child=_choice(
            [c.value for c in Channel],
            _('"{input}" is not a sales channel: use web, app, mini_program, instore_qr or pos.'),
        ),
        allow_empty=False,
        max_length=len(Channel),
        error_messages={"empty": _("Choose at least one sales channel.")},
    )
    wallets = serializers.ListField(
        child=WalletShareSerializer(), required=False, default=list, max_length=len(WALLET_NAMES)
    )
    monthly_volume = StrictDecimalField(help_text="In `currency`, e.g. 100000.00")
    average_ticket = StrictDecimalField(help_text="In `currency`, e.g. 120.00")
    payout_frequency = _choice(
        PayoutFrequency.choices,
        _(
            '"{input}" is not a payout frequency: use never, monthly, twice_monthly, weekly '
            "or daily."
        ),
    )
    priorities = serializers.ListField(
        child=_choice(
            [p.value for p in Priority],
            _(
                '"{input}" is not a priority: use lowest_cost, fastest_settlement, '
                "widest_reach or best_support."
            ),
        ),
        required=False,
        default=list,
        max_length=len(Priority),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}

        def check(field: str, run: Any) -> None:
            try:
                run()
            except DjangoValidationError as error:
                errors.setdefault(field, []).extend(error.messages)

        currency = attrs["currency"]
        for field, what in (
            ("monthly_volume", _("monthly sales")),
            ("average_ticket", _("average payment")),
        ):
            check(field, lambda f=field, w=what: validation.check_amount(attrs[f], currency, w))
        if not errors:
            check(
                "average_ticket",
                lambda: validation.check_ticket_within_volume(
                    attrs["monthly_volume"], attrs["average_ticket"], currency
                ),
            )
        regions = [row["region"] for row in attrs["region_shares"]]
        if len(set(regions)) != len(regions):
            errors["region_shares"] = [str(_("Each region may be listed once."))]
        else:
            shares = {row["region"]: row["share"] for row in attrs["region_shares"]}
            check("region_shares", lambda: validation.check_region_shares(shares))
        wallets = [row["wallet"] for row in attrs["wallets"]]
        if len(set(wallets)) != len(wallets):
            errors["wallets"] = [str(_("Each wallet may be listed once."))]
        if errors:
            raise serializers.ValidationError(errors)
        for field in ("monthly_volume", "average_ticket"):
            # 100000.000 (the field's 3 places) -> 100000.00 CNY: exact, they are whole units.
            attrs[field] = attrs[field].quantize(quantum(currency))
        return attrs

    def answers(self) -> SurveyAnswers:
        data = self.validated_data
        return SurveyAnswers(
            merchant_country=data["merchant_country"],
            currency=data["currency"],
            region_shares={row["region"]: row["share"] for row in data["region_shares"]},
            cross_border_share=data["cross_border_share"],
            channels=frozenset(Channel(c) for c in data["channels"]),
            wallet_shares={row["wallet"]: row["share"] for row in data["wallets"]},
            monthly_volume=data["monthly_volume"],
            average_ticket=data["average_ticket"],
            payout_frequency=data["payout_frequency"],
            priorities=frozenset(Priority(p) for p in data["priorities"]),
        )

    def survey_facts(self) -> SurveyFacts:
        """The fee engine's input; raises SurveyError (with a message) if it refuses it."""
        a = self.answers()
        assert a.currency and a.monthly_volume and a.average_ticket and a.payout_frequency
        return SurveyFacts(
            merchant_country=str(a.merchant_country),
            currency=a.currency,
            monthly_volume=Money(a.monthly_volume, a.currency),
            average_ticket=Money(a.average_ticket, a.currency),
            region_shares=dict(a.region_shares or {}),
            channels=a.channels or frozenset(),
            payouts_per_month=PAYOUTS_PER_MONTH[PayoutFrequency(a.payout_frequency)],
            cross_border_share=a.cross_border_share or Decimal(0),
            wallet_shares=dict(a.wallet_shares or {}),
            priorities=a.priorities or frozenset(),
        )


class SurveyOutputSerializer(serializers.Serializer):
    """The stored survey in the input's shape, plus its state."""

    merchant_country = serializers.CharField(allow_blank=True)
    currency = serializers.CharField(allow_blank=True)
    region_shares = RegionShareSerializer(many=True)
    cross_border_share = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    channels = serializers.ListField(child=serializers.CharField())
    wallets = WalletShareSerializer(many=True)
    monthly_volume = serializers.CharField(allow_null=True, help_text="in `currency`")
    average_ticket = serializers.CharField(allow_null=True, help_text="in `currency`")
    payout_frequency = serializers.CharField(allow_blank=True)
    priorities = serializers.ListField(child=serializers.CharField())
    complete = serializers.BooleanField()
    editable = serializers.BooleanField()
    missing_pages = serializers.ListField(child=serializers.CharField())
    updated_at = serializers.DateTimeField()
