"""Writing the market survey: page by page from the pages, whole from the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import Application, AuditEvent, User
from payments.catalog.schema import Channel
from payments.fees import Priority, SurveyError
from payments.models import Survey, SurveyRegion, SurveyWallet
from payments.selectors import application_is_editable, survey_facts
from payments.selectors.application import SurveyIncomplete


@dataclass(frozen=True)
class SurveyAnswers:
    """Answers to write; None means "not on this page": the stored answer stays."""

    merchant_country: str | None = None
    currency: str | None = None
    region_shares: Mapping[str, Decimal] | None = None
    cross_border_share: Decimal | None = None
    channels: frozenset[Channel] | None = None
    wallet_shares: Mapping[str, Decimal] | None = None
    monthly_volume: Decimal | None = None
    average_ticket: Decimal | None = None
    payout_frequency: str | None = None
    priorities: frozenset[Priority] | None = None

    def given(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not None]


_COLUMNS = (
    "merchant_country",
    "currency",
    "cross_border_share",
    "monthly_volume",
    "average_ticket",
    "payout_frequency",
)


def ensure_editable(application: Application) -> None:
    if not application_is_editable(application):
        raise DomainError(
            _(
                "Your application is %(status)s, so this can no longer be changed. If something "
                "is wrong, write to support."
            )
            % {"status": application.get_status_display().lower()},
            extra={"status": application.status},
        )


def survey_update(*, application: Application, actor: User, answers: SurveyAnswers) -> Survey:
    """Write ``answers`` into the application's survey; all or nothing.

    Changing the currency clears stored amounts that the same call does not give again: an
    amount in the old currency means nothing in the new one. When every page is answered the
    survey must convert to the fee engine's input, or nothing is saved.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        ensure_editable(locked)
        survey, _created = Survey.objects.get_or_create(application=locked)
        currency_changed = (
            answers.currency is not None
            and bool(survey.currency)
            and answers.currency != survey.currency
        )
        for name in _COLUMNS:
            value = getattr(answers, name)
            if value is not None:
                setattr(survey, name, value)
        if currency_changed and answers.monthly_volume is None:
            # An amount in the old currency means nothing in the new one.
            survey.monthly_volume = None  # type: ignore[assignment]
            survey.average_ticket = None  # type: ignore[assignment]
        if answers.channels is not None:
            for channel in Channel:
                setattr(survey, f"channel_{channel.value}", channel in answers.channels)
        if answers.priorities is not None:
            for priority in Priority:
                setattr(survey, f"priority_{priority.value}", priority in answers.priorities)
        if answers.region_shares is not None:
            survey.regions.all().delete()
            SurveyRegion.objects.bulk_create(
                SurveyRegion(survey=survey, region=code, share=share)
                for code, share in answers.region_shares.items()
            )
        if answers.wallet_shares is not None:
            survey.wallets.all().delete()
            SurveyWallet.objects.bulk_create(
                SurveyWallet(survey=survey, wallet=code, share=share)
                for code, share in answers.wallet_shares.items()
            )
        _mark_completion(survey)
        survey.save()
        AuditEvent.objects.create(
            merchant_id=locked.merchant_id,
            actor=actor,
            subject_type="payments.survey",
            subject_id=str(survey.pk),
            action="survey_updated",
            note=", ".join(answers.given()),
        )
    return survey


def _mark_completion(survey: Survey) -> None:
    # Re-read the child rows just written, not a prefetched copy.
    if hasattr(survey, "_prefetched_objects_cache"):
        survey._prefetched_objects_cache.clear()
    try:
        survey_facts(survey)
    except SurveyIncomplete:
        survey.completed_at = None
        return
    except SurveyError as error:
        raise DomainError(error.message) from None
    if survey.completed_at is None:
        survey.completed_at = timezone.now()
