"""The provider catalog, kept as versioned data (providers.json, fx_rates.json, loaded by
schema.py), and the display names of the codes that data uses: channels, wallets, regions and
support channels. Names are lazy translations so they render in the reader's language."""

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payments.catalog.schema import Channel, Confidence

type Text = str | Promise

CHANNEL_LABELS: Mapping[Channel, Text] = MappingProxyType(
    {
        Channel.WEB: _("online (website)"),
        Channel.APP: _("in-app"),
        Channel.MINI_PROGRAM: _("mini-program"),
        Channel.INSTORE_QR: _("in-store QR code"),
        Channel.POS: _("in-store card terminal (POS)"),
    }
)

WALLET_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "akulaku": _("Akulaku"),
        "alipay": _("Alipay"),
        "alipayhk": _("AlipayHK"),
        "applepay": _("Apple Pay"),
        "boost": _("Boost"),
        "cards": _("bank cards"),
        "dana": _("DANA"),
        "gcash": _("GCash"),
        "googlepay": _("Google Pay"),
        "kakaopay": _("Kakao Pay"),
        "klarna": _("Klarna"),
        "paypal": _("PayPal"),
        "paypay": _("PayPay"),
        "rabbitlinepay": _("Rabbit LINE Pay"),
        "touchngo": _("Touch 'n Go eWallet"),
        "truemoney": _("TrueMoney"),
        "unionpay": _("UnionPay"),
        "wechatpay": _("WeChat Pay"),
    }
)

# Regions are ISO 3166 alpha-2 codes; names for the ones merchants pick most. An unlisted code
# is shown as the code itself rather than guessed.
REGION_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "AE": _("the United Arab Emirates"),
        "AU": _("Australia"),
        "CA": _("Canada"),
        "CN": _("mainland China"),
        "DE": _("Germany"),
        "ES": _("Spain"),
        "FR": _("France"),
        "GB": _("the United Kingdom"),
        "HK": _("Hong Kong"),
        "ID": _("Indonesia"),
        "IE": _("Ireland"),
        "IN": _("India"),
        "IT": _("Italy"),
        "JP": _("Japan"),
        "KR": _("South Korea"),
        "MO": _("Macao"),
        "MY": _("Malaysia"),
        "NL": _("the Netherlands"),
        "NZ": _("New Zealand"),
        "PH": _("the Philippines"),
        "SG": _("Singapore"),
        "TH": _("Thailand"),
        "TW": _("Taiwan"),
        "US": _("the United States"),
        "VN": _("Vietnam"),
    }
)

SUPPORT_KIND_LABELS: Mapping[str, Text] = MappingProxyType(
    {
        "account_manager": _("account manager"),
        "chat": _("chat"),
        "community": _("community forum"),
        "email": _("email"),
        "help_center": _("help centre"),
        "phone": _("phone"),
        "ticket": _("tickets"),
    }
)

# How far a figure can be trusted, in words for merchants (see schema.Confidence).
CONFIDENCE_LABELS: Mapping[Confidence, Text] = MappingProxyType(
    {
        Confidence.OFFICIAL: _("official page"),
        Confidence.TRANSCRIPTION: _("copy of an official page"),
        Confidence.THIRD_PARTY: _("third-party source"),
        Confidence.UNCONFIRMED: _("unconfirmed"),
    }
)


def region_name(code: str) -> Text:
    return REGION_NAMES.get(code, code)


def wallet_name(code: str) -> Text:
    return WALLET_NAMES.get(code, code)
