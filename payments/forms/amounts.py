"""Monthly volume and average ticket: on the survey's last page and the comparison's what-if."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from payments import validation
from payments.forms.fields import AmountField


class VolumeFields(forms.Form):
    """Monthly volume and average ticket, checked in the survey's currency."""

    monthly_volume = AmountField(label=_("Expected sales per month"))
    average_ticket = AmountField(label=_("Average amount of one payment"))

    def __init__(self, *args: Any, currency: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        if currency:
            for name in ("monthly_volume", "average_ticket"):
                label = self.fields[name].label
                self.fields[name].label = _("%(label)s (%(currency)s)") % {
                    "label": label,
                    "currency": currency,
                }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        volume, ticket = cleaned.get("monthly_volume"), cleaned.get("average_ticket")
        checks = (
            ("monthly_volume", volume, _("monthly sales")),
            ("average_ticket", ticket, _("average payment")),
        )
        for name, value, what in checks:
            if value is not None:
                try:
                    validation.check_amount(value, self.currency, what)
                except ValidationError as error:
                    self.add_error(name, error)
        if volume is not None and ticket is not None and not self.errors:
            try:
                validation.check_ticket_within_volume(volume, ticket, self.currency)
            except ValidationError as error:
                self.add_error("average_ticket", error)
        return cleaned


class TryVolumeForm(VolumeFields):
    """The comparison page's "try another volume or ticket": nothing is saved."""
