from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise DomainError(_("The audit trail is append-only."))

    def delete(self):
        raise DomainError(_("The audit trail is append-only."))


class AuditEvent(models.Model):
    """Append-only record of who changed what, when (state transitions, staff file views)."""

    merchant = models.ForeignKey(
        "onboarding.Merchant", on_delete=models.PROTECT, null=True, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    action = models.CharField(max_length=64)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        subject = f"{self.subject_type}#{self.subject_id}"
        return f"{subject} {self.action} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError(_("The audit trail is append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError(_("The audit trail is append-only."))
