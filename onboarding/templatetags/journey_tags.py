"""Journey fragments, rendered once per (template, language, step states) and reused.

The stepper and the step list hold nothing merchant-specific beyond each step's state, so
the few distinct fragments are kept in process memory instead of re-rendered per request.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()
_FRAGMENTS: dict[tuple, SafeString] = {}
_MAX_FRAGMENTS = 1024


@register.simple_tag
def journey_fragment(template_name: str, steps) -> SafeString:
    key = (template_name, get_language(), tuple((s.key, s.state, s.url) for s in steps))
    fragment = _FRAGMENTS.get(key)
    if fragment is None:
        if len(_FRAGMENTS) >= _MAX_FRAGMENTS:
            _FRAGMENTS.clear()
        fragment = mark_safe(render_to_string(template_name, {"steps": steps}))  # noqa: S308
        _FRAGMENTS[key] = fragment
    return fragment
