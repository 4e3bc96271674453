from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Industry(models.TextChoices):
    RETAIL = "retail", _("Retail shop")
    ECOMMERCE = "ecommerce", _("Online shop (physical goods)")
    FOOD = "food", _("Restaurant, café or food")
    TRAVEL = "travel", _("Travel and hospitality")
    EDUCATION = "education", _("Education and training")
    DIGITAL = "digital", _("Software and digital goods")
    GAMES = "games", _("Online games")
    SERVICES = "services", _("Professional services")
    HEALTH = "health", _("Health and wellness")
    CROSS_BORDER = "cross_border", _("Cross-border trade")
    CHARITY = "charity", _("Charity and non-profit")
    OTHER = "other", _("Other")


class Merchant(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    country = CountryField(_("country or region"))
    registration_number = models.CharField(_("registration number"), max_length=64)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices)
    website = models.URLField(_("website"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")

    def __str__(self) -> str:
        return self.legal_name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    DEVELOPER = "developer", _("Developer")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A person's place in one merchant's team (one merchant per person)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.merchant} ({self.role})"


class Invitation(models.Model):
    """A single-use invitation; only a hash of its token is stored."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.merchant}"
