"""The market survey: one per application, answered page by page, stored as plain columns.

Region shares and wallets are child rows; channels and priorities are one boolean each (the
lists are enums in code, so a new one needs a migration anyway). Money is a Decimal amount
in ``currency``. Which pages are answered is read from the columns (see ``pages_done``);
``completed_at`` is set by the service once every page is answered and the whole survey
converts to the fee engine's ``SurveyFacts``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from onboarding.models import Application
from payments.catalog import WALLET_NAMES
from payments.catalog.schema import Channel
from payments.fees import Priority
from payments.money import MINOR_UNITS

# 10^13 with 3 decimals (BHD, KWD): the fee engine's ceiling, well inside Decimal precision.
MONEY = {"max_digits": 17, "decimal_places": 3, "null": True, "blank": True}
SHARE = {"max_digits": 5, "decimal_places": 2}
CURRENCY_CHOICES = [(code, code) for code in sorted(MINOR_UNITS)]
WALLET_CHOICES = [(code, label) for code, label in WALLET_NAMES.items()]


class PayoutFrequency(models.TextChoices):
    NEVER = "never", _("Never: keep the money in the provider account")
    MONTHLY = "monthly", _("Once a month")
    TWICE_MONTHLY = "twice_monthly", _("Twice a month")
    WEEKLY = "weekly", _("Once a week")
    DAILY = "daily", _("Every day")


PAYOUTS_PER_MONTH = {
    PayoutFrequency.NEVER: 0,
    PayoutFrequency.MONTHLY: 1,
    PayoutFrequency.TWICE_MONTHLY: 2,
    PayoutFrequency.WEEKLY: 4,
    PayoutFrequency.DAILY: 30,
}


class Survey(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="survey")
    # Page "market"
    merchant_country = CountryField(_("country or region of your business"), blank=True)
    currency = models.CharField(
        _("currency you sell in"), max_length=3, blank=True, choices=CURRENCY_CHOICES
    )
    # Page "customers" (plus SurveyRegion rows)
    cross_border_share = models.DecimalField(
        _("share of sales from abroad (%)"), null=True, blank=True, **SHARE
    )
    # Page "channels" (plus SurveyWallet rows)
    channel_web = models.BooleanField(_("online (website)"), default=False)
    channel_app = models.BooleanField(_("in-app"), default=False)
    channel_mini_program = models.BooleanField(_("mini-program"), default=False)
    channel_instore_qr = models.BooleanField(_("in-store QR code"), default=False)
    channel_pos = models.BooleanField(_("in-store card terminal (POS)"), default=False)
    # Page "volume"
    monthly_volume = models.DecimalField(_("expected monthly sales"), **MONEY)
    average_ticket = models.DecimalField(_("average payment"), **MONEY)
    payout_frequency = models.CharField(
        _("payouts to your bank"), max_length=16, blank=True, choices=PayoutFrequency.choices
    )
    priority_lowest_cost = models.BooleanField(_("lowest cost"), default=False)
    priority_fastest_settlement = models.BooleanField(_("fastest settlement"), default=False)
    priority_widest_reach = models.BooleanField(_("widest reach"), default=False)
    priority_best_support = models.BooleanField(_("best support"), default=False)

    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("market survey")
        verbose_name_plural = _("market surveys")

    def __str__(self) -> str:
        return f"survey of application {self.application_id}"

    @property
    def channels(self) -> frozenset[Channel]:
        return frozenset(c for c in Channel if getattr(self, f"channel_{c.value}"))

    @property
    def priorities(self) -> frozenset[Priority]:
        return frozenset(p for p in Priority if getattr(self, f"priority_{p.value}"))

    @property
    def payouts_per_month(self) -> int | None:
        if not self.payout_frequency:
            return None
        return PAYOUTS_PER_MONTH[PayoutFrequency(self.payout_frequency)]


class SurveyRegion(models.Model):
    """Where a share of the merchant's customers are; the shares of a survey add up to 100."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="regions")
    region = CountryField(_("customer region"))
    share = models.DecimalField(_("share of customers (%)"), **SHARE)

    class Meta:
        ordering = ["-share", "region"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "region"], name="payments_survey_region")
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.share}%"


class SurveyWallet(models.Model):
    """A wallet the merchant's customers already use, with the share of customers who do."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="wallets")
    wallet = models.CharField(_("wallet"), max_length=32, choices=WALLET_CHOICES)
    share = models.DecimalField(_("share of customers who use it (%)"), **SHARE)

    class Meta:
        ordering = ["-share", "wallet"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "wallet"], name="payments_survey_wallet")
        ]

    def __str__(self) -> str:
        return f"{self.wallet}: {self.share}%"
