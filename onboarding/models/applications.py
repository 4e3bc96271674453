from django.db import models
from django.utils.translation import gettext_lazy as _

from .merchants import Merchant


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    LIVE = "live", _("Live")


class Application(models.Model):
    """The merchant's one onboarding application; its status moves only via transitions.py."""

    merchant = models.OneToOneField(Merchant, on_delete=models.CASCADE, related_name="application")
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.merchant} ({self.get_status_display()})"
