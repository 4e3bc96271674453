from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from onboarding.health import health_report


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "onboarding/home.html")


@require_GET
@never_cache
def healthz(request):
    ok, report = health_report()
    return JsonResponse({"status": "ok" if ok else "degraded", **report}, status=200 if ok else 503)


@require_GET
def ping(request):
    """Touches nothing: the framework's ceiling, for benchmarks."""
    return HttpResponse(b"pong", content_type="text/plain")
