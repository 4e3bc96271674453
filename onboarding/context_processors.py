from onboarding.journey import journey_for
from onboarding.selectors import merchant_context_cached


def journey(request):
    ctx = merchant_context_cached(request) if hasattr(request, "user") else None
    if ctx is None:
        return {"merchant_ctx": None, "is_merchant": False, "journey": []}
    return {"merchant_ctx": ctx, "is_merchant": True, "journey": journey_for(ctx)}
