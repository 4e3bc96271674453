from onboarding.journey import journey_for
from onboarding.selectors import merchant_context_cached


def journey(request):
    ctx = merchant_context_cached(request) if hasattr(request, "user") else None
    if ctx is None:
        return {"merchant_ctx": None, "journey": []}
    return {"merchant_ctx": ctx, "journey": journey_for(ctx)}
