"""Fee engine: what one provider would cost one merchant a month, line by line.

Pure functions over Decimal: no ORM, no I/O, no settings. Every user-facing string is a lazy
translation, filled in only when rendered.

How an estimate is built (``estimate``), all amounts in the merchant's currency:

* The provider's fee schedule is the one published for the merchant's country and channels.
  When several apply (say online and in-store prices), the dearest is used and a note says so,
  because the survey does not say how sales split between channels.
* Number of payments = monthly volume / average ticket, rounded half-up to a whole number, at
  least 1.
* Percentage lines (transaction fee, cross-border surcharge on the cross-border share, currency
  conversion, pass-through fees) are computed on the month's amount and **rounded once per
  month**, half-up to the merchant currency's minor unit. Providers round each payment; with
  only an average ticket we cannot, so the true bill may differ by up to half a minor unit per
  payment.
* The fixed fee per payment is converted first (see below) and is then a whole number of minor
  units, so ``fixed x payments`` needs no rounding.
* Payouts: the month's sales (gross; fees are not deducted, which slightly overstates a
  percentage fee) are withdrawn in ``payouts_per_month`` equal parts, the first ones one minor
  unit larger so that the parts add up exactly. Each withdrawal's fee is **rounded per
  withdrawal**: percentage of the part above the free quota plus the fixed fee, held between
  the minimum and maximum, nothing when the quota covers it all. The free quota is consumed
  withdrawal by withdrawal, month by month (a lifetime quota carries over; a monthly one
  restarts) over the first 12 months; the payout line is the average of those 12 months,
  rounded half-up once. ``Estimate.payout_months`` shows each month.
* Fees published in another currency: each fixed amount (per-payment fee, payout fixed fee,
  minimum, maximum, free quota) is converted with the rates table and rounded half-up to the
  merchant currency's minor unit *before* use; the estimate carries the rate and its date.
* The total is the exact sum of the lines. Effective rate = total / volume, in percent, rounded
  half-up to 2 decimals. When a figure the estimate needs is unconfirmed (null in the catalog),
  its line has no amount, the total is None, and ``unconfirmed`` names what is missing;
  ``known_part`` still adds up the lines that are known.
"""

from payments.fees.estimate import applicable_schedules, estimate
from payments.fees.payouts import ESTIMATE_MONTHS, withdrawal_fee
from payments.fees.results import Estimate, FeeLine, LineKind, PayoutMonth, WithdrawalFee
from payments.fees.survey import (
    HUNDRED,
    MAX_MONTHLY_VOLUME,
    MAX_PAYOUTS_PER_MONTH,
    PRIORITY_LABELS,
    Priority,
    SurveyError,
    SurveyFacts,
)
from payments.fees.text import Text, format_percent, interpolate, join_text

__all__ = [
    "ESTIMATE_MONTHS",
    "HUNDRED",
    "MAX_MONTHLY_VOLUME",
    "MAX_PAYOUTS_PER_MONTH",
    "PRIORITY_LABELS",
    "Estimate",
    "FeeLine",
    "LineKind",
    "PayoutMonth",
    "Priority",
    "SurveyError",
    "SurveyFacts",
    "Text",
    "WithdrawalFee",
    "applicable_schedules",
    "estimate",
    "format_percent",
    "interpolate",
    "join_text",
    "withdrawal_fee",
]
