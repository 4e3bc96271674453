from .catalog import (
    CatalogRelease,
    Certification,
    CodeKind,
    CredentialField,
    FeeSchedule,
    KycRequirement,
    PayoutRule,
    Provider,
    ProviderCode,
    ProviderSource,
    SupportChannel,
)
from .selection import ProviderSelection
from .survey import PAYOUTS_PER_MONTH, PayoutFrequency, Survey, SurveyRegion, SurveyWallet

__all__ = [
    "PAYOUTS_PER_MONTH",
    "CatalogRelease",
    "Certification",
    "CodeKind",
    "CredentialField",
    "FeeSchedule",
    "KycRequirement",
    "PayoutFrequency",
    "PayoutRule",
    "Provider",
    "ProviderCode",
    "ProviderSelection",
    "ProviderSource",
    "SupportChannel",
    "Survey",
    "SurveyRegion",
    "SurveyWallet",
]
