"""The survey pages: one form per page; ``answers()`` gives what the page adds to the survey."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from payments import validation
from payments.catalog import CHANNEL_LABELS, WALLET_NAMES
from payments.catalog.schema import Channel
from payments.fees import PRIORITY_LABELS, Priority
from payments.forms.amounts import VolumeFields
from payments.forms.fields import PercentField
from payments.models import PayoutFrequency, Survey
from payments.models.survey import CURRENCY_CHOICES
from payments.money import is_known_currency, quantum
from payments.services.survey import SurveyAnswers

REGION_ROWS = 6
WALLET_ROWS = 4


def _country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((code, name) for code, name in countries)]


class SurveyPageForm(forms.Form):
    """A survey page: ``answers()`` gives what it adds to the survey."""

    # (choice field, share field) pairs shown as rows; set by the pages that have them.
    region_rows: list[tuple[str, str]] = []
    wallet_rows: list[tuple[str, str]] = []

    def __init__(self, *args: Any, survey: Survey | None = None, **kwargs: Any) -> None:
        self.survey = survey
        super().__init__(*args, **kwargs)

    def bound_region_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[a], self[b]) for a, b in self.region_rows]

    def bound_wallet_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[a], self[b]) for a, b in self.wallet_rows]

    def plain_fields(self) -> list[forms.BoundField]:
        in_rows = {name for pair in [*self.region_rows, *self.wallet_rows] for name in pair}
        return [field for field in self.visible_fields() if field.name not in in_rows]

    def answers(self) -> SurveyAnswers:
        raise NotImplementedError


class MarketForm(SurveyPageForm):
    merchant_country = forms.ChoiceField(
        label=_("Country or region where your business is registered"),
        choices=_country_choices,
        error_messages={
            "required": _("Choose your country or region."),
            "invalid_choice": _("Choose your country or region from the list."),
        },
    )
    currency = forms.ChoiceField(
        label=_("Currency you sell in"),
        choices=[("", "—"), *CURRENCY_CHOICES],
        help_text=_("Your prices and the amounts on the next pages are in this currency."),
        error_messages={
            "required": _("Choose the currency you sell in, e.g. CNY."),
            "invalid_choice": _("Choose a currency from the list, e.g. CNY or USD."),
        },
    )

    def answers(self) -> SurveyAnswers:
        return SurveyAnswers(
            merchant_country=self.cleaned_data["merchant_country"],
            currency=self.cleaned_data["currency"],
        )


def _row_pairs(
    form: forms.Form, count: int, key: str, share: str
) -> list[tuple[str, str, str | None, Decimal | None]]:
    data = form.cleaned_data
    return [
        (f"{key}_{i}", f"{share}_{i}", data.get(f"{key}_{i}") or None, data.get(f"{share}_{i}"))
        for i in range(1, count + 1)
    ]


def _clean_rows(
    form: forms.Form, count: int, key: str, share: str, name_of: Any
) -> dict[str, Decimal]:
    """Rows of (choice, share); empty rows are skipped, half-filled ones are errors."""
    result: dict[str, Decimal] = {}
    for key_field, share_field, code, value in _row_pairs(form, count, key, share):
        if key_field in form.errors or share_field in form.errors:
            continue
        if code and value is None:
            form.add_error(
                share_field,
                _("Enter the share for %(name)s, e.g. 25, or clear the row.")
                % {"name": name_of(code)},
            )
        elif value is not None and not code:
            form.add_error(key_field, _("Choose what this share is for, or clear the share."))
        elif code and code in result:
            form.add_error(
                key_field,
                _("%(name)s is listed twice: put its whole share in one row.")
                % {"name": name_of(code)},
            )
        elif code and value is not None:
            result[code] = value
    return result


class CustomersForm(SurveyPageForm):
    cross_border_share = PercentField(
        label=_("Share of your sales paid from abroad (%)"),
        help_text=_("Payments by customers outside your country or region; 0 if none."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region_rows = []
        for i in range(1, REGION_ROWS + 1):
            self.fields[f"region_{i}"] = forms.ChoiceField(
                label=_("Customer region %(number)s") % {"number": i},
                choices=_country_choices,
                required=False,
                error_messages={"invalid_choice": _("Choose a region from the list.")},
            )
            self.fields[f"share_{i}"] = PercentField(
                label=_("Share of your customers in region %(number)s (%%)") % {"number": i},
                required=False,
            )
            self.region_rows.append((f"region_{i}", f"share_{i}"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        shares = _clean_rows(self, REGION_ROWS, "region", "share", countries.name)
        if not self.errors:
            try:
                validation.check_region_shares(shares)
            except ValidationError as error:
                self.add_error(None, error)
        cleaned["region_shares"] = shares
        return cleaned

    def answers(self) -> SurveyAnswers:
        return SurveyAnswers(
            region_shares=self.cleaned_data["region_shares"],
            cross_border_share=self.cleaned_data["cross_border_share"],
        )


class ChannelsForm(SurveyPageForm):
    channels = forms.MultipleChoiceField(
        label=_("Where do your customers pay you?"),
        choices=[(c.value, capfirst(CHANNEL_LABELS[c])) for c in Channel],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one place where customers pay you."),
            "invalid_choice": _("Choose sales channels from the list."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wallet_rows = []
        for i in range(1, WALLET_ROWS + 1):
            self.fields[f"wallet_{i}"] = forms.ChoiceField(
                label=_("Wallet %(number)s your customers use") % {"number": i},
                choices=[("", "—"), *WALLET_NAMES.items()],
                required=False,
                error_messages={"invalid_choice": _("Choose a wallet from the list.")},
            )
            self.fields[f"wallet_share_{i}"] = PercentField(
                label=_("Share of your customers who use wallet %(number)s (%%)") % {"number": i},
                required=False,
            )
            self.wallet_rows.append((f"wallet_{i}", f"wallet_share_{i}"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["wallet_shares"] = _clean_rows(
            self, WALLET_ROWS, "wallet", "wallet_share", lambda c: WALLET_NAMES.get(c, c)
        )
        return cleaned

    def answers(self) -> SurveyAnswers:
        return SurveyAnswers(
            channels=frozenset(Channel(c) for c in self.cleaned_data["channels"]),
            wallet_shares=self.cleaned_data["wallet_shares"],
        )


class VolumeForm(SurveyPageForm, VolumeFields):
    payout_frequency = forms.ChoiceField(
        label=_("How often do you want your money paid to your bank?"),
        choices=PayoutFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often you want payouts."),
            "invalid_choice": _("Choose a payout frequency from the list."),
        },
    )
    priorities = forms.MultipleChoiceField(
        label=_("What matters most to you? (optional)"),
        choices=[(p.value, capfirst(PRIORITY_LABELS[p])) for p in Priority],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose priorities from the list.")},
    )

    def __init__(self, *args: Any, survey: Survey | None = None, **kwargs: Any) -> None:
        currency = survey.currency if survey else ""
        super().__init__(*args, survey=survey, currency=currency, **kwargs)

    def answers(self) -> SurveyAnswers:
        data = self.cleaned_data
        return SurveyAnswers(
            monthly_volume=data["monthly_volume"],
            average_ticket=data["average_ticket"],
            payout_frequency=data["payout_frequency"],
            priorities=frozenset(Priority(p) for p in data["priorities"]),
        )


PAGE_FORMS: dict[str, type[SurveyPageForm]] = {
    "market": MarketForm,
    "customers": CustomersForm,
    "channels": ChannelsForm,
    "volume": VolumeForm,
}


def in_minor_units(value: Decimal | None, currency: str) -> Decimal | None:
    """A stored amount (3 decimals) shown with its currency's decimals: 100000.000 CNY ->
    100000.00. Stored amounts are whole minor units, so nothing is rounded away."""
    if value is None or not is_known_currency(currency):
        return value
    return value.quantize(quantum(currency))


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored percentage as typed: 70.00 -> 70, 12.50 -> 12.5."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def initial_for(page: str, survey: Survey | None, merchant_country: str) -> dict[str, Any]:
    """What a page shows before the merchant types: their answers, or sensible defaults."""
    if survey is None:
        return {"merchant_country": merchant_country} if page == "market" else {}
    initial: dict[str, Any] = {
        "merchant_country": str(survey.merchant_country) or merchant_country,
        "currency": survey.currency,
        "cross_border_share": _plain(survey.cross_border_share),
        "channels": [c.value for c in survey.channels],
        "monthly_volume": in_minor_units(survey.monthly_volume, survey.currency),
        "average_ticket": in_minor_units(survey.average_ticket, survey.currency),
        "payout_frequency": survey.payout_frequency,
        "priorities": [p.value for p in survey.priorities],
    }
    for i, region in enumerate(survey.regions.all()[:REGION_ROWS], start=1):
        initial[f"region_{i}"], initial[f"share_{i}"] = str(region.region), _plain(region.share)
    for i, wallet in enumerate(survey.wallets.all()[:WALLET_ROWS], start=1):
        initial[f"wallet_{i}"], initial[f"wallet_share_{i}"] = wallet.wallet, _plain(wallet.share)
    return initial
