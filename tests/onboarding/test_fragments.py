"""{% fragment %}: layout pieces rendered once per language and values."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from onboarding.models import Merchant

PIECE = Template(
    "{% load i18n fragments %}"
    '{% fragment "test-piece" name %}{% translate "Dashboard" %}: {{ name }} {{ extra }}'
    "{% endfragment %}"
)


def render(**context) -> str:
    return PIECE.render(Context(context))


def test_same_values_give_the_bytes_rendered_first():
    first = render(name="Alpha", extra="one")
    # "extra" is not a key value: a fragment must not read it, and this shows why.
    assert render(name="Alpha", extra="two") == first == "Dashboard: Alpha one"


def test_other_values_or_another_language_render_anew():
    assert render(name="Alpha") == "Dashboard: Alpha "
    assert render(name="Beta") == "Dashboard: Beta "
    with translation.override("zh-hans"):
        assert render(name="Alpha") == "控制台: Alpha "


def test_a_model_instance_cannot_key_a_fragment():
    with pytest.raises(TemplateSyntaxError, match="cannot key a fragment"):
        render(name=Merchant(legal_name="Alpha"))


def test_a_fragment_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment name %}x{% endfragment %}")
