"""Survey answer checks shared by the survey pages and the API, each saying how to fix it.

They raise Django's ValidationError (DRF turns it into a field error too). The fee engine's
SurveyFacts checks the same rules again as the last line of defence.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from payments.fees import MAX_MONTHLY_VOLUME, Text, format_percent
from payments.money import Money, is_known_currency, is_whole_minor_units, minor_unit

HUNDRED = Decimal(100)
# Messages for the decimal fields of forms and serializers, by Django's and DRF's codes.
AMOUNT_MESSAGES = {
    "invalid": _("Enter the amount as a number, e.g. 250000.00: digits and one decimal point."),
    "required": _("Enter an amount, e.g. 250000.00."),
    "null": _("Enter an amount, e.g. 250000.00."),
    "max_digits": _("That number is too long: enter at most 14 digits before the decimal point."),
    "max_whole_digits": _(
        "That number is too long: enter at most 14 digits before the decimal point."
    ),
    "max_decimal_places": _("Use at most 3 decimals, e.g. 99.95."),
    "max_string_length": _("That number is too long: enter at most 14 digits."),
}
PERCENT_MESSAGES = {
    "invalid": _("Enter a percentage as a number from 0 to 100, e.g. 25 or 12.5."),
    "required": _("Enter a percentage from 0 to 100, e.g. 25."),
    "null": _("Enter a percentage from 0 to 100, e.g. 25."),
    "max_digits": _("Enter a percentage from 0 to 100 with at most 2 decimals, e.g. 12.5."),
    "max_whole_digits": _("Enter a percentage from 0 to 100 with at most 2 decimals, e.g. 12.5."),
    "max_decimal_places": _("Use at most 2 decimals, e.g. 12.25."),
    "max_string_length": _("Enter a percentage from 0 to 100, e.g. 25."),
    "min_value": _("Enter a percentage from 0 to 100, e.g. 25."),
    "max_value": _("Enter a percentage from 0 to 100, e.g. 25."),
}


def check_currency(code: str) -> None:
    if not is_known_currency(code):
        raise ValidationError(
            _("%(code)s is not a currency we know: choose one from the list, e.g. CNY or USD."),
            code="unknown_currency",
            params={"code": code},
        )


def check_amount(value: Decimal, currency: str, what: Text) -> None:
    """A positive amount of ``currency`` that the fee engine can work with."""
    if value <= 0:
        raise ValidationError(
            _("Enter a %(what)s above zero, e.g. 250000."),
            code="not_positive",
            params={"what": what},
        )
    if value > MAX_MONTHLY_VOLUME:
        raise ValidationError(
            _("That %(what)s is too large: enter the amount for one month, at most %(max)s."),
            code="too_large",
            params={"what": what, "max": f"{MAX_MONTHLY_VOLUME:,f}"},
        )
    if is_known_currency(currency) and not is_whole_minor_units(value, currency):
        places = minor_unit(currency)
        if places == 0:
            message = _("%(currency)s has no decimals: enter the %(what)s as a whole number.")
        else:
            message = _(
                "%(currency)s has %(places)s decimals: round the %(what)s to %(places)s decimals."
            )
        raise ValidationError(
            message,
            code="minor_unit",
            params={"currency": currency, "places": places, "what": what},
        )


def check_ticket_within_volume(volume: Decimal, ticket: Decimal, currency: str) -> None:
    if ticket > volume:
        raise ValidationError(
            _(
                "The average payment (%(ticket)s) is larger than your monthly sales "
                "(%(volume)s). Enter the amount of one typical payment."
            ),
            code="ticket_above_volume",
            params={
                "ticket": Money(ticket, currency) if is_known_currency(currency) else ticket,
                "volume": Money(volume, currency) if is_known_currency(currency) else volume,
            },
        )


def check_share(value: Decimal) -> None:
    if not 0 <= value <= HUNDRED:
        raise ValidationError(PERCENT_MESSAGES["max_value"], code="share_range")


def check_region_shares(shares: Mapping[str, Decimal]) -> None:
    """At least one region; each share above 0; all of them adding up to exactly 100."""
    if not shares:
        raise ValidationError(
            _("Add at least one region where your customers are, with its share, e.g. 100%."),
            code="no_regions",
        )
    for share in shares.values():
        check_share(share)
        if share == 0:
            raise ValidationError(
                _("Each region needs a share above 0%: enter one, or remove the region."),
                code="zero_share",
            )
    total = sum(shares.values(), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            _(
                "Your customers' shares add up to %(total)s%%, not 100%%. Change them so that "
                "they add up to exactly 100%%."
            ),
            code="shares_not_100",
            params={"total": format_percent(total)},
        )
