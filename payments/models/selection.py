from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onboarding.models import Application

from .catalog import Provider


class ProviderSelection(models.Model):
    """A provider the merchant chose; drives the documents checklist and the credentials step."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="provider_selections"
    )
    # PROTECT: a provider that leaves the data file is marked inactive, never deleted.
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="selections")
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("provider selection")
        verbose_name_plural = _("provider selections")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "provider"], name="payments_selection_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.provider_id}"
