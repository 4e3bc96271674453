from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        from onboarding.journey import register_step_page
        from onboarding.services.documents import EDITABLE

        # The documents page is the journey's "documents" step, done once submitted.
        register_step_page(
            "documents", "documents", lambda ctx: ctx.application.status not in EDITABLE
        )
