"""What every merchant page needs: the caller's merchant context, and role checks."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from onboarding.permissions import role_allows
from onboarding.selectors import merchant_context_cached


def merchant_required(roles: frozenset[str] | None = None):
    """Logged-in member of a merchant (optionally with one of ``roles``); else the right page."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            ctx = merchant_context_cached(request)
            if ctx is None:
                if request.user.is_staff:
                    return redirect("staff_queue")
                return redirect("business")
            if roles is not None and not role_allows(ctx.role, roles):
                raise Http404
            return view(request, ctx, *args, **kwargs)

        return wrapper

    return decorator


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
