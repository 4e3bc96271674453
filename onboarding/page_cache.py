"""Whole pages rendered once per key, with holes for what changes on every request.

Rendering the layout costs more than everything else a merchant page does, and for a given
user state, language and path the page comes out the same except for three things: the CSRF
token (masked anew on each request), the CSP nonce, and flash messages. ``render_page``
renders the page with unguessable placeholders for the token and the nonce, keeps the bytes
by key in process memory (bounded in bytes), and fills in the request's own values each
time; a request with messages to show is rendered in full.

The key must name everything the page shows: the layout's part (language, path, the user's
flags, merchant and journey) is added here; the view passes the rest. Two requests with the
same key get the same bytes, so a value missing from the key would show one merchant's page
to another: views pass the same plain values their templates read.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from onboarding.journey import journey_for
from onboarding.memo import BoundedMemo
from onboarding.selectors import merchant_context_cached
from onboarding.templatetags.fragments import fragment_key

# Random per process, so no text a merchant types can be taken for a hole.
CSRF_HOLE = "csrfhole" + secrets.token_hex(16)
NONCE_HOLE = "noncehole" + secrets.token_hex(16)

_HOLES = re.compile(f"({CSRF_HOLE}|{NONCE_HOLE})")
_PAGES: BoundedMemo[_Page] = BoundedMemo(16 * 1024 * 1024, weight=lambda page: page.size)


def layout_key(request: HttpRequest) -> tuple:
    """What the layout (base.html) shows besides the page's own content."""
    user = request.user
    ctx = merchant_context_cached(request)
    journey = fragment_key(journey_for(ctx)) if ctx is not None else ()
    return (user.is_authenticated, user.is_staff, ctx is not None, journey)


def render_page(
    request: HttpRequest, template_name: str, context: dict[str, Any], *, key: tuple
) -> HttpResponse:
    if get_messages(request):
        return render(request, template_name, context)
    full_key = (
        template_name,
        get_language(),
        get_script_prefix(),
        request.get_full_path(),
        layout_key(request),
        fragment_key(key),
    )
    page = _PAGES.get(full_key)
    if page is None:
        holes = {"csrf_token": CSRF_HOLE, "csp_nonce": NONCE_HOLE}
        page = _Page.of(render_to_string(template_name, {**context, **holes}, request))
        _PAGES.put(full_key, page)
    fills = {}
    if page.has_csrf:
        fills[CSRF_HOLE] = get_token(request).encode()
    if page.has_nonce:
        fills[NONCE_HOLE] = str(request._csp_nonce).encode()  # type: ignore[attr-defined]
    return HttpResponse(b"".join(fills[p] if isinstance(p, str) else p for p in page.parts))


@dataclass(frozen=True)
class _Page:
    """The page's UTF-8 bytes cut at the holes (the holes kept as their names)."""

    parts: tuple[bytes | str, ...]
    has_csrf: bool
    has_nonce: bool
    size: int

    @classmethod
    def of(cls, html: str) -> _Page:
        parts = tuple(
            piece if piece in (CSRF_HOLE, NONCE_HOLE) else piece.encode()
            for piece in _HOLES.split(html)
        )
        return cls(parts, CSRF_HOLE in parts, NONCE_HOLE in parts, len(html))


def clear_pages() -> None:
    _PAGES.clear()
