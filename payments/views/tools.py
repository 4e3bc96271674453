"""The FAQ's "how is the withdrawal fee computed", as a calculator anyone can use."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from payments.catalog.schema import PayoutRule, ProviderFacts
from payments.fees import withdrawal_fee as compute_withdrawal_fee
from payments.forms import WithdrawalFeeForm
from payments.money import Money
from payments.selectors import catalog_facts


def _rules(providers: tuple[ProviderFacts, ...]) -> dict[str, tuple[str, PayoutRule]]:
    """Every payout rule whose currency is known, keyed "provider/schedule", with a label."""
    return {
        f"{p.slug}/{s.id}": (f"{p.name} — {s.label}", s.payout)
        for p in providers
        for s in p.fee_schedules
        if s.payout.currency is not None
    }


@require_GET
def withdrawal_fee(request: HttpRequest) -> HttpResponse:
    rules = _rules(catalog_facts().providers)
    bound = any(request.GET.get(name) for name in ("rule", "amount", "quota_used"))
    form = WithdrawalFeeForm(
        request.GET if bound else None,
        rules={key: (label, str(rule.currency)) for key, (label, rule) in rules.items()},
    )
    result = rule = None
    if bound and form.is_valid():
        rule = rules[form.cleaned_data["rule"]][1]
        currency = form.cleaned_data["currency"]
        used = form.cleaned_data.get("quota_used")
        result = compute_withdrawal_fee(
            Money(form.cleaned_data["amount"], currency),
            rule,
            quota_used=Money(used, currency) if used is not None else None,
        )
    return render(
        request, "payments/withdrawal_fee.html", {"form": form, "result": result, "rule": rule}
    )
