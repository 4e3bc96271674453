"""The provider catalog as rows: loaded from payments/catalog/providers.json, editable by admins.

Filterable facts (merchant countries, customer regions, currencies, channels, wallets) are rows
of ``ProviderCode`` so that they can be queried on any database. Each fee figure is a decimal
column; where it comes from (confidence, source, note) sits next to it in a ``figures`` JSON
object keyed by the column name. A figure missing from ``figures`` does not exist (no minimum,
no free quota); one present with a null column is unconfirmed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from payments.catalog.schema import Access, Channel, Confidence, QuotaPeriod

CONFIDENCE_CHOICES = [(c.value, c.value) for c in Confidence]
FIGURE = {"max_digits": 14, "decimal_places": 4, "null": True, "blank": True}


class CodeKind(models.TextChoices):
    MERCHANT_COUNTRY = "merchant_country", _("Onboards merchants in")
    CUSTOMER_REGION = "customer_region", _("Serves customers in")
    EXCLUDED_REGION = "excluded_region", _("Does not serve customers in")
    CURRENCY = "currency", _("Accepts currency")
    CHANNEL = "channel", _("Sales channel")
    WALLET = "wallet", _("Wallet accepted")


class CatalogRelease(models.Model):
    """The one row saying which version of the data file is loaded.

    ``token`` changes whenever any catalog row changes (a load that changed something, or an
    admin edit), so that processes caching the catalog know when to read it again."""

    version = models.PositiveIntegerField(_("data file version"), default=0)
    as_of = models.DateField(_("figures as of"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    token = models.CharField(max_length=32, editable=False)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("catalog release")
        verbose_name_plural = _("catalog release")

    def __str__(self) -> str:
        return f"v{self.version} ({self.as_of})"


class Provider(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    access = models.CharField(
        _("access"), max_length=16, choices=[(a.value, a.value) for a in Access]
    )
    psp = models.CharField(_("through PSP"), max_length=100, blank=True)
    summary = models.TextField(_("summary"))
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive providers are neither shown nor quoted.")
    )
    position = models.PositiveSmallIntegerField(_("position in the data file"), default=0)
    coverage_confidence = models.CharField(max_length=16, choices=CONFIDENCE_CHOICES)
    coverage_sources = models.JSONField(default=list, blank=True)
    coverage_note = models.TextField(blank=True)
    support_note = models.TextField(blank=True)
    certifications_note = models.TextField(blank=True)
    sandbox_available = models.BooleanField(null=True, blank=True)
    sandbox_confidence = models.CharField(max_length=16, choices=CONFIDENCE_CHOICES)
    sandbox_source = models.CharField(max_length=64, blank=True)
    sandbox_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class ProviderSource(models.Model):
    """A page a figure was read from; figures cite it by ``key``."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(max_length=64)
    url = models.URLField(max_length=500)
    date = models.CharField(max_length=10, blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    kind = models.CharField(
        max_length=16, choices=[c for c in CONFIDENCE_CHOICES if c[0] != "unconfirmed"]
    )
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "key"], name="payments_source_key")
        ]

    def __str__(self) -> str:
        return self.key


class ProviderCode(models.Model):
    """One filterable coverage fact: provider X onboards merchants in CN, accepts CNY, ..."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="codes")
    kind = models.CharField(max_length=20, choices=CodeKind.choices)
    code = models.CharField(max_length=32, help_text='"*" means any')

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "kind", "code"], name="payments_code")
        ]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.kind}={self.code}"


class FeeSchedule(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="fee_schedules")
    key = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    merchant_countries = models.JSONField(default=list)
    channels = models.JSONField(default=list, help_text=", ".join(c.value for c in Channel))
    currency = models.CharField(max_length=3, blank=True)
    settlement_currencies = models.JSONField(default=list)
    percent = models.DecimalField(**FIGURE)
    fixed = models.DecimalField(**FIGURE)
    cross_border_percent = models.DecimalField(**FIGURE)
    fx_percent = models.DecimalField(**FIGURE)
    pass_through_percent = models.DecimalField(**FIGURE)
    settlement_days = models.DecimalField(**FIGURE)
    figures = models.JSONField(
        default=dict, blank=True, help_text="Per figure: confidence, source (a source key), note."
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "key"], name="payments_schedule_key")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}/{self.key}"


class PayoutRule(models.Model):
    schedule = models.OneToOneField(FeeSchedule, on_delete=models.CASCADE, related_name="payout")
    percent = models.DecimalField(**FIGURE)
    fixed = models.DecimalField(**FIGURE)
    minimum = models.DecimalField(**FIGURE)
    maximum = models.DecimalField(**FIGURE)
    free_quota = models.DecimalField(**FIGURE)
    free_quota_period = models.CharField(
        max_length=16, blank=True, choices=[(p.value, p.value) for p in QuotaPeriod]
    )
    figures = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("payout rule")
        verbose_name_plural = _("payout rules")

    def __str__(self) -> str:
        return f"payout of {self.schedule}"


class CredentialField(models.Model):
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="credential_fields"
    )
    name = models.CharField(max_length=64)
    secret = models.BooleanField(default=False)
    required = models.BooleanField(default=True)
    format_hint = models.CharField(max_length=300)
    confirmed = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="payments_credential_name")
        ]

    def __str__(self) -> str:
        return self.name


class KycRequirement(models.Model):
    """A document the provider asks merchants of one country (or "*": any country) for."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="kyc_documents")
    country = models.CharField(max_length=2, help_text='ISO 3166 code, or "*" for any country')
    code = models.CharField(max_length=64)
    label = models.TextField()
    confidence = models.CharField(max_length=16, choices=CONFIDENCE_CHOICES)
    source = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "country", "code"], name="payments_kyc")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.code}"


class SupportChannel(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(max_length=32)
    detail = models.CharField(max_length=300)
    confidence = models.CharField(max_length=16, choices=CONFIDENCE_CHOICES)
    source = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "kind", "detail"], name="payments_support_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


class Certification(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=200)
    confidence = models.CharField(max_length=16, choices=CONFIDENCE_CHOICES)
    source = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="payments_certification_once")
        ]

    def __str__(self) -> str:
        return self.name
