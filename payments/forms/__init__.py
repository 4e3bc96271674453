"""Forms validate and translate input; services do the writing."""

from .amounts import TryVolumeForm, VolumeFields
from .fields import AmountField, PercentField
from .survey import PAGE_FORMS, SurveyPageForm, in_minor_units, initial_for
from .tools import WithdrawalFeeForm

__all__ = [
    "PAGE_FORMS",
    "AmountField",
    "PercentField",
    "SurveyPageForm",
    "TryVolumeForm",
    "VolumeFields",
    "WithdrawalFeeForm",
    "in_minor_units",
    "initial_for",
]
