import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from stdnum.cn import uscc

from onboarding.models import Industry, Merchant, Role
from onboarding.services.teams import INVITABLE_ROLES

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")
_REG_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{1,62}[A-Za-z0-9]$")


class BusinessForm(forms.ModelForm):
    country = forms.ChoiceField(
        label=_("Country or region"),
        choices=[("", "—"), *countries],
        error_messages={
            "invalid_choice": _("Choose your country or region from the list."),
            "required": _("Choose your country or region."),
        },
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        choices=[("", "—"), *Industry.choices],
        error_messages={"invalid_choice": _("Choose your industry from the list.")},
    )

    class Meta:
        model = Merchant
        fields = ["legal_name", "country", "registration_number", "industry", "website"]
        fields += ["contact_phone"]
        help_texts = {
            "legal_name": _("Exactly as on your business licence or company register."),
            "registration_number": _(
                "Mainland China: the 18-character Unified Social Credit Code (统一社会信用代码)."
            ),
            "website": _("Optional. Where customers will pay, e.g. https://shop.example.com"),
            "contact_phone": _("With the country code, e.g. +86 138 0013 8000"),
        }
        error_messages = {
            "legal_name": {"required": _("Enter your business's legal name.")},
            "registration_number": {"required": _("Enter your business registration number.")},
            "contact_phone": {"required": _("Enter a phone number where we can reach you.")},
            "website": {"invalid": _("Enter a full web address, e.g. https://shop.example.com")},
        }

    def clean_legal_name(self) -> str:
        return " ".join(self.cleaned_data["legal_name"].split())

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number of digits, with the country code, e.g. +86 138 0013 8000.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        number = (cleaned.get("registration_number") or "").strip().upper()
        if not number:
            return cleaned
        if cleaned.get("country") == "CN":
            if not uscc.is_valid(number):
                self.add_error(
                    "registration_number",
                    _(
                        "This is not a valid Unified Social Credit Code: it has 18 characters "
                        "and its last one is a check character. Copy it from your licence."
                    ),
                )
                return cleaned
            number = uscc.compact(number)
        elif not _REG_NUMBER.match(number):
            self.add_error(
                "registration_number",
                _("Use 3 to 64 letters, digits, spaces, dots, slashes or dashes."),
            )
            return cleaned
        cleaned["registration_number"] = number
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Teammate's email address"),
        max_length=254,
        error_messages={"invalid": _("Enter a valid email address, e.g. name@example.com")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in Role if r in INVITABLE_ROLES],
        initial=Role.DEVELOPER,
        help_text=_("Developers configure API credentials; viewers can only look."),
    )
