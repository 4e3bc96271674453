"""``{% fragment "name" value ... %}...{% endfragment %}``: a piece of a page rendered once per
language and values, then reused from process memory.

Most of a page's rendering time goes to its layout (header, stepper, step list), which is the
same for every merchant at the same point of the journey. The body of a fragment must depend
on nothing but the values it names, the language and constants (translated texts, static
paths, URLs without arguments): never a CSRF token, a CSP nonce, the request's path or flash
messages, since its bytes are served to every request with the same key. To keep keys honest
a value must be plain data (text, number, boolean, None, a list or tuple of them) or offer a
``fragment_key`` of plain data; a model instance is refused rather than keyed by its id.
"""

from decimal import Decimal

from django import template
from django.urls import get_script_prefix
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from onboarding.memo import BoundedMemo

register = template.Library()
_FRAGMENTS: BoundedMemo[SafeString] = BoundedMemo(4096)
_PLAIN = (str, int, bool, Decimal, type(None))


def fragment_key(value: object) -> object:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(fragment_key(item) for item in value)
    key = getattr(value, "fragment_key", None)
    if key is not None:
        return fragment_key(key)
    raise template.TemplateSyntaxError(
        f"{type(value).__name__} cannot key a fragment: pass plain values or a fragment_key."
    )


def clear_fragments() -> None:
    _FRAGMENTS.clear()


class FragmentNode(template.Node):
    # Hidden from get_nodes_by_type, which {% extends %} runs over the parent on every
    # render to find its blocks: a fragment holds no block (its bytes are fixed per key).
    child_nodelists = ()

    def __init__(self, name: str, values: list, nodelist: template.NodeList):
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context) -> SafeString:
        key = (
            self.name,
            get_language(),
            get_script_prefix(),
            *(fragment_key(value.resolve(context)) for value in self.values),
        )
        html = _FRAGMENTS.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered template)
            _FRAGMENTS.put(key, html)
        return html


@register.tag
def fragment(parser, token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name first.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
