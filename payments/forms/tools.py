"""The FAQ's withdrawal-fee calculator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from payments import validation
from payments.forms.fields import AmountField


class WithdrawalFeeForm(forms.Form):
    """The FAQ's "how is the withdrawal fee computed", for one withdrawal."""

    rule = forms.ChoiceField(
        label=_("Provider and price list"),
        error_messages={
            "required": _("Choose a provider's price list."),
            "invalid_choice": _("Choose a provider's price list from the list."),
        },
    )
    amount = AmountField(label=_("Amount of the withdrawal"))
    quota_used = AmountField(
        label=_("Free quota already used (optional)"),
        required=False,
        help_text=_(
            "How much of the free quota earlier withdrawals used (for a monthly quota: this "
            "month). Leave empty if none."
        ),
    )

    def __init__(self, *args: Any, rules: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        """``rules``: choice key -> (label, currency)."""
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.fields["rule"].choices = [
            ("", "—"),
            *((key, f"{label} ({currency})") for key, (label, currency) in rules.items()),
        ]
        self.fields["amount"].help_text = _("In the currency of the price list, shown in brackets.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key, amount = cleaned.get("rule"), cleaned.get("amount")
        if not key:
            return cleaned
        currency = self.rules[key][1]
        if amount is not None:
            try:
                validation.check_amount(amount, currency, _("withdrawal"))
            except ValidationError as error:
                self.add_error("amount", error)
        used = cleaned.get("quota_used")
        if used is not None:
            try:
                if used < 0:
                    raise ValidationError(
                        _("Enter 0 or more for the quota already used, or leave it empty.")
                    )
                if used > 0:
                    validation.check_amount(used, currency, _("quota already used"))
            except ValidationError as error:
                self.add_error("quota_used", error)
        cleaned["currency"] = currency
        return cleaned
